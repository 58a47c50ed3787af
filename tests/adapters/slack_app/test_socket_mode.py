"""Socket Mode: the real handler connects to the fake's websocket and acknowledges envelopes."""

from __future__ import annotations

import asyncio

from adapters.slack_app.platform import PLATFORM
from bot.core import Rebound
from tests.adapters.slack_app.conftest import ANA
from tests.adapters.slack_app.fake_slack import FakeSlack
from tests.adapters.slack_app.workspace import Workspace, action_ids, block_text


async def test_a_command_over_socket_mode_is_acknowledged_and_answered(
        socket_workspace: Workspace, fake: FakeSlack, core: Rebound):
    ack = await socket_workspace.command(ANA, "log applied 2")
    assert ack.status == 200
    assert fake.calls_to("apps.connections.open")[0].token == "xapp-test"
    assert await core.services.db.fetchval("SELECT SUM(count) FROM activities") == 2
    assert fake.calls_to("response_url")[-1].args["response_type"] == "ephemeral"
    assert core.ports["slack"] is socket_workspace.running.services.port


async def test_buttons_and_events_work_over_socket_mode(socket_workspace: Workspace, fake: FakeSlack):
    await socket_workspace.command(ANA, "privacy delete")
    button = action_ids(fake.calls_to("response_url")[-1].args["blocks"])[1]
    await socket_workspace.press(ANA, button)
    assert "Nothing was deleted" in block_text(fake.calls_to("response_url")[-1].args["blocks"])


async def test_a_redelivered_event_runs_once(socket_workspace: Workspace, fake: FakeSlack):
    await socket_workspace.open_home(ANA, event_id="Ev-socket")
    await socket_workspace.open_home(ANA, event_id="Ev-socket", retry=1)
    assert len(fake.calls_to("views.publish")) == 1


async def test_rebound_run_connects_serves_and_closes_when_cancelled(core: Rebound, fake: FakeSlack):
    env = {"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_APP_TOKEN": "xapp-test", "SLACK_API_BASE": fake.api_url}
    assert PLATFORM.configured(env)
    task = asyncio.create_task(PLATFORM.run(core, env))
    await fake.send_envelope("events_api", {
        "team_id": "T1", "type": "event_callback", "event_id": "Ev-run",
        "event": {"type": "app_home_opened", "user": ANA, "tab": "home"}})
    await fake.wait_for("views.publish")
    assert "slack" in core.ports
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    assert "slack" not in core.ports
