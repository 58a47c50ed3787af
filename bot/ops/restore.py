"""Restore the database from a backup, keeping a copy of what it replaces.

The backup is checked first (a Rebound database, intact, not from a newer
version). The bot must be stopped: the restore takes the database's lock.
Pages are copied with SQLite's backup API, which writes through the live
database's journal, so stale WAL frames can't reappear; then migrations
bring an older backup up to the current schema.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from bot.ops.lock import exclusive
from bot.storage.db import Database, latest_version


class RestoreError(Exception):
    """The backup can't be restored; the message says why."""


def check_backup(source: Path) -> int:
    """Check that a file is an intact Rebound database no newer than this code; return its version."""
    if not source.is_file():
        raise RestoreError(f"{source} is not a file.")
    try:
        conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            has_members = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'members'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise RestoreError(f"{source} is not a SQLite database ({exc}).") from exc
    if check != "ok":
        raise RestoreError(f"{source} is damaged: integrity check says {check}.")
    if not version or not has_members:
        raise RestoreError(f"{source} is not a Rebound database.")
    if version > latest_version():
        raise RestoreError(f"{source} comes from a newer Rebound (schema {version}, this one knows "
                           f"{latest_version()}); upgrade Rebound first.")
    return version


async def restore(source: Path, target: Path, now: datetime) -> Path | None:
    """Replace ``target`` with ``source``; return where the replaced database was saved, if any."""
    check_backup(source)
    with exclusive(target):
        saved = None
        if target.exists():
            saved = target.with_name(f"{target.name}.before-restore-{now:%Y%m%dT%H%M%SZ}")
            current = await Database.open(target, migrate=False)
            try:
                await current.backup(saved)
            finally:
                await current.close()
        _copy(source, target)
        db = await Database.open(target)
        await db.close()
    return saved


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
