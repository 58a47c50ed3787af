"""Buttons route by custom_id, so they work after a restart; every answer comes first."""

from __future__ import annotations

from bot.replies import Button, Reply
from tests.adapters.discord_app import fake_payloads as p

DEFERRED = 5
MESSAGE = 4
PRIVATELY = {"type": DEFERRED, "data": {"flags": 64}}


def buttons(message: dict) -> list[dict]:
    return [c for row in message["components"] for c in row["components"]]


async def sent_message(fake, interaction) -> dict:
    """The message a follow-up created, as Discord stored it (with its components)."""
    [call] = await fake.followups(interaction)
    return next(m for m in fake.messages.values() if m["content"] == call.body.get("content"))


async def test_a_button_pressed_after_a_restart_still_works(bot, fake, core):
    await fake.followups(await bot.slash("checkin", feeling=3))
    message = await sent_message(fake, await bot.slash("privacy delete"))
    assert [b["custom_id"] for b in buttons(message)] == ["rb:privacy:delete", "rb:privacy:keep"]
    await bot.stop()
    await bot.start()
    pressed = await bot.press(message, "rb:privacy:delete")
    assert (await fake.callback(pressed)).body == PRIVATELY
    [reply] = await fake.followups(pressed)
    assert reply.body["content"].startswith("Done. Everything Rebound kept about you")
    assert await core.services.db.fetchval("SELECT COUNT(*) FROM checkins") == 0


async def test_the_answer_comes_before_a_slow_database(bot, fake, core):
    async with core.services.db.transaction():  # every write waits until this block ends
        interaction = await bot.slash("checkin", feeling=4)
        assert (await fake.callback(interaction)).body == PRIVATELY
        assert fake.find("POST", rf"webhooks/{p.APP_ID}/{interaction['token']}") == []
    [reply] = await fake.followups(interaction)
    assert reply.body["content"]


async def test_a_button_in_a_dm_carries_its_server(bot, fake):
    port = bot.core.ports["discord"]
    offer = Reply(text="Want to keep your data?", buttons=(Button("Keep it", "rb:privacy:keep"),))
    await port.send_dm(str(p.GUILD_ID), str(p.ANA_ID), offer)
    dm = fake.dm_channels[str(p.ANA_ID)]
    [sent] = await fake.posts(dm)
    message = next(m for m in fake.messages.values() if m["channel_id"] == dm)
    [button] = buttons(message)
    assert button["custom_id"] == f"rbg:{p.GUILD_ID}:rb:privacy:keep"
    pressed = await bot.press(message, button["custom_id"], in_dm=True)
    assert (await fake.callback(pressed)).body == PRIVATELY
    [reply] = await fake.followups(pressed)
    assert reply.body["content"] == "Nothing was deleted. Your data is still here."


async def test_an_unknown_action_gets_a_friendly_answer(bot, fake):
    message = p.message(str(p.GENERAL_ID), {"content": "old", "components": [
        {"type": 1, "components": [{"type": 2, "style": 2, "label": "Old",
                                    "custom_id": "rb:retired:1"}]}]}, [])
    pressed = await bot.press(message, "rb:retired:1")
    [reply] = await fake.followups(pressed)
    assert reply.body["content"].startswith("That button no longer does anything")
