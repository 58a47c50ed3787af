"""`/help`: generated from the command declarations, so it can never drift."""

from __future__ import annotations

from typing import Any

from bot.admins import is_admin
from bot.commands.spec import Command, Option
from bot.context import Context
from bot.replies import Reply, Section
from bot.validation import describe

INTRO = ("Rebound helps you turn each rejection into a small, kind next step. Everything about "
         "your search is private to you unless you share it.")
CARE = ("Rebound is peer support, not a counsellor or a doctor: it never diagnoses anything or "
        "gives medical advice. If something you write sounds like a crisis, it answers privately "
        "with care and helplines first, keeps your words only if you choose to, and tells a person "
        "only if you ask it to.")


async def show_help(ctx: Context, opts: dict[str, Any]) -> Reply:
    """List every command, or explain one in detail."""
    commands = ctx.services.commands
    wanted = opts.get("command")
    if wanted:
        return _one(wanted, commands)
    admin = await is_admin(ctx)
    lines = [f"- `/{c.name}`: {c.description}" for c in commands.values()
             if not c.admin_only or admin]
    return Reply(text=INTRO, sections=(
        Section(title="Commands", text="\n".join(lines)),
        Section(text="Type `/help <command>` for its options. " + CARE),
    ))


def _one(wanted: str, commands: dict[str, Command]) -> Reply:
    key = wanted.lstrip("/").lower().strip()
    matches = [c for c in commands.values() if c.name == key or c.group == key]
    if not matches:
        raise_hint = ", ".join(sorted({c.group for c in commands.values()}))
        return Reply(text=f"There’s no `/{key[:30]}` command. These exist: {raise_hint}.")
    sections = []
    for command in matches:
        options = "\n".join(_option_line(o) for o in command.options) or "No options."
        sections.append(Section(title=f"/{command.name}", text=f"{command.description}\n{options}"))
    return Reply(text="Options can go in order or as `name:value`; put quotes around values with "
                      "spaces.", sections=tuple(sections))


def _option_line(option: Option) -> str:
    need = "required" if option.required else "optional"
    return f"- `{option.name}` ({need}): {describe(option)}"


COMMANDS = [
    Command("help", "See what Rebound can do, or the options of one command", show_help,
            options=(Option("command", "A command name, like log", max_length=40),)),
]
