"""Handle submitted modals: show field errors in the modal, run the command otherwise."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from adapters.slack_app.modals import CALLBACK_ID, FormMeta, view_to_values
from adapters.slack_app.mrkdwn import Style
from adapters.slack_app.payloads import submission_to_target
from adapters.slack_app.services import SlackServices
from bot import care
from bot.commands.spec import Command
from bot.errors import InputError
from bot.forms import FORM_PREFIX
from bot.text import shorten
from bot.validation import validate

MAX_ERROR = 300


def register(app: AsyncApp, slack: SlackServices) -> None:
    """Listen for Rebound modal submissions."""

    @app.view(CALLBACK_ID)
    async def on_submit(ack: AsyncAck, body: dict[str, Any], view: dict[str, Any]) -> None:
        async with slack.working():
            meta = FormMeta.from_json(str(view.get("private_metadata", "")))
            values = view_to_values(view)
            errors = field_errors(slack.core.commands, meta.form_id, values, view, slack.style)
            if errors:
                await ack(response_action="errors", errors=errors)
                return
            await ack()
            target = submission_to_target(body, meta)
            person = await slack.asker(target)
            reply = await slack.core.handle_form(target.address, meta.form_id, values, person.name,
                                                 person.is_admin)
            await slack.replier.send(reply, target)
            await slack.refresh_home(target.address.workspace, target.address.user)


def field_errors(commands: dict[str, Command], form_id: str, values: dict[str, str],
                 view: dict[str, Any], style: Style) -> dict[str, str]:
    """Check the values with the core's own validation, so a typo keeps the modal open.

    Only problems tied to a field in this modal are shown there; anything else
    is left for the core to answer after the modal closes. Crisis words close
    the modal whatever else is wrong, since the core answers them before it
    validates anything.
    """
    command = commands.get(form_id.removeprefix(FORM_PREFIX))
    if command is None or care.needs_care(care.member_words(command, values)):
        return {}
    try:
        validate(command, values)
    except InputError as exc:
        blocks = {b.get("block_id") for b in view.get("blocks", [])}
        if exc.field in blocks:
            return {exc.field: shorten(style.plain(exc.message), MAX_ERROR)}
    return {}
