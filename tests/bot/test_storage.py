"""Storage correctness under concurrency, and deletes that really remove text."""

import asyncio
import sqlite3
from pathlib import Path

import pytest

from bot.privacy import erase
from bot.storage.db import Database


@pytest.fixture
async def db(tmp_path: Path):
    database = await Database.open(tmp_path / "s.db")
    yield database
    await database.close()


async def _member(db: Database) -> int:
    async with db.transaction() as conn:
        await conn.execute("INSERT INTO communities (platform, workspace_id, created_at) "
                           "VALUES ('console', 'w', '2026-01-01')")
        cursor = await conn.execute("INSERT INTO members (community_id, platform_user_id, created_at) "
                                    "VALUES (1, 'u', '2026-01-01')")
        return cursor.lastrowid


async def test_pragmas_are_set(db: Database):
    assert (await db.fetchval("PRAGMA journal_mode")) == "wal"
    assert (await db.fetchval("PRAGMA foreign_keys")) == 1
    assert (await db.fetchval("PRAGMA secure_delete")) == 1
    assert (await db.fetchval("PRAGMA synchronous")) == 2  # FULL
    assert (await db.fetchval("PRAGMA busy_timeout")) == 5000


async def test_hundred_concurrent_increments_end_at_hundred(db: Database):
    member = await _member(db)

    async def bump():
        async with db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO day_totals (member_id, day, activity, count) VALUES (?, '2026-11-23', "
                "'applied', 1) ON CONFLICT DO UPDATE SET count = count + 1 RETURNING count", (member,))
            await cursor.fetchone()

    await asyncio.gather(*(bump() for _ in range(100)))
    assert await db.fetchval("SELECT count FROM day_totals WHERE member_id = ?", (member,)) == 100


async def test_a_rollback_keeps_the_other_tasks_row(db: Database):
    member = await _member(db)
    started = asyncio.Event()

    async def failing():
        with pytest.raises(RuntimeError):
            async with db.transaction() as conn:
                await conn.execute("INSERT INTO wins (member_id, text, day, created_at) "
                                   "VALUES (?, 'doomed', 'd', 't')", (member,))
                started.set()
                await asyncio.sleep(0)
                raise RuntimeError("boom")

    async def succeeding():
        await started.wait()
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO wins (member_id, text, day, created_at) "
                               "VALUES (?, 'kept', 'd', 't')", (member,))

    await asyncio.gather(failing(), succeeding())
    texts = [r[0] for r in await db.fetchall("SELECT text FROM wins")]
    assert texts == ["kept"]


async def test_migrations_are_numbered_and_idempotent(db: Database):
    version = await db.fetchval("PRAGMA user_version")
    assert version >= 1
    assert await db.migrate() == []


async def test_backup_copies_the_live_database(db: Database, tmp_path: Path):
    await _member(db)
    await db.backup(tmp_path / "copy" / "b.db")
    copy = sqlite3.connect(tmp_path / "copy" / "b.db")
    assert copy.execute("SELECT COUNT(*) FROM members").fetchone()[0] == 1
    copy.close()


async def test_deleted_notes_leave_the_database_and_wal_files(db: Database, tmp_path: Path):
    member = await _member(db)
    secret = "my-very-private-note-about-acme-" * 4
    async with db.transaction() as conn:
        for _ in range(20):
            await conn.execute("INSERT INTO checkins (member_id, feeling, note, day, created_at) "
                               "VALUES (?, 2, ?, 'd', 't')", (member, secret))
    await erase(db, member)
    for path in tmp_path.glob("s.db*"):
        assert secret[:32].encode() not in path.read_bytes(), path.name
