"""Register `rebound console`: a REPL community backed by the same database."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from pathlib import Path

from adapters.console.session import ConsoleSession
from bot.app import build
from bot.config import Settings
from bot.platforms import PlatformPlugin
from bot.scheduling import scheduler as scheduling

BANNER = ("Rebound console community. You are {user}. Type /help to see the commands, "
          "/quit to leave.\nEverything you log is private to you; a /win is shared with the channel.")


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add the `console` subcommand."""
    console = sub.add_parser("console", help="try Rebound in the terminal (no token needed)")
    console.add_argument("--as", dest="user", default="", help="act as another member")
    console.add_argument("--script", type=Path, help="run the lines of a file (or - for stdin)")
    console.set_defaults(func=run_console)


async def run_console(args: argparse.Namespace, settings: Settings) -> int:
    """Run the console interactively, or run a script's lines and print each reply."""
    core = await build(settings)
    user = args.user or _default_user()
    session = ConsoleSession(core, user, print, is_admin=not args.user)
    try:
        if args.script or not sys.stdin.isatty():
            await _run_script(session, args.script)
        else:
            await _interactive(session)
    finally:
        await core.services.db.close()
    return 0


async def _run_script(session: ConsoleSession, script: Path | None) -> None:
    text = sys.stdin.read() if script in (None, Path("-")) else script.read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() in ("/quit", "/exit"):
            break
        if line.strip() and not line.lstrip().startswith("#"):
            print(f"{session.prompt}{line}")
        await session.feed(line)


async def _interactive(session: ConsoleSession) -> None:
    print(BANNER.format(user=session.user))
    # Scheduled posts and nudges appear as they fall due, labelled like any post or DM.
    session.core.ports["console"] = session.port
    scheduler = await scheduling.start(session.core)
    try:
        while True:
            try:
                line = await asyncio.to_thread(input, session.prompt)
            except EOFError:
                break
            if line.strip() in ("/quit", "/exit"):
                break
            await session.feed(line)
    finally:
        await scheduler.stop()


def _default_user() -> str:
    try:
        return getpass.getuser() or "you"
    except Exception:
        return "you"


PLATFORM = PlatformPlugin(name="console", add_commands=add_commands)
