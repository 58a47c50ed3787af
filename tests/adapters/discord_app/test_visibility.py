"""Who sees a reply: deferral follows the command's hint, delivery follows the reply."""

from __future__ import annotations

from bot.commands.spec import Command
from bot.replies import ChannelPost, Reply, Visibility
from tests.adapters.discord_app import fake_payloads as p
from tests.adapters.discord_app.conftest import RunningBot

ORIGINAL = r"webhooks/\d+/{token}/messages/@original"


async def start_with(core, fake, *commands: Command) -> RunningBot:
    for command in commands:
        core.commands[command.name] = command
    running = RunningBot(core, fake, fake.env())
    await running.start()
    return running


def replying(reply: Reply):
    async def handler(ctx, opts):
        return reply
    return handler


async def test_a_public_command_is_deferred_and_answered_in_the_open(core, fake):
    cheer = Command("cheer", "Cheer everyone on", replying(
        Reply(text="Go team!", visibility=Visibility.CHANNEL)), ephemeral_hint=False)
    bot = await start_with(core, fake, cheer)
    interaction = await bot.slash("cheer")
    assert (await fake.callback(interaction)).body == {"type": 5}
    [reply] = await fake.followups(interaction)
    await bot.stop()
    assert reply.body["content"] == "Go team!" and reply.flags == 0


async def test_a_channel_reply_after_a_private_deferral_is_posted_in_the_channel(core, fake):
    shout = Command("shout", "Say it to the room", replying(
        Reply(text="Hello, everyone.", visibility=Visibility.CHANNEL)))
    bot = await start_with(core, fake, shout)
    interaction = await bot.slash("shout")
    [post] = await fake.posts(p.GENERAL_ID)
    await bot.stop()
    assert (await fake.callback(interaction)).flags == 64
    assert fake.find("DELETE", ORIGINAL.format(token=interaction["token"]))
    assert post.body["content"] == "Hello, everyone." and post.body["allowed_mentions"] == {"parse": []}


async def test_a_private_reply_after_a_public_deferral_stays_private(core, fake):
    whisper = Command("whisper", "Say it quietly", replying(Reply(text="Just for you.")),
                      ephemeral_hint=False)
    bot = await start_with(core, fake, whisper)
    interaction = await bot.slash("whisper")
    [reply] = await fake.followups(interaction)
    await bot.stop()
    assert fake.find("DELETE", ORIGINAL.format(token=interaction["token"]))
    assert reply.flags == 64 and reply.body["content"] == "Just for you."


async def test_a_post_in_a_thread_follows_the_member_there(core, fake):
    thread_id = p.snowflake()
    fake.threads[thread_id] = str(p.GENERAL_ID)
    echo = Command("echo", "Echo in this place", replying(
        Reply(text="Noted.", posts=(ChannelPost(Reply(text="Echo!")),))))
    bot = await start_with(core, fake, echo)
    here = p.thread(thread_id, str(p.GENERAL_ID), "Week 48")
    await bot.slash("echo", channel=here)
    [post] = await fake.posts(thread_id)
    await bot.stop()
    assert post.body["content"] == "Echo!"


async def test_a_post_the_bot_cannot_make_is_explained_privately(core, fake):
    lost = Command("lost", "Post somewhere gone", replying(
        Reply(text="Shared!", posts=(ChannelPost(Reply(text="Hi"), channel_id="42"),))))
    bot = await start_with(core, fake, lost)
    interaction = await bot.slash("lost")
    replies = await fake.followups(interaction, 2)
    await bot.stop()
    assert replies[1].flags == 64
    assert replies[1].body["content"].startswith("I couldn’t post in <#42>")
