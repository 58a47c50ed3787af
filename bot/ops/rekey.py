"""Survey and re-encrypt members' stored text when keys are added or rotated.

Rotation: put the new key first and the old one after it
(``REBOUND_ENCRYPTION_KEY=NEW,OLD``) and run ``rebound db rotate-key``:
every sealed value moves to the new key and plain values left from a
keyless console get encrypted. Then the old key can be dropped. Nothing is
written unless every value opens, so a missing old key never loses text.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from bot.crypto import SEALED_COLUMNS, Locked, Sealer, is_sealed
from bot.storage.db import Database

BATCH = 500


@dataclass(frozen=True)
class Survey:
    """How many stored values are encrypted, plain, or unreadable with the keys configured."""

    sealed: int = 0
    plain: int = 0
    locked: int = 0


async def survey(db: Database, sealer: Sealer) -> Survey:
    """Count stored free-text values by state (doctor and rotate-key report these)."""
    sealed = plain = locked = 0
    for *_, value in await _rows(db):
        if not is_sealed(value):
            plain += 1
            continue
        sealed += 1
        try:
            sealer.unseal(value)
        except Locked:
            locked += 1
    return Survey(sealed, plain, locked)


async def newest_unreadable(db: Database, sealer: Sealer) -> str | None:
    """Name a table whose newest sealed value the keys don't open, or None (a quick start check)."""
    for table, columns in SEALED_COLUMNS.items():
        for column in columns:
            value = await db.fetchval(
                f"SELECT {column} FROM {table} WHERE {column} LIKE 'fernet:%' ORDER BY rowid DESC "
                "LIMIT 1")
            try:
                sealer.unseal(value)
            except Locked:
                return f"{table}.{column}"
    return None


async def reseal_all(db: Database, sealer: Sealer) -> int:
    """Re-encrypt every stored value under the first key; return how many changed."""
    found = await survey(db, sealer)
    if found.locked:
        raise Locked(f"{found.locked} stored texts can't be opened with the keys configured; "
                     "add the key they were written with after the new one and run this again.")
    updates = [(table, column, rowid, sealer.reseal(value))
               for table, column, rowid, value in await _rows(db)]
    for batch in _batches(updates):
        await db.write(lambda conn, batch=batch: _apply(conn, batch))
    await db.checkpoint()
    return len(updates)


def _apply(conn: sqlite3.Connection, batch: list[tuple[str, str, int, str | None]]) -> None:
    for table, column, rowid, value in batch:
        conn.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (value, rowid))


async def _rows(db: Database) -> list[tuple[str, str, int, str]]:
    """Every non-empty free-text value with where it lives."""
    found = []
    for table, columns in SEALED_COLUMNS.items():
        for column in columns:
            rows = await db.fetchall(
                f"SELECT rowid, {column} FROM {table} WHERE {column} IS NOT NULL AND {column} != ''")
            found += [(table, column, row[0], row[1]) for row in rows]
    return found


def _batches(items: list, size: int = BATCH) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
