"""Publish a member's App Home whenever they open it."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from adapters.slack_app.services import SlackServices


def register(app: AsyncApp, slack: SlackServices) -> None:
    """Listen for app_home_opened."""

    @app.event("app_home_opened")
    async def on_home_opened(ack: AsyncAck, body: dict[str, Any], event: dict[str, Any]) -> None:
        async with slack.working():
            await ack()
            if event.get("tab", "home") == "home" and event.get("user"):
                await slack.refresh_home(str(body.get("team_id", "")), str(event["user"]))
