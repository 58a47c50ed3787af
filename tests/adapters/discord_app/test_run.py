"""Starting and stopping as `rebound run` does, a refused token, and the invite link."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from adapters.discord_app.config import DiscordSettings
from bot.cli import parser
from bot.config import Settings
from bot.crypto import new_key
from bot.platforms import PlatformError
from tests.adapters.discord_app import fake_payloads as p

WRONG_TOKEN = "OTAwMDAwMDAwMDAwMDAwMDAx.GfAkEx.not-the-token-the-fake-knows"
RUN = "from bot.cli import main; raise SystemExit(main(['run']))"


async def test_stopping_closes_the_connection_and_withdraws_the_port(bot, fake, core):
    assert core.ports["discord"].name == "discord"
    await bot.stop()
    assert "discord" not in core.ports
    await fake.wait_for(lambda: not fake._sockets)


async def test_a_refused_token_ends_rebound_run_with_one_line(fake, tmp_path: Path):
    env = {**os.environ, **fake.env(DISCORD_TOKEN=WRONG_TOKEN), "REBOUND_DB": str(tmp_path / "r.db"),
           "REBOUND_ENCRYPTION_KEY": new_key()}
    env.pop("SLACK_BOT_TOKEN", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", RUN, env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    _, err = await asyncio.wait_for(process.communicate(), 30)
    lines = err.decode().strip().splitlines()
    assert process.returncode == 1
    assert "Traceback" not in err.decode()
    assert lines[-1].startswith("Discord did not accept DISCORD_TOKEN.")
    assert not any("voice" in line for line in lines)


def invite(tmp_path: Path, env: dict[str, str], capsys) -> tuple[int, str, str]:
    args = parser().parse_args(["discord", "invite-url"])
    code = args.func(args, Settings(db_path=tmp_path / "r.db", env=env))
    out, err = capsys.readouterr()
    return code, out.strip(), err.strip()


def test_invite_url_asks_for_exactly_the_permissions_used(tmp_path, capsys):
    code, url, _ = invite(tmp_path, {"DISCORD_APPLICATION_ID": "123456789012345678"}, capsys)
    query = parse_qs(urlparse(url).query)
    assert code == 0
    assert query["client_id"] == ["123456789012345678"]
    assert query["scope"] == ["bot applications.commands"]
    send, embed, attach = 1 << 11, 1 << 14, 1 << 15
    public_threads, in_threads = 1 << 35, 1 << 38
    assert query["permissions"] == [str(send | embed | attach | public_threads | in_threads)]


def test_invite_url_reads_the_application_id_from_the_token(tmp_path, capsys):
    code, url, _ = invite(tmp_path, {"DISCORD_TOKEN": p.TOKEN}, capsys)
    assert code == 0 and f"client_id={p.APP_ID}" in url


def test_invite_url_says_what_is_missing(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.delenv("DISCORD_APPLICATION_ID", raising=False)
    code, out, err = invite(tmp_path, {}, capsys)
    assert code == 1 and out == "" and "DISCORD_APPLICATION_ID" in err


def test_a_malformed_development_guild_is_named():
    with pytest.raises(PlatformError, match="DISCORD_DEV_GUILD should be a numeric Discord id"):
        DiscordSettings.from_env({"DISCORD_TOKEN": p.TOKEN, "DISCORD_DEV_GUILD": "my-server"})
