"""Render a member's page (the core's overview) as Slack's App Home tab."""

from __future__ import annotations

from typing import Any

from adapters.slack_app.blocks import reply_to_blocks
from adapters.slack_app.mrkdwn import Style
from bot.replies import Reply

MAX_HOME_BLOCKS = 100


def home_view(reply: Reply, style: Style, user_id: str) -> dict[str, Any]:
    """Render the Home tab as a Slack view."""
    blocks = reply_to_blocks(reply, style, (user_id,))
    if len(blocks) > MAX_HOME_BLOCKS:
        blocks = blocks[:MAX_HOME_BLOCKS - 1] + blocks[-1:]
    return {"type": "home", "blocks": blocks}
