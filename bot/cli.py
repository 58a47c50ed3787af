"""The `rebound` command: run platforms, try it in a terminal, look after the database."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from bot import logs
from bot.config import ConfigError, Settings
from bot.content.library import DEFAULT_DIR, load_library
from bot.content.schema import ContentError
from bot.ops import runner, subcommands
from bot.ops.lock import AlreadyRunning
from bot.platforms import PlatformError, discover
from bot.scheduling import preview
from bot.scheduling import scheduler as scheduling
from bot.storage.db import Database


def parser() -> argparse.ArgumentParser:
    """Build the argument parser, including each platform's own subcommands."""
    top = argparse.ArgumentParser(prog="rebound", description="Rebound: peer support for job seekers.")
    top.add_argument("--config", type=Path, help="a rebound.toml (default: REBOUND_CONFIG, "
                     "or ./rebound.toml if present)")
    top.add_argument("--log-json", action="store_true", help="write logs as JSON lines")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = sub.add_parser("run", help="run every platform that has credentials configured")
    run.set_defaults(func=_run)
    db = sub.add_parser("db", help="look after the database").add_subparsers(dest="db", required=True)
    db.add_parser("migrate", help="apply database migrations").set_defaults(func=_migrate)
    backup = db.add_parser("backup", help="copy the live database to a file")
    backup.add_argument("path")
    backup.set_defaults(func=_backup)
    subcommands.add_commands(sub, db)
    content = sub.add_parser("content", help="check the content library").add_subparsers(
        dest="content", required=True)
    content.add_parser("check", help="validate every content file").set_defaults(func=_content_check)
    schedule = sub.add_parser("schedule", help="list what the bot will post and send, and when")
    schedule.add_argument("--community", type=int, help="only this community (its id)")
    schedule.add_argument("--days", type=int, default=7, help="how many days ahead (default 7)")
    schedule.set_defaults(func=_schedule)
    for plugin in discover():
        plugin.add_commands(sub)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = parser().parse_args(argv)
    try:
        settings = Settings.from_env(config=args.config)
    except ConfigError as exc:
        print("Rebound's configuration needs attention:\n" + "\n".join(f"- {p}" for p in exc.problems),
              file=sys.stderr)
        return 2
    quiet = args.command == "console" and not settings.env.get("REBOUND_LOG_LEVEL", "").strip()
    logs.setup("WARNING" if quiet else settings.log_level,
               "json" if args.log_json else settings.log_format, settings.secrets)
    try:
        result = args.func(args, settings)
        if asyncio.iscoroutine(result):
            result = asyncio.run(result)
    except ContentError as exc:
        print(f"Content problem: {exc}", file=sys.stderr)
        return 2
    except PlatformError as exc:
        print(exc, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return int(result or 0)


async def _run(args: argparse.Namespace, settings: Settings) -> int:
    plugins = [p for p in discover() if p.run and p.configured(settings.env)]
    if not plugins:
        print("No platform is configured. Set DISCORD_TOKEN for Discord, or SLACK_BOT_TOKEN and "
              "SLACK_APP_TOKEN for Slack. To try Rebound without any token, run: rebound console",
              file=sys.stderr)
        return 1
    try:
        # One scheduler per process, whatever the platforms, so nothing is planned twice.
        await runner.serve(settings, plugins, companions=(scheduling.start,))
    except (runner.CannotStart, AlreadyRunning) as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


async def _schedule(args: argparse.Namespace, settings: Settings) -> int:
    db = await Database.open(settings.db_path)
    try:
        print(await preview.describe(db, datetime.now(UTC), max(args.days, 1), args.community))
    finally:
        await db.close()
    return 0


async def _migrate(args: argparse.Namespace, settings: Settings) -> int:
    db = await Database.open(settings.db_path, migrate=False)
    try:
        applied = await db.migrate()
    finally:
        await db.close()
    print(f"Applied migrations {applied} to {settings.db_path}" if applied else
          f"{settings.db_path} is up to date.")
    return 0


async def _backup(args: argparse.Namespace, settings: Settings) -> int:
    db = await Database.open(settings.db_path)
    try:
        await db.backup(args.path)
    finally:
        await db.close()
    print(f"Backed up {settings.db_path} to {args.path}")
    return 0


def _content_check(args: argparse.Namespace, settings: Settings) -> int:
    library = load_library(DEFAULT_DIR, settings.content_dir)
    print(f"Content is valid: {len(library.tips)} tips, {len(library.questions)} practice "
          f"questions, {sum(len(t) for t in library.templates.values())} email templates, "
          f"{len(library.posts)} encouragement posts.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
