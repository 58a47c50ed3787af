"""Generate Discord's slash commands from the core's declarations.

Nothing here names a command: ``goal set`` becomes the subcommand ``set`` of
a ``goal`` group because of its name, option types and limits come from its
options, and admin-only commands get Manage Server as their default
permission. A command added to the core appears on Discord unchanged.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Protocol

import discord
from discord import app_commands

from bot.commands.settings import zones
from bot.commands.spec import Command, Option, OptionKind
from bot.text import shorten

DESCRIPTION_LIMIT = 100
CHOICES_LIMIT = 25
ADMIN = discord.Permissions(manage_guild=True)

# Where the values behind an option's ``autocomplete`` key come from.
AUTOCOMPLETE_SOURCES: dict[str, Callable[[], frozenset[str]]] = {"timezone": zones}


class CommandRunner(Protocol):
    """What a slash command does when used: hand it to the router."""

    async def command(self, interaction: discord.Interaction, command: Command,
                      values: dict[str, Any]) -> None: ...


AppCommand = app_commands.Command[Any, ..., Any] | app_commands.Group


def build_tree(client: discord.Client, commands: Mapping[str, Command],
               runner: CommandRunner) -> app_commands.CommandTree:
    """A guild-only command tree holding every declared command."""
    tree = app_commands.CommandTree(
        client,
        allowed_contexts=app_commands.AppCommandContext(guild=True),
        allowed_installs=app_commands.AppInstallationType(guild=True),
    )
    for command in declarations_to_app_commands(commands, runner):
        tree.add_command(command)
    return tree


def declarations_to_app_commands(commands: Mapping[str, Command],
                                 runner: CommandRunner) -> list[AppCommand]:
    """Top-level commands and groups, in the order the core declares them."""
    by_word: dict[str, list[Command]] = {}
    for command in commands.values():
        by_word.setdefault(command.group, []).append(command)
    result: list[AppCommand] = []
    for word, members in by_word.items():
        if len(members) == 1 and not members[0].sub:
            result.append(_top_level(to_app_command(members[0], word, runner), members))
        elif any(not c.sub for c in members):
            raise ValueError(f"/{word} is both a command and a group; Discord allows only one")
        else:
            result.append(_group(word, members, runner))
    return result


def _group(word: str, members: list[Command], runner: CommandRunner) -> app_commands.Group:
    """A group of subcommands; a third word (``setup channel set``) makes a subgroup."""
    group = app_commands.Group(
        name=word, description=_group_description(word, members), guild_only=True,
        default_permissions=ADMIN if all(c.admin_only for c in members) else None)
    subgroups: dict[str, app_commands.Group] = {}
    for command in members:
        words = command.sub.split(" ")
        parent = group
        if len(words) == 2:
            if words[0] not in subgroups:
                inner = [c for c in members if c.sub.split(" ")[0] == words[0]]
                subgroups[words[0]] = app_commands.Group(
                    name=words[0], description=_group_description(words[0], inner), parent=group)
            parent = subgroups[words[0]]
        elif len(words) > 2:
            raise ValueError(f"/{command.name}: Discord allows at most three words in a command")
        parent.add_command(to_app_command(command, words[-1], runner))
    return group


def _top_level(command: app_commands.Command[Any, ..., Any], members: list[Command]
               ) -> app_commands.Command[Any, ..., Any]:
    command.guild_only = True
    if members[0].admin_only:
        command.default_permissions = ADMIN
    return command


def _group_description(word: str, members: list[Command]) -> str:
    subs = [c.name.split(" ")[-1] for c in members]
    listed = subs[0] if len(subs) == 1 else ", ".join(subs[:-1]) + " or " + subs[-1]
    return shorten(f"{word.capitalize()}: {listed}", DESCRIPTION_LIMIT)


def to_app_command(command: Command, name: str, runner: CommandRunner
                   ) -> app_commands.Command[Any, ..., Any]:
    """One slash command whose typed options mirror the declaration's."""
    return app_commands.Command(name=name, description=shorten(command.description, DESCRIPTION_LIMIT),
                                callback=_callback(command, runner))


def _callback(command: Command, runner: CommandRunner) -> Callable[..., Awaitable[None]]:
    """A callback with one typed parameter per option, as discord.py reads from signatures.

    Parameters are named ``o0``, ``o1``... and renamed to the option names,
    so any option name Discord accepts works, even a Python keyword.
    """
    aliases = {f"o{i}": option for i, option in enumerate(command.options)}

    async def run(interaction: discord.Interaction, **given: Any) -> None:
        values = {aliases[key].name: value for key, value in given.items() if value is not None}
        await runner.command(interaction, command, values)

    first = inspect.Parameter("interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                              annotation=discord.Interaction)
    run.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [first, *(_parameter(alias, option) for alias, option in aliases.items())])
    app_commands.describe(**{a: shorten(o.description or o.title, DESCRIPTION_LIMIT)
                             for a, o in aliases.items()})(run)
    app_commands.rename(**{a: o.name for a, o in aliases.items()})(run)
    choices = {a: [app_commands.Choice(name=shorten(_choice_name(c), 100), value=c) for c in o.choices]
               for a, o in aliases.items() if _uses_choices(o)}
    if choices:
        app_commands.choices(**choices)(run)
    completers = {a: _completer(o.autocomplete) for a, o in aliases.items()
                  if o.autocomplete in AUTOCOMPLETE_SOURCES and not _uses_choices(o)}
    if completers:
        app_commands.autocomplete(**completers)(run)
    return run


def _parameter(alias: str, option: Option) -> inspect.Parameter:
    default = inspect.Parameter.empty if option.required else None
    return inspect.Parameter(alias, inspect.Parameter.KEYWORD_ONLY, annotation=_annotation(option),
                             default=default)


def _annotation(option: Option) -> Any:
    """The Discord option type: an integer range, a choice, or text with a length limit."""
    if option.kind is OptionKind.INTEGER:
        if option.min_value is None and option.max_value is None:
            return int
        return app_commands.Range[int, option.min_value, option.max_value]
    if _uses_choices(option):
        return str
    return app_commands.Range[str, None, min(option.max_length, 6000)]


def _uses_choices(option: Option) -> bool:
    """Discord shows up to 25 choices; longer lists are typed and checked by the core."""
    return option.kind is OptionKind.CHOICE and 0 < len(option.choices) <= CHOICES_LIMIT


def _choice_name(choice: str) -> str:
    return choice.replace("_", " ")


def _completer(source: str) -> Callable[..., Awaitable[list[app_commands.Choice[str]]]]:
    async def complete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=v, value=v)
                for v in suggestions(AUTOCOMPLETE_SOURCES[source](), current)]
    return complete


def suggestions(values: frozenset[str], typed: str, limit: int = CHOICES_LIMIT) -> list[str]:
    """Values that start with what was typed, then those containing it; case and spaces ignored."""
    needle = typed.strip().lower().replace(" ", "_")
    ordered = sorted(values, key=str.lower)
    starts = [v for v in ordered if v.lower().startswith(needle)]
    contains = [v for v in ordered if needle in v.lower() and v not in starts]
    return (starts + contains)[:limit]
