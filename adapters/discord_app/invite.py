"""Build the install link with exactly the permissions Rebound uses."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping

import discord

SCOPES = ("bot", "applications.commands")
PERMISSIONS = discord.Permissions(
    send_messages=True,
    send_messages_in_threads=True,
    create_public_threads=True,
    embed_links=True,
    attach_files=True,
)


def application_id(env: Mapping[str, str]) -> int | None:
    """DISCORD_APPLICATION_ID, or the bot's id read from the first part of its token."""
    given = env.get("DISCORD_APPLICATION_ID", "").strip()
    if given.isdigit():
        return int(given)
    return id_from_token(env.get("DISCORD_TOKEN", ""))


def id_from_token(token: str) -> int | None:
    """A bot token starts with its user id in base64; for bots that id is the application's."""
    head = token.strip().split(".", 1)[0]
    try:
        decoded = base64.b64decode(head + "=" * (-len(head) % 4), validate=True).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return int(decoded) if decoded.isdigit() else None


def invite_url(app_id: int) -> str:
    """The OAuth2 URL that adds the bot and its slash commands to a server."""
    return discord.utils.oauth_url(app_id, permissions=PERMISSIONS, scopes=SCOPES)
