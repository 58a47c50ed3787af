"""The platform port: DMs, channel posts and threads, with Slack's errors handled."""

from __future__ import annotations

from datetime import timedelta

import pytest

from adapters.slack_app.serve import Running
from bot.clock import ManualClock
from bot.core import Rebound
from bot.port import DeliveryError
from bot.replies import Reply
from bot.scheduling.pacing import Pacer
from bot.scheduling.scheduler import Scheduler
from tests.adapters.slack_app.conftest import ANA, BEN
from tests.adapters.slack_app.fake_slack import TEAM, FakeSlack
from tests.adapters.slack_app.workspace import Workspace, block_text
from tests.bot.scheduling.conftest import run_until


async def test_the_running_app_gives_the_core_its_port(core: Rebound, running: Running):
    assert core.ports["slack"] is running.services.port
    await running.close()
    assert "slack" not in core.ports


async def test_a_dm_opens_the_conversation_then_posts(core: Rebound, running: Running, fake: FakeSlack):
    ts = await core.ports["slack"].send_dm(TEAM, ANA, Reply(text="**Time for a check-in?**"))
    assert fake.calls_to("conversations.open")[-1].args["users"] == ANA
    post = fake.calls_to("chat.postMessage")[-1].args
    assert post["channel"] == "D" + ANA and ts.startswith("1790000000.")
    assert block_text(post["blocks"]) == "*Time for a check-in?*"


async def test_an_unreachable_member_is_a_permanent_error(core: Rebound, running: Running,
                                                          fake: FakeSlack):
    fake.fail("conversations.open", "user_not_found")
    with pytest.raises(DeliveryError) as raised:
        await core.ports["slack"].send_dm(TEAM, BEN, Reply(text="Hello"))
    assert raised.value.permanent and raised.value.reason == "user_not_found"
    assert fake.calls_to("chat.postMessage") == []


async def test_an_unreachable_member_gets_one_try_then_no_more(core: Rebound, clock: ManualClock,
                                                               workspace: Workspace, fake: FakeSlack):
    await workspace.command(ANA, "settings nudges:on reminder_time:10:00")
    fake.fail("conversations.open", "account_inactive", times=3)
    await run_until(Scheduler(core, pacer=Pacer({})), clock, clock.now() + timedelta(days=3))
    assert [c.args["_failed"] for c in fake.calls_to("conversations.open")] == ["account_inactive"]
    blocked = await core.services.db.fetchval(
        "SELECT dm_blocked_at FROM members WHERE platform_user_id = ?", (ANA,))
    assert blocked == "2026-11-23T10:00:00+00:00"


async def test_a_missing_channel_is_a_permanent_error(core: Rebound, running: Running, fake: FakeSlack):
    fake.fail("chat.postMessage", "channel_not_found")
    with pytest.raises(DeliveryError) as raised:
        await core.ports["slack"].post_channel(TEAM, "CGONE", Reply(text="Weekly recap"))
    assert raised.value.permanent


async def test_a_thread_is_a_parent_message_and_replies_under_its_ts(core: Rebound, running: Running,
                                                                      fake: FakeSlack):
    port = core.ports["slack"]
    thread = await port.open_thread(TEAM, "C1", "Week 48 check-in", Reply(text="How did your week go?"))
    parent = fake.calls_to("chat.postMessage")[-1].args
    assert block_text(parent["blocks"]) == "*Week 48 check-in*\nHow did your week go?"
    assert parent.get("thread_ts") is None
    await port.post_thread(TEAM, "C1", thread, Reply(text=f"Nice one <@{ANA}> and <@{BEN}>"),
                           mention_user_ids=(ANA,))
    reply = fake.calls_to("chat.postMessage")[-1].args
    assert reply["thread_ts"] == thread
    assert block_text(reply["blocks"]) == f"Nice one <@{ANA}> and @{BEN}"


async def test_a_rate_limited_call_is_retried_after_retry_after_and_succeeds(
        core: Rebound, running: Running, fake: FakeSlack):
    fake.fail("chat.postMessage", "ratelimited", status=429, retry_after=0)
    ts = await core.ports["slack"].post_channel(TEAM, "C1", Reply(text="Encouragement"))
    assert [c.status for c in fake.calls_to("chat.postMessage")] == [429, 200]
    assert ts


async def test_a_call_still_rate_limited_after_the_retry_reports_when_to_try_again(
        core: Rebound, running: Running, fake: FakeSlack):
    fake.fail("chat.postMessage", "ratelimited", status=429, retry_after=0, times=2)
    with pytest.raises(DeliveryError) as raised:
        await core.ports["slack"].post_channel(TEAM, "C1", Reply(text="Encouragement"))
    assert not raised.value.permanent and raised.value.retry_after == 0
    metrics = core.services.metrics.exposition().decode()
    assert 'rebound_platform_rate_limited_total{platform="slack"} 1.0' in metrics
