"""`rebound run` and friends explain what to fix before anything connects."""

import json

from tests.ops.test_doctor import TOKEN


def test_run_with_a_token_but_no_key_says_how_to_create_one(rebound, monkeypatch, tmp_path):
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    code, _, err = rebound("run")
    assert code == 1
    assert "REBOUND_ENCRYPTION_KEY is not set" in err and "rebound db new-key" in err
    assert "rebound console` runs without a key" in err and TOKEN not in err
    assert not (tmp_path / "rebound.db").exists()


def test_bad_settings_stop_any_command_with_every_problem_listed(rebound, monkeypatch):
    monkeypatch.setenv("REBOUND_TIMEZONE", "Mars/Base")
    monkeypatch.setenv("REBOUND_METRICS_PORT", "99999")
    code, _, err = rebound("console")
    assert code == 2 and "Rebound's configuration needs attention" in err
    assert "- REBOUND_TIMEZONE: expected an IANA time zone" in err
    assert "- REBOUND_METRICS_PORT: expected a port number" in err


def test_log_json_flag_writes_json_lines(rebound):
    code, _, err = rebound("--log-json", "db", "migrate")
    lines = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert code == 0 and lines
    assert {"logger": "bot.storage.db", "version": "1"}.items() <= lines[0].items()
