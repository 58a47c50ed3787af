"""`/log`: record job-search actions, which feed goals and streaks."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from typing import Any

from bot import streak_store
from bot.commands.options import activity, note
from bot.commands.spec import Command, Option, OptionKind
from bot.context import Context
from bot.replies import Reply, Section

LABELS = {
    "applied": ("application", "applications"),
    "networked": ("networking contact", "networking contacts"),
    "practiced": ("practice session", "practice sessions"),
    "learned": ("learning session", "learning sessions"),
    "followed_up": ("follow-up", "follow-ups"),
    "interviewed": ("interview", "interviews"),
}
APPLICATION_MILESTONES = (10, 25, 50, 100)


def noun(activity: str, count: int) -> str:
    """Name an activity in words, singular or plural: 'applications'."""
    one, many = LABELS.get(activity, (activity, activity))
    return one if count == 1 else many


def plural(count: int, unit: str) -> str:
    """'1 day', '2 days'."""
    return f"{count} {unit}{'' if count == 1 else 's'}"


def label(activity: str, count: int) -> str:
    """Say an activity count in words: '3 applications'."""
    return f"{count} {noun(activity, count)}"


async def log_activity(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Save the actions and tell the member what they moved forward."""
    day = ctx.today - timedelta(days=1 if opts["day"] == "yesterday" else 0)
    note = ctx.services.sealer.seal(opts.get("note"))

    def save(conn: sqlite3.Connection) -> tuple[int, list[streak_store.Change], int]:
        cursor = conn.execute(
            "INSERT INTO activities (member_id, activity, count, day, note, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (ctx.member.id, opts["activity"], opts["count"], day.isoformat(), note,
             ctx.now.isoformat()))
        _, changes = streak_store.add_activity(conn, ctx.member, day, opts["activity"], opts["count"])
        return cursor.lastrowid, changes, _applications(conn, ctx.member.id)

    log_id, changes, applications = await ctx.db.write(save)
    words = noun(opts["activity"], opts["count"])
    text = ctx.line("log_done", log_id, count=opts["count"], activity=words)
    if opts["day"] == "yesterday":
        text += " (counted for yesterday)"
    sections = [_streak_line(ctx, c, log_id) for c in changes]
    if opts["activity"] == "applied":
        before = applications - opts["count"]
        passed = [m for m in APPLICATION_MILESTONES if before < m <= applications]
        if passed:
            sections.append(Section(text=f"That’s application number {passed[-1]}. Each one took "
                                         "effort, and they add up. 🎉"))
    return Reply(text=text, sections=tuple(s for s in sections if s))


def _streak_line(ctx: Context, change: streak_store.Change, counter: int) -> Section | None:
    streak = change.after.current
    unit = "week" if change.track.period == "week" else "day"
    if change.track.activity:
        goal = ctx.line("goal_met", counter, activity=noun(change.track.activity, 2))
        return Section(text=f"{goal} Streak: {plural(streak, unit)}.")
    if streak > 1:
        return Section(text=f"That’s {streak} active days in a row.")
    return None


def _applications(conn: sqlite3.Connection, member_id: int) -> int:
    return conn.execute(
        "SELECT COALESCE(SUM(count), 0) FROM day_totals WHERE member_id = ? AND activity = 'applied'",
        (member_id,),
    ).fetchone()[0]


COMMANDS = [
    Command(
        "log", "Log job-search actions: applications, networking, practice and more", log_activity,
        options=(
            activity(),
            Option("count", "How many (1–50)", OptionKind.INTEGER, min_value=1, max_value=50,
                   default=1),
            Option("day", "today or yesterday", OptionKind.CHOICE,
                   choices=("today", "yesterday"), default="today"),
            note(500),
        ),
    ),
]
