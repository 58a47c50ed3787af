"""`/streak`: current and best streaks, freezes, and a 12-week calendar with reasons."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import date, timedelta
from typing import Any

from bot import calendar_image, streak_store
from bot.commands.log import label, plural
from bot.commands.spec import Command
from bot.context import Context
from bot.replies import Field, Image, Reply, Section
from bot.streaks import Mark, unit_days

REASONS = {
    Mark.MET: "counted",
    Mark.FROZEN: "a freeze kept the streak",
    Mark.PAUSED: "paused",
    Mark.COMPASSION: "compassion freeze",
    Mark.MISSED: "streak reset",
}


async def show_streak(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Settle past days, then show each streak and the calendar of the main one."""

    def settle(conn: sqlite3.Connection):
        streak_store.settle_through(conn, ctx.member, ctx.today)
        tracks = streak_store.tracks(conn, ctx.member.id)
        return tracks, [streak_store.load(conn, ctx.member.id, t.key) for t in tracks]

    tracks, states = await ctx.db.write(settle)
    sections = [_summary(t, s) for t, s in zip(tracks, states, strict=True)]
    main = tracks[0]
    marks = await _day_marks(ctx, main)
    sections.append(Section(title="Last 12 weeks", text=calendar_image.text_grid(marks, ctx.today)
                            + "\n" + calendar_image.LEGEND))
    recent = _recent_reasons(marks, ctx.today)
    if recent:
        sections.append(Section(title="Why recent days counted", text=recent))
    alt = calendar_image.describe(marks, ctx.today)
    # Drawing is CPU work; keep it off the event loop so other members aren't kept waiting.
    png = await asyncio.to_thread(calendar_image.draw, marks, ctx.today)
    image = Image(png, alt, "streak.png")
    intro = ("Every action counts, including the days you rest on purpose."
             if any(s.current for s in states) else
             "No streak running right now, and that’s okay. One logged action starts a new one.")
    return Reply(text=intro, sections=tuple(sections), image=image)


def _summary(track: streak_store.Track, state) -> Section:
    unit = "week" if track.period == "week" else "day"
    title = (f"Goal: {label(track.activity, track.target)} a {track.period}" if track.activity
             else "Active days (any logged action)")
    return Section(title=title, fields=(
        Field("Current", plural(state.current, unit)),
        Field("Best", plural(state.best, unit)),
        Field("Freezes banked", f"{state.freezes} of 2"),
    ))


async def _day_marks(ctx: Context, track: streak_store.Track) -> dict[date, Mark]:
    """Say for each calendar day why it counted.

    A weekly goal is met by the week, not by every day in it: only the days
    the member actually logged show as counted, and a frozen, paused or
    protected week marks its other days with that reason.
    """
    rows = await ctx.db.fetchall(
        "SELECT unit, status FROM streak_marks WHERE member_id = ? AND key = ?",
        (ctx.member.id, track.key))
    if track.period != "week":
        return {date.fromordinal(r["unit"]): Mark(r["status"]) for r in rows}
    active = {date.fromisoformat(r["day"]) for r in await ctx.db.fetchall(
        "SELECT day FROM day_totals WHERE member_id = ? AND activity = ? AND count > 0",
        (ctx.member.id, track.activity))}
    marks: dict[date, Mark] = {}
    for row in rows:
        week = Mark(row["status"])
        for day in unit_days(row["unit"], track.period):
            if day in active:
                marks[day] = Mark.MET
            elif week not in (Mark.MET, Mark.MISSED):
                marks[day] = week
    return marks


def _recent_reasons(marks: dict[date, Mark], today: date) -> str:
    lines = []
    for back in range(7):
        day = today - timedelta(days=back)
        if day in marks:
            lines.append(f"- {day.strftime('%a %d %b')}: {REASONS[marks[day]]}")
    return "\n".join(lines)


COMMANDS = [
    Command("streak", "See your streaks, freezes and a 12-week calendar", show_streak),
]
