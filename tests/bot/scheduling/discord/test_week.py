"""A community's whole week through the real discord.py client and the fake Discord on 127.0.0.1."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.scheduling.pacing import Pacer
from bot.scheduling.scheduler import Scheduler
from tests.adapters.discord_app import fake_payloads as p
from tests.bot.scheduling.conftest import run_until

SUNDAY_NIGHT = datetime(2026, 11, 22, 23, tzinfo=UTC)
TUESDAY = datetime(2026, 11, 24, 12, tzinfo=UTC)
NEXT_SUNDAY = datetime(2026, 11, 29, 23, tzinfo=UTC)
GENERAL = f"<#{p.GENERAL_ID}>"


async def use(bot, fake, name: str, user: int, **values) -> str:
    """Run a slash command and wait for its answer."""
    interaction = await bot.slash(name, user=user, admin=user == p.OWNER_ID, **values)
    [reply] = await fake.followups(interaction)
    return reply.body["content"]


async def test_posts_thread_check_in_and_recap_on_discord(core, clock, bot, fake):
    clock.set(SUNDAY_NIGHT)
    assert (await use(bot, fake, "setup timezone", p.OWNER_ID, timezone="Europe/London")).startswith(
        "Saved")
    await use(bot, fake, "setup channels", p.OWNER_ID, encouragement=GENERAL, accountability=GENERAL)
    await use(bot, fake, "accountability join", p.ANA_ID)
    await use(bot, fake, "goal set", p.ANA_ID, activity="applied", target=2, period="week")
    scheduler = Scheduler(core, pacer=Pacer({}))
    await run_until(scheduler, clock, TUESDAY)
    for user in (p.ANA_ID, p.ANA_ID, p.BEN_ID):
        await use(bot, fake, "log", user, activity="applied")
    await run_until(scheduler, clock, NEXT_SUNDAY)

    channel = [c.body for c in await fake.posts(p.GENERAL_ID, 4)]
    assert len(channel) == 4  # three encouragement posts and the thread's first message
    assert all(body["allowed_mentions"] == {"parse": []} for body in channel)
    [opened] = fake.find("POST", rf"channels/{p.GENERAL_ID}/messages/\d+/threads")
    assert opened.body["name"] == "Week of 23 Nov: what will you do this week?"
    [thread] = fake.threads
    checkin, recap = (c.body for c in await fake.posts(thread, 2))
    assert f"<@{p.ANA_ID}>" in checkin["content"] and f"<@{p.BEN_ID}>" not in checkin["content"]
    assert checkin["allowed_mentions"] == {"parse": [], "users": [p.ANA_ID]}
    assert "Ana" in str(recap) and "applications 2 of 2" in str(recap) and "Ben" not in str(recap)
    assert recap["allowed_mentions"] == {"parse": []}
