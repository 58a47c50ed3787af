"""Log lines are key=value or JSON, one per command, and never carry secrets."""

import json
import logging

import pytest

from bot import logs

TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB"


@pytest.fixture(autouse=True)
def restore_logging():
    root = logging.getLogger()
    level = root.level
    yield
    for handler in [h for h in root.handlers if h.name == logs.HANDLER]:
        root.removeHandler(handler)
    root.setLevel(level)
    for name in logs.CHATTY:
        logging.getLogger(name).setLevel(logging.NOTSET)


def lines(capsys) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if line]


def test_key_value_lines_by_default(capsys):
    logs.setup("INFO")
    logging.getLogger("rebound.test").info("command=%s outcome=%s", "checkin", "ok")
    [line] = lines(capsys)
    assert line.startswith("ts=") and line.endswith(
        "level=INFO logger=rebound.test command=checkin outcome=ok")


async def test_json_lines_carry_the_command_fields(capsys, ana):
    logs.setup("INFO", "json")
    await ana.say("/log applied 2")
    records = [json.loads(line) for line in lines(capsys)]
    command = next(r for r in records if r["logger"] == "rebound.commands")
    assert (command["command"], command["platform"], command["outcome"]) == ("log", "console", "ok")
    assert float(command["latency_ms"]) >= 0 and command["level"] == "INFO"


def test_configured_secrets_and_token_shapes_are_redacted_everywhere(capsys):
    logs.setup("DEBUG", secrets=["s3cret-signing-value"])
    log = logging.getLogger("rebound.test")
    log.warning("signing=%s slack=%s", "s3cret-signing-value", "xoxb-123-456-abcdef")
    try:
        raise RuntimeError(f"login failed with Bot {TOKEN}")
    except RuntimeError:
        log.exception("discord login failed")
    text = "\n".join(lines(capsys))
    assert "s3cret-signing-value" not in text and "xoxb-123" not in text and TOKEN not in text
    assert text.count(logs.REDACTED) == 3 and "RuntimeError: login failed with Bot" in text


def test_platform_loggers_stay_at_info_when_rebound_debugs():
    logs.setup("DEBUG")
    assert logging.getLogger("rebound").isEnabledFor(logging.DEBUG)
    assert not logging.getLogger("discord.http").isEnabledFor(logging.DEBUG)
    assert not logging.getLogger("slack_sdk").isEnabledFor(logging.DEBUG)


def test_setting_up_twice_keeps_one_handler(capsys):
    logs.setup("INFO")
    logs.setup("INFO", "json")
    logging.getLogger("rebound.test").info("started")
    [line] = lines(capsys)
    assert json.loads(line)["msg"] == "started"
