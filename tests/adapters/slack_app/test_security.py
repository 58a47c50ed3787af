"""Requests are verified, retries never run twice, and admin commands are for admins."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

import pytest

from adapters.slack_app.serve import start
from adapters.slack_app.settings import SlackSettings
from bot.commands.spec import Command, Option
from bot.context import Context
from bot.core import Rebound
from bot.replies import Reply
from tests.adapters.slack_app.conftest import ANA, BEN, SAM, SECRET
from tests.adapters.slack_app.fake_slack import TEAM, FakeSlack
from tests.adapters.slack_app.workspace import Workspace, block_text
from tests.conftest import count_rows


def slash_body(text: str) -> str:
    return urlencode({"team_id": TEAM, "channel_id": "C1", "user_id": ANA, "command": "/rebound",
                      "text": text, "response_url": "http://127.0.0.1:9/unused", "trigger_id": "t-1"})


async def test_a_bad_signature_is_rejected_and_nothing_runs(workspace: Workspace, fake: FakeSlack,
                                                            core: Rebound):
    sent = await workspace.deliver(slash_body("log applied"), "application/x-www-form-urlencoded",
                                   secret="not-the-secret")
    assert sent.status == 401
    assert fake.calls == [] and await count_rows(core, "activities") == 0


async def test_a_stale_timestamp_is_rejected(workspace: Workspace, fake: FakeSlack, core: Rebound):
    sent = await workspace.deliver(slash_body("log applied"), "application/x-www-form-urlencoded",
                                   timestamp=int(time.time()) - 10 * 60)
    assert sent.status == 401
    assert fake.calls == [] and await count_rows(core, "activities") == 0


async def test_a_retried_command_runs_once(workspace: Workspace, fake: FakeSlack, core: Rebound):
    first = await workspace.command(ANA, "log applied 2", trigger="trigger-same")
    retried = await workspace.command(ANA, "log applied 2", trigger="trigger-same", retry=1)
    assert first.status == retried.status == 200
    assert await core.services.db.fetchval("SELECT SUM(count) FROM activities") == 2
    assert len(fake.calls_to("response_url")) == 1


async def test_a_retried_event_runs_once(workspace: Workspace, fake: FakeSlack):
    await workspace.open_home(ANA, event_id="Ev-once")
    await workspace.open_home(ANA, event_id="Ev-once", retry=1)
    await workspace.open_home(ANA, event_id="Ev-next")
    assert len(fake.calls_to("views.publish")) == 2


async def audit(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Stand in for an admin command such as `setup`: say what was reviewed."""
    return Reply(text=f"Reviewed {opts['scope']}.")


@pytest.fixture
def audit_command(core: Rebound) -> Command:
    command = Command("audit", "Review the community set-up", audit, admin_only=True,
                      options=(Option("scope", "What to review", required=True),))
    core.services.commands[command.name] = command
    return command


async def test_an_admin_command_is_refused_to_members(audit_command: Command, workspace: Workspace,
                                                      fake: FakeSlack):
    await workspace.command(ANA, "audit channels")
    shown = block_text(fake.calls_to("response_url")[-1].args["blocks"])
    assert "Only this community’s admins can use `/rebound audit`" in shown
    await workspace.command(ANA, "audit")
    assert fake.calls_to("views.open") == []


async def test_workspace_admins_may_use_admin_commands_and_get_its_form(
        audit_command: Command, workspace: Workspace, fake: FakeSlack):
    await workspace.command(SAM, "audit channels")
    assert "Reviewed channels." in block_text(fake.calls_to("response_url")[-1].args["blocks"])
    await workspace.command(SAM, "audit")
    assert fake.calls_to("views.open")[-1].args["view"]["blocks"][0]["block_id"] == "scope"


async def test_configured_admin_ids_may_use_admin_commands(audit_command: Command, core: Rebound,
                                                           fake: FakeSlack, settings: SlackSettings):
    app = await start(core, replace(settings, admin_ids=frozenset({BEN})))
    try:
        await Workspace(fake, app, SECRET).command(BEN, "audit goals")
    finally:
        await app.close()
    assert "Reviewed goals." in block_text(fake.calls_to("response_url")[-1].args["blocks"])
