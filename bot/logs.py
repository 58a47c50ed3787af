"""Set up logging so members' words and secrets never reach a log line.

Our own log calls only ever carry ids, names of commands and numbers, as
``key=value`` pairs. Lines come out as ``key=value`` text by default, or as
one JSON object per line for log collectors. discord.py and slack_sdk log
request bodies (members' text, tokens) at DEBUG, so their loggers are held
at INFO whatever the root level is; and every line passes a filter that
blanks out configured secrets and anything shaped like a platform token.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from datetime import UTC, datetime

CHATTY = ("discord", "discord.http", "discord.gateway", "discord.client", "slack_sdk",
          "slack_bolt", "aiohttp.access", "aiosqlite", "apscheduler")
REDACTED = "[redacted]"
HANDLER = "rebound"
_TOKEN_SHAPES = re.compile(
    r"xox[abposr]-[A-Za-z0-9-]+"                      # Slack bot, user and config tokens
    r"|xapp-[A-Za-z0-9-]+"                            # Slack app-level tokens
    r"|[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,}"  # Discord bot tokens
    r"|(?<=Bot )[A-Za-z0-9._-]{30,}|(?<=Bearer )[A-Za-z0-9._-]{20,}"
)
_PAIR = re.compile(r'(\w+)=("[^"]*"|\S+)')


class RedactSecrets(logging.Filter):
    """Replace secret values and token-shaped text in a record before any handler sees it."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets = sorted({s for s in secrets if len(s) >= 8}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return _TOKEN_SHAPES.sub(REDACTED, text)

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = self.redact(record.getMessage()), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


class KeyValueFormatter(logging.Formatter):
    """``ts=... level=INFO logger=rebound.commands command=checkin outcome=ok``."""

    def __init__(self) -> None:
        super().__init__("ts=%(asctime)s level=%(levelname)s logger=%(name)s %(message)s")

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802
        return _timestamp(record)


class JsonFormatter(logging.Formatter):
    """One JSON object per line; a message's ``key=value`` pairs become fields of their own."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        line = {"ts": _timestamp(record), "level": record.levelname, "logger": record.name,
                "msg": message}
        for key, value in _PAIR.findall(message):
            line.setdefault(key, value.strip('"'))
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["exception"] = record.exc_text
        return json.dumps(line, ensure_ascii=False)


def setup(level: str = "INFO", fmt: str = "keyvalue", secrets: Iterable[str] = ()) -> None:
    """Configure the root logger once and quiet the libraries that log payloads."""
    handler = logging.StreamHandler()
    handler.name = HANDLER
    handler.setFormatter(JsonFormatter() if fmt == "json" else KeyValueFormatter())
    handler.addFilter(RedactSecrets(secrets))
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.name == HANDLER]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(getattr(logging, level.upper(), logging.INFO))
    for name in CHATTY:
        logging.getLogger(name).setLevel(max(logging.INFO, root.level))


def _timestamp(record: logging.LogRecord) -> str:
    return datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")
