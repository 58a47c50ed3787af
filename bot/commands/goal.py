"""`/goal set|show|clear`: weekly or daily targets that streaks are built on."""

from __future__ import annotations

import sqlite3
from typing import Any

from bot import streak_store
from bot.commands.log import label
from bot.commands.options import activity
from bot.commands.spec import Command, Option, OptionKind
from bot.context import Context
from bot.replies import Reply, Section
from bot.streaks import unit_days, week_unit


async def set_goal(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Create or replace the goal for one activity, starting its streak fresh."""
    key = f"goal:{opts['activity']}"

    def save(conn: sqlite3.Connection) -> None:
        conn.execute(
            "INSERT INTO goals (member_id, activity, target, period, created_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (member_id, activity) DO UPDATE SET target = excluded.target, "
            "period = excluded.period",
            (ctx.member.id, opts["activity"], opts["target"], opts["period"], ctx.now.isoformat()))
        for table in ("streaks", "streak_marks"):
            conn.execute(f"DELETE FROM {table} WHERE member_id = ? AND key = ?", (ctx.member.id, key))
        # What was already logged today (or this week) counts towards the new goal.
        streak_store.refresh(conn, ctx.member, ctx.today, opts["activity"])

    await ctx.db.write(save)
    per, span = ("a day", "today") if opts["period"] == "day" else ("a week", "this week")
    return Reply(text=f"Goal set: {label(opts['activity'], opts['target'])} {per}. What you "
                      f"already logged {span} counts towards it. If it ever feels like too much, "
                      "change it any time with `/goal set`.")


async def show_goals(ctx: Context, opts: dict[str, Any]) -> Reply:
    """List goals with progress for the current day or week."""
    goals = await ctx.db.fetchall(
        "SELECT activity, target, period FROM goals WHERE member_id = ? ORDER BY created_at, activity",
        (ctx.member.id,))
    if not goals:
        return Reply(text="You have no goals yet. Try `/goal set activity:applied target:5 "
                          "period:week`: small and steady beats big and brittle.")
    lines = []
    for goal in goals:
        done = await _progress(ctx, goal["activity"], goal["period"])
        span = "today" if goal["period"] == "day" else "this week"
        tick = "✅" if done >= goal["target"] else "▫️"
        lines.append(f"{tick} {label(goal['activity'], goal['target'])} a {goal['period']}: "
                     f"{done} {span}")
    return Reply(text="Your goals", sections=(Section(text="\n".join(lines)),))


async def clear_goal(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Remove one goal (or all of them) and the streaks that belonged to them."""
    chosen = opts.get("activity")
    where, params = ("AND activity = ?", (ctx.member.id, chosen)) if chosen else ("", (ctx.member.id,))
    key_where = "AND key = ?" if chosen else "AND key LIKE 'goal:%'"
    key_params = (ctx.member.id, f"goal:{chosen}") if chosen else (ctx.member.id,)

    def remove(conn: sqlite3.Connection) -> int:
        removed = conn.execute(f"DELETE FROM goals WHERE member_id = ? {where}", params).rowcount
        for table in ("streaks", "streak_marks"):
            conn.execute(f"DELETE FROM {table} WHERE member_id = ? {key_where}", key_params)
        return removed

    removed = await ctx.db.write(remove)
    if not removed:
        return Reply(text="There was no goal to clear" + (f" for {chosen}." if chosen else "."))
    what = f"your {chosen.replace('_', ' ')} goal" if chosen else "all your goals"
    return Reply(text=f"Cleared {what}. Your logged actions are all still there.")


async def _progress(ctx: Context, activity: str, period: str) -> int:
    days = unit_days(week_unit(ctx.today), "week") if period == "week" else [ctx.today]
    return await ctx.db.fetchval(
        "SELECT COALESCE(SUM(count), 0) FROM day_totals WHERE member_id = ? AND activity = ? "
        "AND day BETWEEN ? AND ?",
        (ctx.member.id, activity, days[0].isoformat(), days[-1].isoformat()))


COMMANDS = [
    Command("goal set", "Set a daily or weekly target for one kind of action", set_goal, options=(
        activity(),
        Option("target", "How many (1–100)", OptionKind.INTEGER, required=True, min_value=1,
               max_value=100),
        Option("period", "day or week", OptionKind.CHOICE, required=True, choices=("day", "week")),
    )),
    Command("goal show", "See your goals and how far along you are", show_goals),
    Command("goal clear", "Remove a goal (or all of them)", clear_goal,
            options=(activity(required=False),)),
]
