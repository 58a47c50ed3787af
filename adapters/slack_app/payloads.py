"""Translate Slack payloads into the core's addresses and a place to answer."""

from __future__ import annotations

from typing import Any

from adapters.slack_app.deliver import Target
from adapters.slack_app.modals import FormMeta
from bot.requests import Address

PLATFORM = "slack"


def command_to_target(body: dict[str, Any]) -> Target:
    """Where a slash command came from: workspace, channel and member."""
    address = Address(PLATFORM, str(body.get("team_id", "")), str(body.get("channel_id", "")),
                      str(body.get("user_id", "")))
    return Target(address, str(body.get("trigger_id", "")), str(body.get("response_url", "")))


def action_to_target(body: dict[str, Any]) -> Target:
    """Where a button was pressed: a message in a channel or thread, or the App Home."""
    container = body.get("container") or {}
    message = body.get("message") or {}
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id") or ""
    thread = container.get("thread_ts") or message.get("thread_ts") or ""
    address = Address(PLATFORM, _workspace(body), channel, _user(body), thread)
    return Target(address, str(body.get("trigger_id", "")), str(body.get("response_url") or ""))


def submission_to_target(body: dict[str, Any], meta: FormMeta) -> Target:
    """Where a submitted modal's answer belongs: the channel it was opened from."""
    address = Address(PLATFORM, _workspace(body), meta.channel, _user(body), meta.thread)
    return Target(address, str(body.get("trigger_id", "")))


def _workspace(body: dict[str, Any]) -> str:
    team = body.get("team") or {}
    return str(team.get("id") or (body.get("user") or {}).get("team_id") or "")


def _user(body: dict[str, Any]) -> str:
    return str((body.get("user") or {}).get("id", ""))
