"""Say what `rebound run` would connect to, from settings alone, without any secret.

Nothing here contacts a platform. A Discord token's first part is the bot's
user id in base64, which is public, so the operator can see which bot the
token belongs to; Slack tokens only tell their kind.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping

DISCORD_API = "https://discord.com/api"
SLACK_API = "https://slack.com/api/"


def discord(env: Mapping[str, str]) -> str:
    """Which bot and which endpoints the Discord adapter would use."""
    token = env.get("DISCORD_TOKEN", "").strip()
    who = f"bot user {bot_id(token)}" if bot_id(token) else "the bot in DISCORD_TOKEN"
    api = env.get("DISCORD_API_BASE", "").strip() or DISCORD_API
    guild = env.get("DISCORD_DEV_GUILD", "").strip()
    where = f"; commands synced to server {guild} only" if guild else "; commands synced globally"
    return f"would connect to Discord as {who} via {api}{where}"


def slack(env: Mapping[str, str]) -> str:
    """Which mode and endpoint the Slack adapter would use."""
    mode = env.get("SLACK_MODE", "").strip().lower() or "socket"
    api = env.get("SLACK_API_BASE", "").strip() or SLACK_API
    if mode == "http":
        port = env.get("SLACK_PORT", "").strip() or "3000"
        path = env.get("SLACK_PATH", "").strip() or "/slack/events"
        how = f"in HTTP mode, receiving events on port {port} at {path}"
    else:
        how = "in Socket Mode (no public URL needed)"
    return f"would connect to Slack {how}, calling {api}"


DESCRIBERS = {"discord": discord, "slack": slack}


def platform(name: str, env: Mapping[str, str]) -> str:
    """Describe a configured platform by name (an unknown plugin is just 'configured')."""
    describer = DESCRIBERS.get(name)
    return describer(env) if describer else f"{name} is configured"


def bot_id(token: str) -> str | None:
    """The numeric user id encoded in a Discord bot token's first part, if it decodes."""
    head = token.split(".", 1)[0]
    try:
        decoded = base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return decoded if decoded.isdigit() else None
