"""`/accountability join|leave|status|goals`: take part in the weekly thread.

Joining means being mentioned at the mid-week check-in and named, with your
progress against your goals, in the Friday recap. Posting goals (from the
thread's "Post my goals" button, or `/accountability goals`) shares them in
this week's thread under your name; it is always the member's own choice,
and only the fact that they posted is stored, not the words.
"""

from __future__ import annotations

from typing import Any

from bot.clock import iso_week, local_day
from bot.commands.log import plural
from bot.commands.spec import Action, Command, Option
from bot.context import Context
from bot.forms import form_for
from bot.replies import ChannelPost, Field, Reply, Section, Visibility
from bot.scheduling.schedules import schedules
from bot.scheduling.weekly import find_thread, participants
from bot.text import literal


async def join(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Opt in to the weekly check-in and recap."""
    await ctx.db.execute(
        "INSERT INTO accountability_members (member_id, community_id, joined_at) VALUES (?, ?, ?) "
        "ON CONFLICT (member_id) DO NOTHING", (ctx.member.id, ctx.community.id, ctx.now.isoformat()))
    text = ("You’re in. Mid-week I’ll mention you in the accountability thread to ask how it’s "
            "going, and Friday’s recap will show your progress against your goals under your name. "
            "Leave any time with `/accountability leave`.")
    if not await _has_goals(ctx):
        text += "\n\nSet a goal with `/goal set` too, so the recap has something to cheer."
    return Reply(text=text)


async def leave(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Opt out: no more mentions, and not named in recaps."""
    await ctx.db.execute("DELETE FROM accountability_members WHERE member_id = ?", (ctx.member.id,))
    return Reply(text="Done. No more mentions, and the recap won’t name you. Your goals and logs "
                      "stay private and untouched. You’re welcome back whenever you like.")


async def status(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Show whether you take part, this week's thread and when the next check-ins are."""
    people = await participants(ctx.db, ctx.community.id)
    joined = any(p["id"] == ctx.member.id for p in people)
    week = _week(ctx)
    thread = await find_thread(ctx.db, ctx.community.id, week)
    posted = await ctx.db.fetchval(
        "SELECT 1 FROM accountability_goals WHERE member_id = ? AND week = ?", (ctx.member.id, week))
    plan = await schedules(ctx.db, ctx.community.id)
    when = {k: (s.describe() if s else "off") for k, s in plan.items()}
    fields = (
        Field("You", "taking part" if joined else "not taking part"),
        Field("Taking part", plural(len(people), "member")),
        Field("This week’s thread", "open" if thread else "not opened yet"),
        Field("Your goals this week", "posted" if posted else "not posted"),
        Field("Check-in", when["checkin"]),
        Field("Recap", when["recap"]),
    )
    hint = ("`/accountability leave` to stop." if joined
            else "`/accountability join` to be mentioned mid-week and named in the recap.")
    return Reply(text=f"Weekly accountability. {hint}", sections=(Section(fields=fields),))


async def post_goals(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Share your goals for the week in this week's thread, under your name."""
    week = _week(ctx)
    thread = await find_thread(ctx.db, ctx.community.id, week)
    if thread is None:
        return Reply(text="This week’s accountability thread isn’t open yet, so I haven’t posted "
                          "anything. `/goal set` keeps track of your goals privately meanwhile.")
    await ctx.db.execute(
        "INSERT INTO accountability_goals (member_id, community_id, week, posted_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (member_id, week) DO UPDATE SET "
        "posted_at = excluded.posted_at",
        (ctx.member.id, ctx.community.id, week, ctx.now.isoformat()))
    name = literal(ctx.member.display_name or "A member")
    post = ChannelPost(Reply(text=f"**{name}’s goals this week**\n{literal(opts['goals'])}",
                             visibility=Visibility.CHANNEL),
                       channel_id=thread.channel_id, thread_id=thread.thread_id)
    text = "Posted in this week’s thread. Go gently, and good luck."
    if not any(p["id"] == ctx.member.id for p in await participants(ctx.db, ctx.community.id)):
        text += " Want a mention at the mid-week check-in? `/accountability join`."
    return Reply(text=text, posts=(post,))


async def goals_button(ctx: Context, args: tuple[str, ...]) -> Reply:
    """Open the goals form from the thread's button."""
    return Reply(form=form_for(GOALS))


def _week(ctx: Context) -> str:
    return iso_week(local_day(ctx.now, ctx.community.timezone))


async def _has_goals(ctx: Context) -> bool:
    return bool(await ctx.db.fetchval("SELECT 1 FROM goals WHERE member_id = ?", (ctx.member.id,)))


GOALS = Command(
    "accountability goals", "Post your goals for this week in the accountability thread",
    post_goals, form_title="Your goals this week", options=(
        Option("goals", "What you’d like to do this week", required=True, max_length=500,
               multiline=True, label="Your goals this week"),))

COMMANDS = [
    Command("accountability join", "Join the weekly check-in and recap", join),
    Command("accountability leave", "Leave the weekly check-in and recap", leave),
    Command("accountability status", "See if you take part and when the next check-ins are", status),
    GOALS,
]

ACTIONS = [Action("acct", goals_button)]
