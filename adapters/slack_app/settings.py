"""Read the Slack adapter's settings from the environment once, with clear errors."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

DEFAULT_API_BASE = "https://slack.com/api/"
MODES = ("socket", "http")


class SlackConfigError(ValueError):
    """A Slack setting is missing or malformed; the message names the variable."""


@dataclass(frozen=True)
class SlackSettings:
    """Tokens, connection mode and names the Slack app runs with."""

    bot_token: str
    app_token: str = ""
    signing_secret: str = ""
    mode: str = "socket"
    host: str = "0.0.0.0"
    port: int = 3000
    path: str = "/slack/events"
    api_base: str = DEFAULT_API_BASE
    command: str = "/rebound"
    admin_ids: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> SlackSettings:
        """Build settings from SLACK_* variables, failing early on what is missing."""
        mode = env.get("SLACK_MODE", "socket").strip().lower() or "socket"
        if mode not in MODES:
            raise SlackConfigError(f"SLACK_MODE must be socket or http, not {mode!r}.")
        settings = cls(
            bot_token=_required(env, "SLACK_BOT_TOKEN"),
            app_token=env.get("SLACK_APP_TOKEN", "").strip(),
            signing_secret=env.get("SLACK_SIGNING_SECRET", "").strip(),
            mode=mode,
            host=env.get("SLACK_HOST", "0.0.0.0").strip() or "0.0.0.0",
            port=_port(env.get("SLACK_PORT", "3000")),
            path=env.get("SLACK_PATH", "/slack/events").strip() or "/slack/events",
            api_base=env.get("SLACK_API_BASE", "").strip() or DEFAULT_API_BASE,
            command=command_name(env.get("SLACK_COMMAND", "")),
            admin_ids=frozenset(u.strip() for u in env.get("SLACK_ADMIN_IDS", "").split(",") if u.strip()),
        )
        if mode == "socket" and not settings.app_token:
            raise SlackConfigError("Socket Mode needs SLACK_APP_TOKEN (an xapp- token), "
                                   "or set SLACK_MODE=http with SLACK_SIGNING_SECRET.")
        if mode == "http" and not settings.signing_secret:
            raise SlackConfigError("HTTP mode needs SLACK_SIGNING_SECRET to verify Slack's requests.")
        return settings


def configured(env: Mapping[str, str]) -> bool:
    """Whether `rebound run` should start Slack: a bot token is set."""
    return bool(env.get("SLACK_BOT_TOKEN", "").strip())


def command_name(raw: str) -> str:
    """Normalise a slash command name: `rebound` and `/rebound` both mean `/rebound`."""
    name = raw.strip().lstrip("/") or "rebound"
    return "/" + name


def _required(env: Mapping[str, str], key: str) -> str:
    value = env.get(key, "").strip()
    if not value:
        raise SlackConfigError(f"{key} is not set.")
    return value


def _port(raw: str) -> int:
    try:
        port = int(raw)
    except ValueError:
        raise SlackConfigError(f"SLACK_PORT must be a number, not {raw!r}.") from None
    if not 0 <= port <= 65535:
        raise SlackConfigError(f"SLACK_PORT must be between 0 and 65535, not {port}.")
    return port
