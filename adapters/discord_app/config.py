"""Read the Discord settings from the environment and point discord.py at its endpoints."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.platforms import PlatformError

DEFAULT_READY_TIMEOUT = 2.0


@dataclass(frozen=True)
class DiscordSettings:
    """What `rebound run` needs to connect one bot to Discord."""

    token: str
    api_base: str = ""
    gateway_url: str = ""
    dev_guild: int | None = None
    guild_ready_timeout: float = DEFAULT_READY_TIMEOUT

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> DiscordSettings:
        """Build settings from DISCORD_* variables; say which one is wrong if any is."""
        return cls(
            token=env.get("DISCORD_TOKEN", "").strip(),
            api_base=env.get("DISCORD_API_BASE", "").strip().rstrip("/"),
            gateway_url=env.get("DISCORD_GATEWAY_URL", "").strip(),
            dev_guild=_snowflake(env, "DISCORD_DEV_GUILD"),
            guild_ready_timeout=_seconds(env, "DISCORD_GUILD_READY_TIMEOUT"),
        )


def configured(env: Mapping[str, str]) -> bool:
    """Discord runs whenever a bot token is set."""
    return bool(env.get("DISCORD_TOKEN", "").strip())


@contextmanager
def endpoints(settings: DiscordSettings) -> Iterator[None]:
    """Send REST and gateway traffic to the configured URLs while the bot runs.

    discord.py reads both from class attributes, so they are set for the
    life of the connection and put back afterwards.
    """
    old_base, old_gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    if settings.api_base:
        Route.BASE = settings.api_base
    if settings.gateway_url:
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.gateway_url)
    try:
        yield
    finally:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = old_base, old_gateway


def _snowflake(env: Mapping[str, str], key: str) -> int | None:
    text = env.get(key, "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise PlatformError(f"{key} should be a numeric Discord id (right-click the server, "
                         f"Copy Server ID), not {text[:30]!r}.")
    return int(text)


def _seconds(env: Mapping[str, str], key: str) -> float:
    text = env.get(key, "").strip()
    if not text:
        return DEFAULT_READY_TIMEOUT
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if value < 0:
        raise PlatformError(f"{key} should be a number of seconds, like 2, not {text[:30]!r}.")
    return value
