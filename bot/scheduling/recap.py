"""The Friday recap: participants' progress by name, everyone else only as anonymous totals.

Only members who joined with `/accountability join` are named, and nobody
is pinged. Community totals are shown only when at least
:data:`MIN_CONTRIBUTORS` people logged something, so no one's numbers can be
worked out from them.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timedelta

from bot.clock import week_start
from bot.commands.log import noun, plural
from bot.context import Services
from bot.replies import Reply, Section, Visibility
from bot.scheduling.messages import NotSent, Outgoing
from bot.scheduling.weekly import in_thread, participants
from bot.storage.db import Database
from bot.text import literal

MIN_CONTRIBUTORS = 3
MAX_NAMED = 25


async def compose_recap(services: Services, row: sqlite3.Row, now: datetime) -> Outgoing | NotSent:
    """Look back at the week together."""
    day = date.fromisoformat(json.loads(row["payload"])["day"])
    first = week_start(day)
    db, community = services.db, row["community_id"]
    people = (await participants(db, community))[:MAX_NAMED]
    lines = [await participant_line(db, p, first, day) for p in people]
    sections = [Section(title="This week’s participants", text="\n".join(lines))] if lines else []
    totals = await community_totals(db, community, first, day)
    if totals:
        sections.append(Section(title="Across the community", text=totals))
    text = (f"**Friday recap, week of {first.day} {first:%b}.** Thank you to everyone who showed "
            "up this week, in the thread or quietly on their own.")
    if not sections:
        text += " It was a quiet one here, and that’s allowed. Rest well this weekend."
    return await in_thread(services, row, Reply(text=text, sections=tuple(sections),
                                                visibility=Visibility.CHANNEL))


async def participant_line(db: Database, person: sqlite3.Row, first: date, last: date) -> str:
    """One participant's week: goals against logs, a live streak, wins."""
    member = person["id"]
    parts = [await _goal_progress(db, member, g, first, last) for g in await db.fetchall(
        "SELECT activity, target, period FROM goals WHERE member_id = ? ORDER BY activity",
        (member,))]
    streak = await db.fetchval(
        "SELECT MAX(current) FROM streaks WHERE member_id = ? AND last_unit >= ?",
        (member, (last - timedelta(days=1)).toordinal()))
    if streak and streak >= 2:
        parts.append(f"{streak}-day streak 🔥")
    wins = await db.fetchval("SELECT COUNT(*) FROM wins WHERE member_id = ? AND day BETWEEN ? AND ?",
                             (member, first.isoformat(), last.isoformat()))
    if wins:
        parts.append(f"{plural(wins, 'win')} shared 🎉")
    name = f"**{literal(person['display_name'] or 'A member')}**"
    if not parts:
        return f"- {name}: a quieter week. Still here, and that counts."
    return f"- {name}: " + " · ".join(parts)


async def _goal_progress(db: Database, member: int, goal: sqlite3.Row, first: date,
                         last: date) -> str:
    span = (member, goal["activity"], first.isoformat(), last.isoformat())
    what = noun(goal["activity"], 2)
    if goal["period"] == "week":
        done = await db.fetchval(
            "SELECT COALESCE(SUM(count), 0) FROM day_totals WHERE member_id = ? AND activity = ? "
            "AND day BETWEEN ? AND ?", span)
        tick = " ✅" if done >= goal["target"] else ""
        return f"{what} {done} of {goal['target']}{tick}"
    days = await db.fetchval(
        "SELECT COUNT(*) FROM day_totals WHERE member_id = ? AND activity = ? "
        "AND day BETWEEN ? AND ? AND count >= ?", (*span, goal["target"]))
    return f"{what} goal met on {days} of {(last - first).days + 1} days"


async def community_totals(db: Database, community: int, first: date, last: date) -> str | None:
    """Applications, interviews and rejections survived this week, if enough people logged."""
    row = await db.fetchone(
        "SELECT COUNT(DISTINCT d.member_id) AS people, "
        "COALESCE(SUM(CASE WHEN d.activity = 'applied' THEN d.count END), 0) AS applied, "
        "COALESCE(SUM(CASE WHEN d.activity = 'interviewed' THEN d.count END), 0) AS interviews, "
        "COALESCE(SUM(CASE WHEN d.activity = 'rejection' THEN d.count END), 0) AS rejections "
        "FROM day_totals d JOIN members m ON m.id = d.member_id "
        "WHERE m.community_id = ? AND d.day BETWEEN ? AND ?",
        (community, first.isoformat(), last.isoformat()))
    if row["people"] < MIN_CONTRIBUTORS:
        return None
    return (f"Together this week: {plural(row['applied'], 'application')}, "
            f"{plural(row['interviews'], 'interview')} and "
            f"{plural(row['rejections'], 'rejection')} survived. Every one of those took courage.")
