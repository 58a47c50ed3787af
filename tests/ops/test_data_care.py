"""Backups restore, keys rotate without losing a word, and old notes can be forgotten on demand."""

import asyncio
import sqlite3
from pathlib import Path

from cryptography.fernet import Fernet

from bot.app import build
from bot.clock import ManualClock
from bot.config import Settings
from bot.crypto import Sealer, new_key
from bot.ops.lock import exclusive
from tests.conftest import START, Member

OLD, NEW = new_key(), new_key()


def say(tmp_path: Path, *lines: str, keys: tuple[str, ...] = (), days_later: int = 0) -> None:
    """Have a member type lines into the database in tmp_path."""
    async def talk() -> None:
        clock = ManualClock(START)
        clock.advance(days=days_later)
        core = await build(Settings(db_path=tmp_path / "rebound.db", encryption_keys=keys), clock)
        for line in lines:
            await Member(core).say(line)
        await core.services.db.close()

    asyncio.run(talk())


def notes(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT note FROM checkins ORDER BY id")]
    finally:
        conn.close()


def test_a_backup_restores_and_the_replaced_database_is_kept(rebound, tmp_path):
    say(tmp_path, "/checkin 3 note:before")
    assert rebound("db", "backup", str(tmp_path / "copy.db"))[0] == 0
    say(tmp_path, "/checkin 4 note:after")
    code, out, _ = rebound("db", "restore", str(tmp_path / "copy.db"))
    assert code == 0 and "The database it replaced is kept as" in out
    assert notes(tmp_path / "rebound.db") == ["before"]
    [kept] = tmp_path.glob("rebound.db.before-restore-*")
    assert notes(kept) == ["before", "after"]


def test_restore_refuses_what_it_should(rebound, tmp_path):
    (tmp_path / "notes.txt").write_text("not a database")
    code, _, err = rebound("db", "restore", str(tmp_path / "notes.txt"))
    assert code == 1 and "is not a SQLite database" in err
    newer = sqlite3.connect(tmp_path / "newer.db")
    newer.executescript("CREATE TABLE members (id INTEGER); PRAGMA user_version = 999;")
    newer.close()
    assert "upgrade Rebound first" in rebound("db", "restore", str(tmp_path / "newer.db"))[2]
    say(tmp_path, "/checkin 3 note:live")
    rebound("db", "backup", str(tmp_path / "copy.db"))
    with exclusive(tmp_path / "rebound.db"):
        code, _, err = rebound("db", "restore", str(tmp_path / "copy.db"))
    assert code == 1 and "Stop it first" in err


def test_rotate_key_moves_every_text_to_the_new_key(rebound, tmp_path, monkeypatch):
    say(tmp_path, "/checkin 3 note:typed-in-the-console")
    say(tmp_path, "/checkin 2 note:sealed-with-old", keys=(OLD,))
    monkeypatch.setenv("REBOUND_ENCRYPTION_KEY", f"{NEW},{OLD}")
    code, out, _ = rebound("db", "rotate-key")
    assert code == 0 and "Re-encrypted 2 stored texts" in out and "remove the other keys" in out
    stored = notes(tmp_path / "rebound.db")
    assert [Sealer([NEW]).unseal(v) for v in stored] == ["typed-in-the-console", "sealed-with-old"]


def test_rotate_key_changes_nothing_when_an_old_key_is_missing(rebound, tmp_path, monkeypatch):
    say(tmp_path, "/checkin 2 note:sealed-with-old", keys=(OLD,))
    before = notes(tmp_path / "rebound.db")
    monkeypatch.setenv("REBOUND_ENCRYPTION_KEY", NEW)
    code, _, err = rebound("db", "rotate-key")
    assert code == 1 and "Nothing was changed: 1 stored texts can't be opened" in err
    assert notes(tmp_path / "rebound.db") == before


def test_new_key_prints_a_key_that_works(rebound):
    code, out, err = rebound("db", "new-key")
    Fernet(out.strip())
    assert code == 0 and "keep a copy somewhere safe" in err


def test_forget_notes_on_demand(rebound, tmp_path):
    say(tmp_path, "/checkin 3 note:old", days_later=-400)
    assert "Set REBOUND_RETENTION_DAYS or pass --days" in rebound("db", "forget-notes")[2]
    code, out, _ = rebound("db", "forget-notes", "--days", "1")
    assert code == 0 and "older than 1 days from 1 rows" in out
    assert notes(tmp_path / "rebound.db") == [None]
