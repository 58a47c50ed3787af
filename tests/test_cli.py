"""The `rebound` command for operators: migrate, backup, content check, run without platforms."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path


def rebound(tmp_path: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "REBOUND_DB": str(tmp_path / "r.db"), **(env or {})}
    for key in ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        environment.pop(key, None)
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], capture_output=True, text=True,
                          env=environment, cwd=tmp_path, timeout=60)


def test_migrate_then_backup(tmp_path: Path):
    first = rebound(tmp_path, "db", "migrate")
    assert first.returncode == 0 and "Applied migrations" in first.stdout
    again = rebound(tmp_path, "db", "migrate")
    assert "up to date" in again.stdout
    backup = rebound(tmp_path, "db", "backup", str(tmp_path / "backups" / "copy.db"))
    assert backup.returncode == 0
    copy = sqlite3.connect(tmp_path / "backups" / "copy.db")
    assert copy.execute("PRAGMA user_version").fetchone()[0] >= 1
    copy.close()


def test_content_check_reports_counts(tmp_path: Path):
    done = rebound(tmp_path, "content", "check")
    assert done.returncode == 0
    assert "tips" in done.stdout and "practice questions" in done.stdout


def test_run_without_any_platform_says_how_to_configure_one(tmp_path: Path):
    done = rebound(tmp_path, "run")
    assert done.returncode != 0
    assert "rebound console" in done.stderr
