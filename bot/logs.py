"""Set up logging so members' words and tokens never reach a log line.

Our own log calls only ever carry ids, names of commands and numbers.
discord.py and slack_sdk log request bodies (members' text, tokens) at
DEBUG, so their loggers are held at INFO whatever the root level is.
"""

from __future__ import annotations

import logging

CHATTY = ("discord", "discord.http", "discord.gateway", "discord.client", "slack_sdk",
          "slack_bolt", "aiohttp.access", "aiosqlite", "apscheduler")


def setup(level: str = "INFO") -> None:
    """Configure the root logger once and quiet the libraries that log payloads."""
    logging.basicConfig(
        level=getattr(logging, level.upper(), logging.INFO),
        format="%(asctime)s level=%(levelname)s logger=%(name)s %(message)s",
    )
    for name in CHATTY:
        logger = logging.getLogger(name)
        logger.setLevel(max(logging.INFO, logging.getLogger().level))
