"""`rebound doctor`: check configuration, database, content and platforms, printing no secret.

Each check yields a :class:`Finding`. ``problem`` findings stop `rebound run`
from working and make doctor exit non-zero; ``note`` findings are advice.
Doctor only reads: it never creates or migrates the database.
"""

from __future__ import annotations

import sqlite3
import stat
from collections.abc import Sequence
from dataclasses import dataclass

from bot.clock import Clock
from bot.config import SECRET_VARIABLES, Settings
from bot.content.library import DEFAULT_DIR, load_library
from bot.content.schema import ContentError
from bot.crypto import Sealer
from bot.ops import describe
from bot.ops.lock import AlreadyRunning, exclusive
from bot.ops.rekey import Survey, survey
from bot.ops.starts import Starts, delay_for
from bot.platforms import PlatformPlugin
from bot.storage.db import Database, latest_version

OK, NOTE, PROBLEM = "ok", "note", "problem"


@dataclass(frozen=True)
class Finding:
    """One line of the report: how serious, about what, and what to know or do."""

    level: str
    area: str
    text: str


async def examine(settings: Settings, plugins: Sequence[PlatformPlugin],
                  clock: Clock) -> list[Finding]:
    """Run every check and collect what it found."""
    configured = [p.name for p in plugins if p.run and p.configured(settings.env)]
    return [*_configuration(settings), *_encryption(settings, configured),
            *await _database(settings, clock), *_content(settings),
            *_platforms(settings, plugins, configured)]


def report(findings: Sequence[Finding]) -> str:
    """Render findings as aligned lines an operator can scan."""
    return "\n".join(f"{f.level:<8} {f.area:<14} {f.text}" for f in findings)


def _configuration(settings: Settings) -> list[Finding]:
    source = f"the environment and {settings.config_file}" if settings.config_file else "the environment"
    found = [Finding(OK, "configuration", f"read from {source}; community time zone "
                     f"{settings.timezone}; logs {settings.log_format} at {settings.log_level}")]
    if settings.metrics_port is None:
        found.append(Finding(NOTE, "health", "/healthz and /metrics are off; set "
                             "REBOUND_METRICS_PORT to turn them on (the Docker health check needs it)"))
    else:
        found.append(Finding(OK, "health", f"/healthz and /metrics on "
                             f"{settings.metrics_host}:{settings.metrics_port}"))
    kept = (f"free-text notes are forgotten after {settings.retention_days} days"
            if settings.retention_days else "free-text notes are kept until members delete them")
    found.append(Finding(OK, "retention", kept))
    file = settings.config_file
    if file and any(settings.env.get(v) for v in SECRET_VARIABLES) and \
            file.stat().st_mode & (stat.S_IRGRP | stat.S_IROTH):
        found.append(Finding(NOTE, "configuration", f"{file} can be read by other users; if it holds "
                             f"secrets, run: chmod 600 {file}"))
    return found


def _encryption(settings: Settings, configured: list[str]) -> list[Finding]:
    count = len(settings.encryption_keys)
    if count:
        extra = f" ({count} keys: the first encrypts, all decrypt)" if count > 1 else ""
        return [Finding(OK, "encryption", f"members' notes are encrypted at rest{extra}")]
    level = PROBLEM if configured else NOTE
    return [Finding(level, "encryption", "REBOUND_ENCRYPTION_KEY is not set: `rebound run` needs one "
                    "(create it with `rebound db new-key`); the console stores notes as typed")]


async def _database(settings: Settings, clock: Clock) -> list[Finding]:
    path = settings.db_path
    if not path.exists():
        return [Finding(NOTE, "database", f"{path} does not exist yet; `rebound run` or "
                        "`rebound db migrate` creates it")]
    found = [_running(settings)]
    db = await Database.open(path, migrate=False)
    try:
        version = await db.fetchval("PRAGMA user_version")
        check = await db.fetchval("PRAGMA quick_check")
        texts = await survey(db, Sealer(settings.encryption_keys)) if version else None
    except sqlite3.DatabaseError as exc:
        return [*found, Finding(PROBLEM, "database", f"{path} can't be read: {exc}")]
    finally:
        await db.close()
    latest = latest_version()
    state = "up to date" if version >= latest else \
        f"at version {version} of {latest}; `rebound run` migrates it at start"
    found.append(Finding(OK if check == "ok" else PROBLEM, "database",
                         f"{path}: integrity {check}; schema {state}"))
    if texts is not None:
        found += _texts(texts, bool(settings.encryption_keys))
    found += _starts(settings, clock)
    return found


def _running(settings: Settings) -> Finding:
    try:
        with exclusive(settings.db_path):
            return Finding(OK, "process", "no Rebound process is using the database right now")
    except AlreadyRunning:
        return Finding(OK, "process", "a Rebound process is running on this database")


def _texts(texts: Survey, keyed: bool) -> list[Finding]:
    found = [Finding(OK, "encryption", f"stored texts: {texts.sealed} encrypted, {texts.plain} plain")]
    if texts.locked:
        found.append(Finding(PROBLEM, "encryption", f"{texts.locked} encrypted texts can't be "
                             "opened with the keys configured; add the key they were written with"))
    if texts.plain and keyed:
        found.append(Finding(NOTE, "encryption", "plain texts from before the key was set: "
                             "`rebound db rotate-key` encrypts them"))
    return found


def _starts(settings: Settings, clock: Clock) -> list[Finding]:
    last = Starts(settings.db_path, clock).last()
    if last is None or last.clean or not last.failures:
        return []
    return [Finding(NOTE, "restarts", f"{last.failures} unclean restarts in a row; the next start "
                    f"waits {delay_for(last.failures + 1):.0f} s before connecting")]


def _content(settings: Settings) -> list[Finding]:
    try:
        library = load_library(DEFAULT_DIR, settings.content_dir)
    except ContentError as exc:
        return [Finding(PROBLEM, "content", str(exc))]
    return [Finding(OK, "content", f"{len(library.tips)} tips, {len(library.questions)} practice "
                    f"questions, {len(library.posts)} encouragement posts")]


def _platforms(settings: Settings, plugins: Sequence[PlatformPlugin],
               configured: list[str]) -> list[Finding]:
    found = [Finding(OK, p.name, describe.platform(p.name, settings.env))
             for p in plugins if p.name in configured]
    if not configured:
        found.append(Finding(NOTE, "platforms", "none configured: `rebound run` needs DISCORD_TOKEN "
                             "or SLACK_BOT_TOKEN (see deploy/README.md); `rebound console` needs none"))
    return found

