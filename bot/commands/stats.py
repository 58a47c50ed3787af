"""`/stats`: totals and this week against last, so progress is visible on slow weeks."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.clock import week_start
from bot.commands.log import plural
from bot.commands.spec import Command
from bot.context import Context
from bot.replies import Field, Reply, Section


async def show_stats(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Count applications, interviews, rejections and actions per week."""
    totals = {r["activity"]: r["n"] for r in await ctx.db.fetchall(
        "SELECT activity, SUM(count) AS n FROM day_totals WHERE member_id = ? GROUP BY activity",
        (ctx.member.id,))}
    monday = week_start(ctx.today)
    this_week = await _actions_between(ctx, monday, ctx.today)
    last_week = await _actions_between(ctx, monday - timedelta(days=7), monday - timedelta(days=1))
    fields = (
        Field("Applications", str(totals.get("applied", 0))),
        Field("Interviews", str(totals.get("interviewed", 0))),
        Field("Rejections logged", str(totals.get("rejection", 0))),
        Field("Networking", str(totals.get("networked", 0))),
        Field("This week", plural(this_week, "action")),
        Field("Last week", plural(last_week, "action")),
    )
    return Reply(text="Your search so far", sections=(
        Section(fields=fields), Section(text=trend(this_week, last_week, ctx.today.weekday()))))


def trend(this_week: int, last_week: int, weekday: int) -> str:
    """Describe the week-on-week change kindly and honestly."""
    if this_week == 0 and last_week == 0:
        return "A quiet fortnight. One small action today is a fine restart."
    if this_week > last_week:
        return f"Up on last week ({this_week} vs {last_week}). Momentum is building."
    if this_week == last_week:
        return "Level with last week. Steady is good."
    if weekday < 4:
        return (f"{this_week} so far against {last_week} last week, and the week isn’t over. "
                "No pressure: pace beats sprints.")
    return (f"A lighter week than last ({this_week} vs {last_week}). Searches have slower weeks; "
            "what matters is that you’re still here.")


async def _actions_between(ctx: Context, first, last) -> int:
    return await ctx.db.fetchval(
        "SELECT COALESCE(SUM(count), 0) FROM day_totals WHERE member_id = ? "
        "AND activity != 'rejection' AND day BETWEEN ? AND ?",
        (ctx.member.id, first.isoformat(), last.isoformat()))


COMMANDS = [Command("stats", "See your totals and how this week compares with last", show_stats)]
