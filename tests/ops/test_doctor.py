"""`rebound doctor` reports configuration, database, content and platforms without secrets."""

import asyncio
import base64

from bot.app import build
from bot.clock import ManualClock
from bot.config import Settings
from bot.crypto import new_key
from tests.conftest import START, Member

BOT_ID = "109876543210987654"
TOKEN = base64.urlsafe_b64encode(BOT_ID.encode()).decode().rstrip("=") + ".GaBcDe." + "x" * 38


def seed(tmp_path, *keys: str) -> None:
    """Store one check-in note, encrypted with ``keys`` (or plain without)."""
    async def write() -> None:
        core = await build(Settings(db_path=tmp_path / "rebound.db", encryption_keys=keys),
                           ManualClock(START))
        await Member(core).say('/checkin 3 note:"a private note"')
        await core.services.db.close()

    asyncio.run(write())


def test_a_fresh_install_needs_only_a_platform(rebound, tmp_path):
    code, out, _ = rebound("doctor")
    assert code == 0
    assert "does not exist yet; `rebound run` or `rebound db migrate` creates it" in out
    assert "none configured: `rebound run` needs DISCORD_TOKEN" in out
    assert "/healthz and /metrics are off" in out and "tips" in out


def test_a_platform_without_a_key_is_a_problem_and_no_secret_is_printed(rebound, monkeypatch):
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    code, out, _ = rebound("doctor")
    assert code == 1
    assert "problem  encryption" in out and "rebound db new-key" in out
    assert f"would connect to Discord as bot user {BOT_ID} via https://discord.com/api" in out
    assert TOKEN not in out and "GaBcDe" not in out


def test_stored_texts_are_surveyed(rebound, tmp_path, monkeypatch):
    key = new_key()
    seed(tmp_path)
    seed(tmp_path, key)
    monkeypatch.setenv("REBOUND_ENCRYPTION_KEY", key)
    code, out, _ = rebound("doctor")
    assert code == 0 and "stored texts: 1 encrypted, 1 plain" in out
    assert "`rebound db rotate-key` encrypts them" in out
    assert "integrity ok; schema up to date" in out and key not in out
    monkeypatch.setenv("REBOUND_ENCRYPTION_KEY", new_key())
    code, out, _ = rebound("doctor")
    assert code == 1 and "1 encrypted texts can't be opened with the keys configured" in out


def test_broken_content_is_a_problem(rebound, tmp_path, monkeypatch):
    (tmp_path / "extra").mkdir()
    (tmp_path / "extra" / "tips.yaml").write_text("tips: [{id: 1}]")
    monkeypatch.setenv("REBOUND_CONTENT_DIR", str(tmp_path / "extra"))
    code, out, _ = rebound("doctor")
    assert code == 1 and "problem  content" in out and "lowercase-kebab-case" in out

