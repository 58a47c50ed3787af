"""Hold a member's words for one hour after a care reply, so keeping them is their choice.

When crisis language stops a command, what the member wrote is not saved.
It is held, sealed like any other note, in ``care_state`` for one hour, so
the member can press "Save what I wrote" (the command then runs as if the
check had not stopped it) or share it with the care team. When the hour is
up, or as soon as they choose, the words are cleared.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from bot.commands.spec import Command
from bot.crypto import Locked, Sealer
from bot.errors import InputError
from bot.storage.db import Database
from bot.validation import validate

HOLD_FOR = timedelta(hours=1)
# Care rows (the last reply, a request for a person) are kept as long as the flag lasts.
KEEP_FOR = timedelta(hours=24)
# Commands whose words are stored when they run; only these offer "Save what I wrote".
KEEPS_TEXT = frozenset({"rejection", "checkin", "log", "reflect new", "win"})


def holdable(command: Command | None, raw: Mapping[str, Any]) -> str | None:
    """A request's values as JSON, if its command keeps words and the values are valid."""
    if command is None or command.name not in KEEPS_TEXT:
        return None
    try:
        return json.dumps(validate(command, raw))
    except InputError:
        return None


def open_held(sealer: Sealer, value: str) -> dict[str, Any] | None:
    """Held values, or None when no configured key opens them any more."""
    try:
        return json.loads(sealer.unseal(value))
    except Locked:
        return None


def has_held(state: sqlite3.Row | None) -> bool:
    """Whether a member's care row still holds words."""
    return state is not None and state["held"] is not None


async def state(db: Database, member_id: int) -> sqlite3.Row | None:
    """The member's care row: last reply, request for a person, held words."""
    return await db.fetchone("SELECT * FROM care_state WHERE member_id = ?", (member_id,))


async def claim(db: Database, member_id: int, now: datetime) -> tuple[str, str] | None:
    """Take the held words out, once: (command name, sealed values), or None."""
    def take(conn: sqlite3.Connection) -> tuple[str, str] | None:
        row = conn.execute(
            "SELECT command, held FROM care_state WHERE member_id = ? AND held IS NOT NULL "
            "AND created_at > ?", (member_id, (now - HOLD_FOR).isoformat())).fetchone()
        conn.execute("UPDATE care_state SET command = NULL, held = NULL, created_at = NULL "
                     "WHERE member_id = ?", (member_id,))
        return (row["command"], row["held"]) if row else None

    return await db.write(take)


async def forget_expired(db: Database, now: datetime) -> None:
    """Clear held words whose hour is up, and care rows nobody needs any more.

    Runs on every care reply and care button, and on each planning tick of
    the scheduler, so held words never outlive their hour.
    """
    def write(conn: sqlite3.Connection) -> None:
        conn.execute("UPDATE care_state SET command = NULL, held = NULL, created_at = NULL "
                     "WHERE created_at <= ?", ((now - HOLD_FOR).isoformat(),))
        old = (now - KEEP_FOR).isoformat()
        conn.execute("DELETE FROM care_state WHERE held IS NULL AND replied_at <= ? "
                     "AND (asked_at IS NULL OR asked_at <= ?)", (old, old))

    await db.write(write)
