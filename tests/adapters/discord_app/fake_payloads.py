"""Discord JSON shapes the fake server hands discord.py: users, the guild, messages, interactions."""

from __future__ import annotations

import itertools
from typing import Any

APP_ID = 900000000000000001
GUILD_ID = 900000000000000100
GENERAL_ID = 900000000000000200
WINS_ID = 900000000000000201
OWNER_ID = 900000000000000300
ANA_ID = 900000000000000301
BEN_ID = 900000000000000302
TOKEN = "OTAwMDAwMDAwMDAwMDAwMDAx.GfAkEx.fake-token-for-tests-only"
MANAGE_GUILD = 1 << 5
MEMBER_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 31)  # view, send, use application commands
TIMESTAMP = "2026-11-23T09:00:00+00:00"

_ids = itertools.count(910000000000000000)


def snowflake() -> str:
    """A fresh, unique id, as Discord would assign."""
    return str(next(_ids))


def user(user_id: int, name: str, bot: bool = False) -> dict[str, Any]:
    return {"id": str(user_id), "username": name, "global_name": name.capitalize(),
            "discriminator": "0", "avatar": None, "bot": bot}


BOT_USER = user(APP_ID, "rebound", bot=True)


def application() -> dict[str, Any]:
    return {"id": str(APP_ID), "name": "Rebound", "description": "", "icon": None,
            "bot_public": False, "bot_require_code_grant": False, "verify_key": "0" * 64,
            "owner": user(OWNER_ID, "owner"), "flags": 0}


def text_channel(channel_id: int | str, name: str) -> dict[str, Any]:
    return {"id": str(channel_id), "type": 0, "guild_id": str(GUILD_ID), "name": name,
            "position": 0, "permission_overwrites": [], "nsfw": False, "parent_id": None,
            "topic": None, "last_message_id": None, "rate_limit_per_user": 0}


def thread(thread_id: str, parent_id: str, name: str) -> dict[str, Any]:
    return {"id": thread_id, "type": 11, "guild_id": str(GUILD_ID), "parent_id": parent_id,
            "owner_id": str(APP_ID), "name": name, "last_message_id": None,
            "rate_limit_per_user": 0, "message_count": 0, "member_count": 1,
            "thread_metadata": {"archived": False, "auto_archive_duration": 10080,
                                "archive_timestamp": TIMESTAMP, "locked": False}}


def dm_channel(channel_id: str, recipient: dict[str, Any]) -> dict[str, Any]:
    return {"id": channel_id, "type": 1, "recipients": [recipient], "last_message_id": None}


def guild() -> dict[str, Any]:
    """The guild as GUILD_CREATE sends it to a bot with only the guilds intent."""
    return {
        "id": str(GUILD_ID), "name": "Job seekers", "icon": None, "owner_id": str(OWNER_ID),
        "roles": [{"id": str(GUILD_ID), "name": "@everyone", "permissions": str(MEMBER_PERMISSIONS),
                   "position": 0, "color": 0, "hoist": False, "managed": False,
                   "mentionable": False, "flags": 0}],
        "emojis": [], "stickers": [], "features": [], "member_count": 3, "large": False,
        "unavailable": False, "joined_at": TIMESTAMP, "verification_level": 0,
        "default_message_notifications": 0, "explicit_content_filter": 0, "mfa_level": 0,
        "system_channel_flags": 0, "premium_tier": 0, "preferred_locale": "en-US", "nsfw_level": 0,
        "channels": [text_channel(GENERAL_ID, "general"), text_channel(WINS_ID, "wins")],
        "threads": [], "members": [], "voice_states": [], "presences": [], "stage_instances": [],
        "guild_scheduled_events": [], "soundboard_sounds": [],
    }


def message(channel_id: str, body: dict[str, Any], files: list[tuple[str, bytes]],
            flags: int = 0) -> dict[str, Any]:
    """The message Discord returns for a send: what was asked, plus ids and attachments."""
    return {
        "id": snowflake(), "channel_id": channel_id, "type": 0, "author": BOT_USER,
        "content": body.get("content") or "", "embeds": body.get("embeds") or [],
        "components": body.get("components") or [], "flags": flags | int(body.get("flags") or 0),
        "attachments": [{"id": snowflake(), "filename": name, "size": len(data),
                         "url": f"https://cdn.invalid/{name}", "proxy_url": f"https://cdn.invalid/{name}"}
                        for name, data in files],
        "mentions": [], "mention_roles": [], "pinned": False, "mention_everyone": False,
        "tts": False, "timestamp": TIMESTAMP, "edited_timestamp": None,
    }


def member(user_id: int, name: str, permissions: int) -> dict[str, Any]:
    return {"user": user(user_id, name), "roles": [], "permissions": str(permissions),
            "joined_at": TIMESTAMP, "flags": 0, "nick": None, "avatar": None,
            "deaf": False, "mute": False, "pending": False}


def interaction(kind: int, data: dict[str, Any], user_id: int, name: str, permissions: int,
                channel: dict[str, Any] | None = None, message_: dict[str, Any] | None = None,
                guild_id: int | None = GUILD_ID) -> dict[str, Any]:
    """An INTERACTION_CREATE payload from a member (or from a DM when guild_id is None)."""
    payload: dict[str, Any] = {
        "id": snowflake(), "application_id": str(APP_ID), "type": kind, "token": "tok" + snowflake(),
        "version": 1, "data": data, "locale": "en-US", "attachment_size_limit": 10 * 1024 * 1024,
        "app_permissions": str(MEMBER_PERMISSIONS), "entitlements": [],
    }
    if guild_id is None:
        payload.update(user=user(user_id, name), context=1,
                       channel=channel or dm_channel(snowflake(), user(user_id, name)))
        payload["channel_id"] = payload["channel"]["id"]
    else:
        chosen = channel or text_channel(GENERAL_ID, "general")
        payload.update(guild_id=str(guild_id), guild_locale="en-US", context=0, channel=chosen,
                       channel_id=chosen["id"], member=member(user_id, name, permissions),
                       authorizing_integration_owners={"0": str(guild_id)})
    if message_ is not None:
        payload["message"] = message_
    return payload


def command_options(words: list[str], values: dict[str, Any], focused: str = "") -> dict[str, Any]:
    """Application command data for ``goal set`` with typed values, nested as Discord nests them."""
    options = [{"name": k, "type": 4 if isinstance(v, int) else 3, "value": v,
                **({"focused": True} if k == focused else {})} for k, v in values.items()]
    for word in reversed(words[1:]):
        options = [{"name": word, "type": 1, "options": options}]
    return {"id": snowflake(), "name": words[0], "type": 1, "options": options}


def modal_components(values: dict[str, str], selects: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """What a submitted modal carries: labels wrapping text inputs and selects."""
    return [{"type": 18, "id": i + 1, "component":
             {"type": 3, "custom_id": k, "values": [v] if v else []} if k in selects else
             {"type": 4, "custom_id": k, "value": v}} for i, (k, v) in enumerate(values.items())]
