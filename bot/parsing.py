"""Read a typed command line (`/log applied 3`, `/log activity:applied count:3`).

The console uses this directly and Slack's `/rebound <command> ...` reuses it,
so both accept the same grammar: options in their declared order, or
``name:value`` in any order, with quotes around values that contain spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.commands.spec import Command, OptionKind
from bot.errors import InputError

# Phones type curly double quotes; treat them as plain ones.
_OPTION_LIKE = re.compile(r"^[a-z_]{2,}$")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"'})


@dataclass(frozen=True)
class ParsedLine:
    """A command found in a line, with its raw (not yet validated) option values."""

    command: Command
    raw: dict[str, Any]


def split_words(line: str) -> list[str]:
    """Split on spaces, keeping "double-quoted" runs together.

    Single quotes are left alone on purpose: members type apostrophes
    ("I'm tired") far more often than they quote values.
    """
    words: list[str] = []
    current: list[str] = []
    quoted = False
    started = False
    for char in line.translate(_QUOTES):
        if char == '"':
            quoted = not quoted
            started = True
        elif char.isspace() and not quoted:
            if started:
                words.append("".join(current))
            current, started = [], False
        else:
            current.append(char)
            started = True
    if quoted:
        raise InputError('A quote is left open. Close it, e.g. note:"a long note".')
    if started:
        words.append("".join(current))
    return words


def find_command(words: list[str], commands: dict[str, Command]) -> tuple[Command, list[str]]:
    """Match the leading words to a declared command, group and subcommand."""
    if not words:
        raise InputError("Type a command, for example `/help`.")
    head = words[0].lstrip("/").lower()
    if len(words) > 1 and f"{head} {words[1].lower()}" in commands:
        return commands[f"{head} {words[1].lower()}"], words[2:]
    if head in commands:
        return commands[head], words[1:]
    subs = sorted(c.sub for c in commands.values() if c.group == head and c.sub)
    if subs:
        listed = ", ".join(f"`/{head} {s}`" for s in subs)
        raise InputError(f"`/{head}` needs one more word: {listed}.")
    raise InputError(f"I don’t know `/{_short(head)}`. Type `/help` to see what I can do.")


def parse_line(line: str, commands: dict[str, Command]) -> ParsedLine:
    """Parse a whole command line into a command and its raw option values."""
    command, rest = find_command(split_words(line), commands)
    return ParsedLine(command, parse_options(command, rest))


def parse_options(command: Command, words: list[str]) -> dict[str, Any]:
    """Assign words to options: ``name:value`` by name, the others by position.

    Extra positional words are folded into the last text option, so
    `/win landed a second interview` works without quotes.
    """
    raw: dict[str, Any] = {}
    positional: list[str] = []
    for word in words:
        name, sep, value = word.partition(":")
        if sep and command.option(name.lower()):
            if name.lower() in raw:
                raise InputError(f"**{name.lower()}** is given twice; keep one.", name.lower())
            raw[name.lower()] = value
        elif sep and _OPTION_LIKE.match(name) and value and not value.startswith("//"):
            allowed = ", ".join(o.name for o in command.options) or "no options"
            raise InputError(f"`/{command.name}` has no option called **{_short(name)}**. "
                             f"It takes: {allowed}.", name)
        else:
            positional.append(word)
    free = [o for o in command.options if o.name not in raw]
    if len(positional) > len(free):
        if not free or free[-1].kind is not OptionKind.TEXT:
            extra = positional[len(free)] if free else positional[0]
            raise InputError(
                f"I wasn’t sure what “{_short(extra)}” was for. "
                f"Try `/help {command.name}` to see the options."
            )
        keep = len(free) - 1
        positional = positional[:keep] + [" ".join(positional[keep:])]
    for option, word in zip(free, positional, strict=False):
        raw[option.name] = word
    return raw


def _short(text: str) -> str:
    return text if len(text) <= 30 else text[:29] + "…"
