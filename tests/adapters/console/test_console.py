"""The console community: a script run through the real `rebound` command, and the REPL logic."""

import os
import subprocess
import sys
from pathlib import Path

from adapters.console.session import ConsoleSession

SCRIPT = """\
# a short session
/checkin 2 "rough week"
/rejection company:Acme stage:final feeling:2
2
/log applied 3
/win "second interview!"
/streak
/quit
/log applied 1
"""


def run_console(tmp_path: Path, *args: str, stdin: str = "") -> str:
    env = {**os.environ, "REBOUND_DB": str(tmp_path / "console.db")}
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "console", *args], input=stdin, capture_output=True,
        text=True, env=env, cwd=tmp_path, timeout=60, check=True)
    return done.stdout


def test_a_script_runs_every_line_and_prints_each_reply(tmp_path: Path):
    script = tmp_path / "demo.txt"
    script.write_text(SCRIPT, encoding="utf-8")
    out = run_console(tmp_path, "--script", str(script), "--as", "sam")
    assert "sam> /checkin 2" in out
    assert "[1] Draft a feedback request  [2] Draft a thank-you note" in out
    assert "(pressed: Draft a thank-you note)" in out
    assert "Subject:" in out
    assert "#general ▸" in out and "A win from @sam" in out
    assert "Mon " in out and "counted" in out
    assert "sam> /log applied 1" not in out  # stopped at /quit


def test_stdin_works_like_a_script_and_uses_the_same_database(tmp_path: Path):
    run_console(tmp_path, "--as", "kim", stdin="/log applied 2\n")
    out = run_console(tmp_path, "--as", "kim", stdin="/stats\n")
    assert "Applications: 2" in out


def test_the_cli_rejects_nothing_silently(tmp_path: Path):
    out = run_console(tmp_path, stdin="/checkin 9\nhello\n")
    assert "**feeling**" not in out and "feeling can’t be 9" in out
    assert "Commands start with a slash" in out


async def test_forms_ask_field_by_field_and_can_be_cancelled(core):
    lines: list[str] = []
    session = ConsoleSession(core, "Ana", lines.append)
    await session.feed("/rejection")
    assert session.prompt.startswith("Company (optional)")
    await session.feed("Acme")
    await session.feed("")
    assert "[applied/screen/interview/final/offer]" in session.prompt
    await session.feed("interview")
    await session.feed("4")
    await session.feed("went fine, just not picked")
    assert any("Draft a feedback request" in line for line in lines)
    await session.feed("/reflect new")
    await session.feed("/cancel")
    assert lines[-1] == "Form cancelled; nothing was saved."
    assert await core.services.db.fetchval("SELECT COUNT(*) FROM reflections") == 0


async def test_buttons_are_numbered_choices(core, tmp_path):
    lines: list[str] = []
    session = ConsoleSession(core, "Ana", lines.append, files=tmp_path)
    await session.feed("/privacy export")
    assert any("saved rebound-export.json" in line for line in lines)
    assert (tmp_path / "ana-rebound-export.json").exists()
    await session.feed("/privacy delete")
    await session.feed("7")
    assert lines[-1] == "Pick a button from 1 to 2."
    await session.feed("2")
    assert "Nothing was deleted" in lines[-1]
