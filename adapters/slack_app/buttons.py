"""Route button presses: every `rb:` id goes to a core action (Home shortcuts included)."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from adapters.slack_app.payloads import action_to_target
from adapters.slack_app.services import SlackServices
from bot.actions import PREFIX

CORE_ACTION = re.compile("^" + re.escape(PREFIX + ":"))


def register(app: AsyncApp, slack: SlackServices) -> None:
    """Listen for every Rebound button; ids are self-contained, so old buttons keep working."""

    @app.action(CORE_ACTION)
    async def on_core_button(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        async with slack.working():
            await ack()
            target = action_to_target(body)
            person = await slack.asker(target)
            reply = await slack.core.handle_action(target.address, str(action.get("action_id", "")),
                                                   person.name, person.is_admin)
            await slack.replier.send(reply, target)
            await slack.refresh_home(target.address.workspace, target.address.user)
