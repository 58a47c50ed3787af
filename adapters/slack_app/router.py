"""Route `/rebound <command> [options]` to the core, opening a modal when options are missing.

The core's own text parser reads the line, so Slack accepts exactly what the
console does: options in order or as `name:value`. `/rebound` alone is help.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from adapters.slack_app.deliver import Target
from adapters.slack_app.modals import form_for_missing
from adapters.slack_app.mrkdwn import from_slack
from adapters.slack_app.payloads import command_to_target
from adapters.slack_app.services import SlackServices
from bot.commands.spec import Command
from bot.errors import InputError
from bot.parsing import parse_line
from bot.replies import Form


def register(app: AsyncApp, slack: SlackServices) -> None:
    """Listen for the configured slash command."""

    @app.command(slack.settings.command)
    async def on_command(ack: AsyncAck, body: dict[str, Any]) -> None:
        async with slack.working():
            await ack()
            text = from_slack(str(body.get("text", ""))).strip()
            await run_line(slack, command_to_target(body), "/" + (text or "help"))


async def run_line(slack: SlackServices, target: Target, line: str) -> None:
    """Run a typed command line for an interaction and deliver the reply."""
    person = await slack.asker(target)
    form = missing_options_form(slack.core.commands, line, person.is_admin)
    if form is not None:
        await slack.replier.open_form(form, target)
        return
    reply = await slack.core.handle_text(target.address, line, person.name, person.is_admin)
    await slack.replier.send(reply, target)
    await slack.refresh_home(target.address.workspace, target.address.user)


def missing_options_form(commands: dict[str, Command], line: str, is_admin: bool) -> Form | None:
    """The form to open instead of failing when a command's required options are missing.

    Admin-only commands only get a form for admins; others go to the core,
    which explains who may use them.
    """
    try:
        parsed = parse_line(line, commands)
    except InputError:
        return None
    if parsed.command.admin_only and not is_admin:
        return None
    return form_for_missing(parsed.command, parsed.raw)
