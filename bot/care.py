"""Lead with care when a member writes something that sounds like a crisis.

The reply is private, short and offers a few choices instead of a wall of
hotlines. Asking for a person is always the member's own choice: only then
is the community's care channel told, and never with their words.
"""

from __future__ import annotations

from datetime import timedelta

from bot import config_store
from bot.actions import action_id
from bot.commands.spec import Action
from bot.content.choose import pick
from bot.context import Context
from bot.replies import Button, ButtonStyle, ChannelPost, Reply, Section
from bot.safety import is_crisis

FLAG_FOR = timedelta(hours=24)
REPLY_EVERY = timedelta(hours=1)

_OPENINGS = (
    "What you wrote sounds really heavy, and I’m glad you said it. You don’t have to carry "
    "this alone.",
    "That sounds like a lot of pain right now. Thank you for putting it into words here.",
    "I’m really sorry it feels this hard. Your job search can wait; you matter more than it does.",
)


async def screen(ctx: Context, texts: list[str]) -> Reply | None:
    """Return a care reply if any text sounds like a crisis; otherwise None.

    Nothing the member wrote is stored on this path. The member is flagged
    for 24 hours (nudges and "keep applying" tips pause, streaks freeze) and
    the community's anonymous crisis count goes up by one.
    """
    if not any(is_crisis(text) for text in texts):
        return None
    flagged = ctx.member.crisis_until
    recently = flagged is not None and ctx.now < flagged - FLAG_FOR + REPLY_EVERY
    async with ctx.db.transaction() as conn:
        await conn.execute("UPDATE members SET crisis_until = ? WHERE id = ?",
                           ((ctx.now + FLAG_FOR).isoformat(), ctx.member.id))
        if not recently:
            await conn.execute(
                "INSERT INTO crisis_counts (community_id, day, count) VALUES (?, ?, 1) "
                "ON CONFLICT (community_id, day) DO UPDATE SET count = count + 1",
                (ctx.community.id, ctx.now.date().isoformat()))
    if recently:
        return Reply(text="I’m still here with you. Nothing was saved. The choices below are "
                          "open whenever you want them.", buttons=_choices())
    return Reply(
        text=pick(_OPENINGS, ctx.member.id, ctx.now.date())
        + "\n\nI haven’t saved what you wrote. If you might be in danger, please contact a "
        "crisis line or your local emergency number now.",
        buttons=_choices(),
    )


def _choices() -> tuple[Button, ...]:
    return (
        Button("Breathe for a minute", action_id("care", "ground")),
        Button("Helplines for my region", action_id("care", "lines"), ButtonStyle.PRIMARY),
        Button("A safety note", action_id("care", "note")),
        Button("Talk to a person", action_id("care", "person")),
    )


async def _care_action(ctx: Context, args: tuple[str, ...]) -> Reply:
    choice = args[0] if args else "lines"
    if choice == "ground":
        return Reply(text=(
            "Let’s slow things down together for one minute.\n"
            "- Breathe in through your nose for 4, hold for 4, out slowly for 6. Three times.\n"
            "- Name 5 things you can see, 4 you can touch, 3 you can hear.\n"
            "- Put your feet flat on the floor and notice the weight of them.\n"
            "When you’re ready, the other choices are still here."), buttons=_choices())
    if choice == "note":
        return Reply(text=(
            "A job search can wear anyone down, and feeling this way is not a failing. "
            "Rebound is a peer-support bot, not a counsellor: it can’t assess or treat anything. "
            "If thoughts of harming yourself are around, please tell someone today: a friend, "
            "a doctor, or a crisis line. You deserve real support from real people."),
            buttons=_choices())
    if choice == "person":
        return await _ask_for_person(ctx)
    return await resources_reply(ctx)


async def resources_reply(ctx: Context) -> Reply:
    """The community's crisis resources, or the international defaults."""
    custom = await config_store.get(ctx.db, ctx.community.id, "crisis_resources")
    res = ctx.library.resources
    body = custom or "\n".join(f"- **{line.region}**: {line.name}: {line.contact}" for line in res.lines)
    return Reply(text=res.intro, sections=(Section(text=body), Section(text=res.emergency)),
                 buttons=_choices())


async def _ask_for_person(ctx: Context) -> Reply:
    channel = await config_store.get(ctx.db, ctx.community.id, "channel.care")
    if not channel:
        return Reply(text=(
            "This community hasn’t set up a care channel yet, so I can’t reach a person for you "
            "here. Please contact one of the helplines, or someone you trust, today."),
            buttons=_choices())
    mention = f"<@{ctx.member.user_id}>"
    post = ChannelPost(
        Reply(text=f"{mention} asked to talk with a person from the community. Could someone "
                   "reach out to them privately, gently and soon?"),
        channel_id=channel, mention_user_ids=(ctx.member.user_id,))
    return Reply(text=(
        "I’ve let the community’s care team know you’d like to talk. I didn’t share anything "
        "you wrote. Someone should reach out to you privately. If you feel unsafe before then, "
        "please use a helpline."), posts=(post,), buttons=_choices())


ACTIONS = [Action("care", _care_action)]
