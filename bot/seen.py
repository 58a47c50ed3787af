"""Remember which content a member has already seen, so nothing repeats too soon."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime

from bot.storage.db import Database


async def seen_ids(db: Database, member_id: int, kind: str) -> set[str]:
    """The ids of one kind of content (tips, questions) the member has seen."""
    rows = await db.fetchall(
        "SELECT item_id FROM content_seen WHERE member_id = ? AND kind = ?", (member_id, kind))
    return {r["item_id"] for r in rows}


def record(conn: sqlite3.Connection, member_id: int, kind: str, item_id: str, now: datetime,
           start_over: Iterable[str] = ()) -> None:
    """Mark an item seen; first forget ``start_over`` ids when their pool was used up."""
    conn.executemany(
        "DELETE FROM content_seen WHERE member_id = ? AND kind = ? AND item_id = ?",
        [(member_id, kind, item) for item in start_over])
    conn.execute(
        "INSERT INTO content_seen (member_id, kind, item_id, seen_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT DO UPDATE SET seen_at = excluded.seen_at",
        (member_id, kind, item_id, now.isoformat()))
