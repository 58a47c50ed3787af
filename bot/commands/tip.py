"""`/tip`: one tip that fits the moment, never repeated until a topic is used up."""

from __future__ import annotations

from typing import Any

from bot.commands.spec import Command, Option, OptionKind
from bot.content.choose import choose_tip
from bot.content.schema import TOPICS
from bot.context import Context
from bot.moment import current_moment
from bot.replies import Reply, Section
from bot.seen import record, seen_ids


async def give_tip(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Pick, record and show a tip."""
    topic = opts.get("topic")
    seen = await seen_ids(ctx.db, ctx.member.id, "tip")
    moment = await current_moment(ctx)
    note = ""
    if topic and not any(t.topic == topic and not t.tags & moment.avoid for t in ctx.library.tips):
        # Every tip on this topic pushes for more effort; today calls for something gentler.
        note = (f"The {topic} tips are all about pushing on, and right now rest matters more. "
                "Here’s something gentler; they’ll be back when you’re ready.")
        topic = None
    tip, exhausted = choose_tip(ctx.library.tips, seen, topic, moment, (ctx.member.id, ctx.today))
    scope = [t.id for t in ctx.library.tips if topic is None or t.topic == topic]
    await ctx.db.write(lambda conn: record(conn, ctx.member.id, "tip", tip.id, ctx.now,
                                           scope if exhausted else ()))
    sections = [Section(title="Try this", text=tip.try_this)] if tip.try_this else []
    if exhausted:
        which = "every tip on this topic" if topic else "every tip I have"
        sections.append(Section(text=f"_You’ve now seen {which}, so they’ll start again._"))
    text = f"**{tip.topic.capitalize()}**: {tip.text}"
    return Reply(text=f"_{note}_\n\n{text}" if note else text, sections=tuple(sections))


COMMANDS = [
    Command("tip", "Get a tip that fits where you are right now", give_tip, options=(
        Option("topic", "Pick a topic, or leave it empty for one that fits the moment",
               OptionKind.CHOICE, choices=TOPICS),
    )),
]
