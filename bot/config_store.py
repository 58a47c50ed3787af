"""Per-community configuration kept as simple key/value rows."""

from __future__ import annotations

import sqlite3

from bot.storage.db import Database


async def get(db: Database, community_id: int, key: str) -> str | None:
    """Read one configuration value for a community."""
    return await db.fetchval(
        "SELECT value FROM community_config WHERE community_id = ? AND key = ?",
        (community_id, key))


async def get_all(db: Database, community_id: int) -> dict[str, str]:
    """Read every configuration value for a community."""
    rows = await db.fetchall(
        "SELECT key, value FROM community_config WHERE community_id = ? ORDER BY key",
        (community_id,))
    return {r["key"]: r["value"] for r in rows}


async def put(db: Database, community_id: int, values: dict[str, str | None]) -> None:
    """Write several configuration values in one transaction; None removes a key."""
    def save(conn: sqlite3.Connection) -> None:
        conn.executemany("DELETE FROM community_config WHERE community_id = ? AND key = ?",
                         [(community_id, k) for k, v in values.items() if v is None])
        conn.executemany(
            "INSERT INTO community_config (community_id, key, value) VALUES (?, ?, ?) "
            "ON CONFLICT (community_id, key) DO UPDATE SET value = excluded.value",
            [(community_id, k, v) for k, v in values.items() if v is not None])

    await db.write(save)
