"""A week on Discord: the scheduler opens the thread, a member posts goals in it from its button."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.scheduling.pacing import Pacer
from bot.scheduling.scheduler import Scheduler
from tests.adapters.discord_app import fake_payloads as p

SUNDAY_NIGHT = datetime(2026, 11, 22, 23, tzinfo=UTC)
MONDAY_MORNING = datetime(2026, 11, 23, 10, tzinfo=UTC)


def buttons(message: dict) -> list[dict]:
    return [c for row in message["components"] for c in row["components"]]


async def say(bot, fake, name: str, **values) -> str:
    interaction = await bot.slash(name, user=p.OWNER_ID, admin=True, **values)
    [reply] = await fake.followups(interaction)
    return reply.body["content"]


async def test_goals_posted_from_the_weekly_threads_button_land_in_the_thread(bot, fake, clock):
    clock.set(SUNDAY_NIGHT)
    assert (await say(bot, fake, "setup timezone", timezone="Europe/London")).startswith("Saved")
    channels = await say(bot, fake, "setup channels", accountability=f"<#{p.GENERAL_ID}>")
    assert channels.startswith("Saved")
    scheduler = Scheduler(bot.core, pacer=Pacer({}))
    while clock.now() < MONDAY_MORNING:
        clock.set(clock.now() + timedelta(minutes=30))
        await scheduler.run_once()

    [opened] = fake.find("POST", rf"channels/{p.GENERAL_ID}/messages/\d+/threads")
    assert opened.body["name"] == "Week of 23 Nov: what will you do this week?"
    starter = fake.messages[opened.path.split("/")[3]]
    [goals_button] = buttons(starter)
    assert goals_button["label"] == "Post my goals" and goals_button["custom_id"].startswith("rb:")

    pressed = await bot.press(starter, goals_button["custom_id"])
    await fake.followups(pressed)
    offer = list(fake.messages.values())[-1]
    [open_form] = buttons(offer)
    modal = await fake.callback(await bot.press(offer, open_form["custom_id"]))
    assert modal.body["type"] == 9
    submitted = await bot.submit(modal.body["data"]["custom_id"],
                                 {"goals": "Five applications and one coffee chat"})
    await fake.followups(submitted)
    [thread_id] = fake.threads
    [post] = await fake.posts(thread_id)
    assert post.body["content"] == "**Ana’s goals this week**\nFive applications and one coffee chat"
    assert post.body["allowed_mentions"] == {"parse": []}
