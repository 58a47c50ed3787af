"""Run the `rebound` command in-process with a clean environment and logging put back."""

import logging
from pathlib import Path

import pytest

from bot import cli, logs

PLATFORM_VARIABLES = ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET",
                      "REBOUND_ENCRYPTION_KEY", "REBOUND_CONFIG", "REBOUND_RETENTION_DAYS",
                      "REBOUND_METRICS_PORT", "REBOUND_CONTENT_DIR")


@pytest.fixture
def rebound(tmp_path: Path, monkeypatch, capsys):
    """Call `rebound ARGS...` with REBOUND_DB in tmp_path; return (exit code, stdout, stderr)."""
    for name in PLATFORM_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("REBOUND_DB", str(tmp_path / "rebound.db"))
    monkeypatch.chdir(tmp_path)
    root = logging.getLogger()
    level = root.level

    def run(*args: str) -> tuple[int, str, str]:
        code = cli.main(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err

    yield run
    for handler in [h for h in root.handlers if h.name == logs.HANDLER]:
        root.removeHandler(handler)
    root.setLevel(level)
