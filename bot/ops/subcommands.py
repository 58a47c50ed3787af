"""The operator's subcommands: `doctor`, and restore, keys and retention under `rebound db`."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from bot.clock import SystemClock
from bot.config import Settings
from bot.crypto import Locked, Sealer, new_key
from bot.ops import doctor
from bot.ops.lock import AlreadyRunning, exclusive
from bot.ops.rekey import reseal_all
from bot.ops.restore import RestoreError, restore
from bot.ops.retention import forget_old_notes
from bot.platforms import discover
from bot.storage.db import Database


def add_commands(sub: argparse._SubParsersAction, db: argparse._SubParsersAction) -> None:
    """Add `doctor` to the top level and the data-care commands under `db`."""
    sub.add_parser("doctor", help="check configuration, database, content and platforms"
                   ).set_defaults(func=_doctor)
    back = db.add_parser("restore", help="replace the database with a backup (stop the bot first)")
    back.add_argument("path", type=Path)
    back.set_defaults(func=_restore)
    db.add_parser("new-key", help="print a new key for REBOUND_ENCRYPTION_KEY").set_defaults(func=_new_key)
    db.add_parser("rotate-key", help="re-encrypt members' notes with the first key in "
                  "REBOUND_ENCRYPTION_KEY (stop the bot first)").set_defaults(func=_rotate_key)
    forget = db.add_parser("forget-notes", help="forget free-text notes older than the retention "
                           "setting, now")
    forget.add_argument("--days", type=int, help="this many days instead of REBOUND_RETENTION_DAYS")
    forget.set_defaults(func=_forget_notes)


async def _doctor(args: argparse.Namespace, settings: Settings) -> int:
    findings = await doctor.examine(settings, discover(), SystemClock())
    print(doctor.report(findings))
    return 1 if any(f.level == doctor.PROBLEM for f in findings) else 0


async def _restore(args: argparse.Namespace, settings: Settings) -> int:
    try:
        saved = await restore(args.path, settings.db_path, datetime.now(UTC))
    except (RestoreError, AlreadyRunning) as exc:
        print(f"Nothing was restored: {exc}", file=sys.stderr)
        return 1
    print(f"Restored {settings.db_path} from {args.path}.")
    if saved:
        print(f"The database it replaced is kept as {saved}.")
    print("Encrypted notes open only with the key they were written with (REBOUND_ENCRYPTION_KEY).")
    return 0


def _new_key(args: argparse.Namespace, settings: Settings) -> int:
    print(new_key())
    print("Set this as REBOUND_ENCRYPTION_KEY and keep a copy somewhere safe: without it, members' "
          "notes can't be read.", file=sys.stderr)
    return 0


async def _rotate_key(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.encryption_keys:
        print("REBOUND_ENCRYPTION_KEY is not set. Create a key with `rebound db new-key` and set it "
              "first.", file=sys.stderr)
        return 1
    try:
        with exclusive(settings.db_path):
            db = await Database.open(settings.db_path)
            try:
                changed = await reseal_all(db, Sealer(settings.encryption_keys))
            finally:
                await db.close()
    except (Locked, AlreadyRunning) as exc:
        print(f"Nothing was changed: {exc}", file=sys.stderr)
        return 1
    print(f"Re-encrypted {changed} stored texts with the first key in REBOUND_ENCRYPTION_KEY.")
    if len(settings.encryption_keys) > 1:
        print("You can now remove the other keys from REBOUND_ENCRYPTION_KEY, keeping the first.")
    else:
        print("To change keys: create one with `rebound db new-key`, set REBOUND_ENCRYPTION_KEY to "
              "NEW,OLD, run this again, then drop OLD.")
    return 0


async def _forget_notes(args: argparse.Namespace, settings: Settings) -> int:
    days = args.days or settings.retention_days
    if not days or days < 1:
        print("Set REBOUND_RETENTION_DAYS or pass --days N (1 or more).", file=sys.stderr)
        return 1
    db = await Database.open(settings.db_path)
    try:
        cleared = await forget_old_notes(db, datetime.now(UTC), days)
    finally:
        await db.close()
    print(f"Cleared the free text older than {days} days from {cleared} rows; counts and streaks "
          "are unchanged.")
    return 0
