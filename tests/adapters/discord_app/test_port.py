"""The platform port: threads, DMs refused, rate limits and missing channels."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from bot.port import DeliveryError
from bot.replies import Reply, Section
from bot.scheduling.pacing import Pacer
from bot.scheduling.scheduler import Scheduler
from tests.adapters.discord_app import fake_payloads as p
from tests.bot.scheduling.conftest import run_until

GUILD = str(p.GUILD_ID)
GENERAL = str(p.GENERAL_ID)


async def test_open_a_thread_and_post_in_it(bot, fake):
    port = bot.core.ports["discord"]
    thread_id = await port.open_thread(GUILD, GENERAL, "Week 48: what are you aiming for?",
                                       Reply(text="**This week’s thread** is open. Say hi!"))
    [starter] = await fake.posts(GENERAL)
    assert starter.body["content"].startswith("**This week’s thread**")
    assert starter.body["allowed_mentions"] == {"parse": []}
    [opened] = fake.find("POST", rf"channels/{GENERAL}/messages/\d+/threads")
    assert opened.body["name"] == "Week 48: what are you aiming for?"
    assert opened.body["auto_archive_duration"] == 10080
    assert fake.threads[thread_id] == GENERAL

    await port.post_thread(GUILD, GENERAL, thread_id, Reply(text=f"Welcome <@{p.BEN_ID}>!"),
                           mention_user_ids=(str(p.BEN_ID),))
    [post] = await fake.posts(thread_id)
    assert post.body["allowed_mentions"] == {"parse": [], "users": [p.BEN_ID]}


async def test_a_closed_dm_is_permanent(bot, fake, core):
    fake.closed_dms.add(str(p.BEN_ID))
    with pytest.raises(DeliveryError) as refused:
        await bot.core.ports["discord"].send_dm(GUILD, str(p.BEN_ID), Reply(text="A gentle nudge"))
    assert refused.value.permanent and refused.value.reason == "member does not accept DMs"
    metrics = core.services.metrics.exposition().decode()
    assert 'rebound_platform_errors_total{platform="discord",reason="403"} 1.0' in metrics


async def test_a_member_whose_dms_are_closed_gets_one_try_then_no_more(bot, fake, core, clock):
    interaction = await bot.slash("settings", nudges="on", reminder_time="10:00")
    await fake.followups(interaction)
    fake.closed_dms.add(str(p.ANA_ID))
    await run_until(Scheduler(core, pacer=Pacer({})), clock, clock.now() + timedelta(days=3))
    dm = fake.dm_channels[str(p.ANA_ID)]
    assert [c.status for c in fake.find("POST", rf"channels/{dm}/messages")] == [403]
    blocked = await core.services.db.fetchval(
        "SELECT dm_blocked_at FROM members WHERE platform_user_id = ?", (str(p.ANA_ID),))
    assert blocked == "2026-11-23T10:00:00+00:00"


async def test_a_rate_limited_post_is_retried_and_arrives_once(bot, fake):
    fake.rate_limited.append(re.compile(rf"channels/{GENERAL}/messages"))
    await bot.core.ports["discord"].post_channel(GUILD, GENERAL, Reply(text="Monday encouragement"))
    attempts = fake.find("POST", rf"channels/{GENERAL}/messages")
    assert [a.status for a in attempts] == [429, 200]
    assert len(await fake.posts(GENERAL)) == 1


async def test_a_missing_channel_is_permanent(bot):
    with pytest.raises(DeliveryError) as missing:
        await bot.core.ports["discord"].post_channel(GUILD, "123456789012345678", Reply(text="Hi"))
    assert missing.value.permanent


async def test_a_long_post_is_split_within_discord_limits(bot, fake):
    long = Reply(text="\n".join(f"- line {i} " + "x" * 80 for i in range(60)),
                 sections=tuple(Section(title=f"Part {i}", text="y" * 3000) for i in range(4)))
    await bot.core.ports["discord"].post_channel(GUILD, GENERAL, long)
    posts = await fake.posts(GENERAL, 3)
    assert all(len(c.body.get("content") or "") <= 2000 for c in posts)
    assert all(sum(len(e.get("description", "")) for e in c.body.get("embeds", [])) <= 6000
               for c in posts)
    sent = "\n".join(c.body.get("content") or "" for c in posts)
    assert sent.count("- line ") == 60


async def test_a_channel_set_up_by_name_is_found_in_the_server(bot, fake):
    port = bot.core.ports["discord"]
    await port.post_channel(GUILD, "#wins", Reply(text="A win!"))
    [post] = await fake.posts(p.WINS_ID)
    assert post.body["content"] == "A win!"
    with pytest.raises(DeliveryError) as unknown:
        await port.post_channel(GUILD, "#nowhere", Reply(text="Hi"))
    assert unknown.value.permanent
