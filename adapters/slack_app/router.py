"""Route `/rebound <command> [options]` to the core; a missing option makes the core ask with a form.

The core's own text parser reads the line, so Slack accepts exactly what the
console does: options in order or as `name:value`. `/rebound` alone is help.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from adapters.slack_app.deliver import Target
from adapters.slack_app.mrkdwn import from_slack
from adapters.slack_app.payloads import command_to_target
from adapters.slack_app.services import SlackServices


def register(app: AsyncApp, slack: SlackServices) -> None:
    """Listen for the configured slash command."""

    @app.command(slack.settings.command)
    async def on_command(ack: AsyncAck, body: dict[str, Any]) -> None:
        async with slack.working():
            await ack()
            text = from_slack(str(body.get("text", ""))).strip()
            await run_line(slack, command_to_target(body), "/" + (text or "help"))


async def run_line(slack: SlackServices, target: Target, line: str) -> None:
    """Run a typed command line for an interaction and deliver the reply (a form opens as a modal)."""
    person = await slack.asker(target)
    reply = await slack.core.handle_text(target.address, line, person.name, person.is_admin)
    await slack.replier.send(reply, target)
    await slack.refresh_home(target.address.workspace, target.address.user)
