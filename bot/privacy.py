"""Export or erase everything Rebound keeps about one member, in every table.

Tables are discovered from the schema, so a table added by a later
migration is covered as soon as it has a ``member_id`` column.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from bot.crypto import Sealer
from bot.storage.db import Database

# Tables with no member_id, because they hold nothing about any one person. A test
# fails when a new table is neither here nor carries a member_id.
COMMUNITY_TABLES = frozenset({"communities", "community_config", "crisis_counts",
                              "accountability_threads", "posts_used", "scheduler_state"})


async def member_tables(db: Database) -> list[str]:
    """Every table that holds rows about a member, found in one query."""
    rows = await db.fetchall(
        "SELECT t.name FROM sqlite_master t JOIN pragma_table_info(t.name) c "
        "WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite_%' AND c.name = 'member_id' "
        "ORDER BY t.name")
    return [r[0] for r in rows]


async def export(db: Database, member_id: int, sealer: Sealer | None = None) -> dict[str, Any]:
    """Collect every row about a member, by table, with encrypted text opened."""
    sealer = sealer or Sealer()
    data: dict[str, Any] = {}
    member = await db.fetchone("SELECT * FROM members WHERE id = ?", (member_id,))
    data["members"] = [dict(member)] if member else []
    for table in await member_tables(db):
        rows = await db.fetchall(f'SELECT * FROM "{table}" WHERE member_id = ? ORDER BY rowid',
                                 (member_id,))
        data[table] = [sealer.open_row(table, r) for r in rows]
    return data


async def erase(db: Database, member_id: int) -> int:
    """Delete every row about a member, then checkpoint so the text leaves the WAL too."""
    # Found before the write, so the writer's lock is held only for the deletes.
    tables = await member_tables(db)

    def delete(conn: sqlite3.Connection) -> int:
        removed = sum(conn.execute(f'DELETE FROM "{table}" WHERE member_id = ?',
                                   (member_id,)).rowcount for table in tables)
        return removed + conn.execute("DELETE FROM members WHERE id = ?", (member_id,)).rowcount

    removed = await db.write(delete)
    await db.checkpoint()
    return removed
