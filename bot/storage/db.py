"""Open the SQLite database safely for many concurrent async handlers.

Measured on this machine: read-await-write on a shared row loses updates
under concurrency, and a rollback on a shared aiosqlite connection throws
away other tasks' pending writes. So all writes go through one connection,
one ``BEGIN IMMEDIATE`` transaction at a time, behind an asyncio lock;
counters use single-statement ``UPDATE ... RETURNING``. Reads use a second
connection that sees only committed data (WAL lets it read while a write runs).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

log = logging.getLogger(__name__)
T = TypeVar("T")

_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
    "PRAGMA synchronous=FULL",
    "PRAGMA secure_delete=ON",
)


class Database:
    """A writer connection guarded by a lock, and a reader connection."""

    def __init__(self, path: Path, writer: aiosqlite.Connection, reader: aiosqlite.Connection):
        self.path = path
        self._writer = writer
        self._reader = reader
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path | str, *, migrate: bool = True) -> Database:
        """Open (creating if needed) the database file and bring its schema up to date."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        writer = await _connect(path)
        reader = await _connect(path)
        db = cls(path, writer, reader)
        if migrate:
            await db.migrate()
        return db

    async def close(self) -> None:
        """Close both connections; an open aiosqlite thread would keep the process alive."""
        async with self._lock:
            await self._reader.close()
            await self._writer.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """Run a block as one write transaction, alone, and roll it back on error."""
        async with self._lock:
            await self._writer.execute("BEGIN IMMEDIATE")
            try:
                yield self._writer
            except BaseException:
                await self._writer.rollback()
                raise
            await self._writer.commit()

    async def write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run a synchronous function as one write transaction on the writer's thread.

        The whole transaction is a single hop to the database thread, so the
        write lock is held only for the SQL itself (plus the fsync), not for
        event-loop round trips between statements. This is the hot path for
        commands; use :meth:`transaction` when the block must await other work.
        """
        async with self._lock:
            # aiosqlite runs callables on its connection thread through _execute.
            return await self._writer._execute(_in_transaction, self._writer._conn, work)

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one write statement in its own transaction; return the rows changed."""
        return await self.write(lambda conn: conn.execute(sql, params).rowcount)

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        """Read one row of committed data."""
        return await self._reader._execute(_read, self._reader._conn, sql, params, True)

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Read all rows of committed data."""
        return await self._reader._execute(_read, self._reader._conn, sql, params, False)

    async def fetchval(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Read the first column of the first row, or None."""
        row = await self.fetchone(sql, params)
        return row[0] if row else None

    async def migrate(self) -> list[int]:
        """Apply every numbered migration newer than the database; return those applied."""
        async with self._lock:
            current = (await (await self._writer.execute("PRAGMA user_version")).fetchone())[0]
            applied = []
            for number, sql in _migrations():
                if number <= current:
                    continue
                await self._writer.executescript(
                    f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version={number};\nCOMMIT;"
                )
                applied.append(number)
                log.info("database migrated version=%d", number)
            return applied

    async def checkpoint(self) -> None:
        """Fold the WAL into the database and truncate it, so deleted text leaves the WAL too."""
        async with self._lock:
            # The pragma returns a row; an unclosed cursor would block the next commit.
            cursor = await self._writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            await cursor.close()

    async def backup(self, target: Path | str) -> None:
        """Copy the live database to a file with SQLite's online backup API."""
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        async with self._lock:
            dest = await aiosqlite.connect(target)
            try:
                await self._writer.backup(dest)
            finally:
                await dest.close()

    async def tables(self) -> list[str]:
        """List our tables (used by export and delete to cover every one)."""
        rows = await self.fetchall(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
        return [r[0] for r in rows]

    async def columns(self, table: str) -> list[str]:
        """List a table's column names."""
        rows = await self.fetchall(f"PRAGMA table_info({_quote(table)})")
        return [r[1] for r in rows]


def _read(conn: sqlite3.Connection, sql: str, params: Sequence[Any], one: bool) -> Any:
    """Run a query to completion in one hop and close its statement.

    A statement left open keeps the connection's read snapshot alive, and
    with many tasks sharing the reader some statement would always be open:
    reads would never see newer commits. Finishing each read in one call
    gives every read a fresh snapshot.
    """
    cursor = conn.execute(sql, params)
    try:
        return cursor.fetchone() if one else cursor.fetchall()
    finally:
        cursor.close()


def _in_transaction(conn: sqlite3.Connection, work: Callable[[sqlite3.Connection], T]) -> T:
    conn.execute("BEGIN IMMEDIATE")
    try:
        result = work(conn)
    except BaseException:
        conn.rollback()
        raise
    conn.commit()
    return result


async def _connect(path: Path) -> aiosqlite.Connection:
    conn = await aiosqlite.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    for pragma in _PRAGMAS:
        await conn.execute(pragma)
    return conn


def latest_version() -> int:
    """The schema version this code's migrations reach (doctor and restore compare with it)."""
    return max(number for number, _ in _migrations())


def _migrations() -> Iterable[tuple[int, str]]:
    """Yield (number, sql) for each file named like 0001_name.sql, in order."""
    folder = resources.files("bot.storage") / "migrations"
    files = sorted(f for f in folder.iterdir() if f.name.endswith(".sql"))
    for file in files:
        yield int(file.name.split("_", 1)[0]), file.read_text(encoding="utf-8")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
