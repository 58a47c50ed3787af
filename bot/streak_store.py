"""Keep streak state in the database, updated one unit at a time.

Callers pass the open write connection, so the totals, the goal check and the
streak update land in the same transaction as the log that caused them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import aiosqlite

from bot.clock import local_day
from bot.members import Member
from bot.streaks import (
    Mark,
    StreakState,
    day_unit,
    earn_every,
    meet,
    replay,
    settle,
    unit_days,
    week_unit,
)

ACTIVE = "active"
COMPASSION_SPAN = timedelta(hours=48)


@dataclass(frozen=True)
class Track:
    """One streak a member keeps: any activity, or one goal."""

    key: str
    period: str
    activity: str | None = None
    target: int = 1

    def unit(self, day: date) -> int:
        return week_unit(day) if self.period == "week" else day_unit(day)


@dataclass(frozen=True)
class Change:
    """A streak whose current unit (day or week) just became met."""

    track: Track
    before: StreakState
    after: StreakState


async def tracks(conn: aiosqlite.Connection, member_id: int) -> list[Track]:
    """The member's streaks: one per goal, plus "active days" when there are no goals."""
    async with conn.execute(
        "SELECT activity, target, period FROM goals WHERE member_id = ? ORDER BY created_at, activity",
        (member_id,),
    ) as cursor:
        goals = [Track(f"goal:{r[0]}", r[2], r[0], r[1]) for r in await cursor.fetchall()]
    return goals or [Track(ACTIVE, "day")]


def cover_for(member: Member, period: str):
    """Build the function that says whether a unit is covered by a pause or compassion."""
    def day_cover(day: date) -> Mark | None:
        if member.paused_on(day):
            return Mark.PAUSED
        for until in (member.compassion_until, member.crisis_until):
            if until is None:
                continue
            first = local_day(until - COMPASSION_SPAN, member.timezone, member.day_start)
            if first <= day <= local_day(until, member.timezone, member.day_start):
                return Mark.COMPASSION
        return None

    def cover(unit: int) -> Mark | None:
        for day in unit_days(unit, period):
            found = day_cover(day)
            if found:
                return found
        return None

    return cover


async def add_activity(
    conn: aiosqlite.Connection, member: Member, day: date, activity: str, count: int
) -> tuple[int, list[Change]]:
    """Add to the day's total in one statement, then move every streak it affects."""
    async with conn.execute(
        "INSERT INTO day_totals (member_id, day, activity, count) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (member_id, day, activity) DO UPDATE SET count = count + excluded.count "
        "RETURNING count",
        (member.id, day.isoformat(), activity, count),
    ) as cursor:
        total = (await cursor.fetchone())[0]
    changes = []
    for track in await tracks(conn, member.id):
        if track.activity not in (None, activity):
            continue
        if await _met(conn, member.id, track, day):
            change = await _count_met(conn, member, track, day)
            if change:
                changes.append(change)
    return total, changes


async def settle_through(conn: aiosqlite.Connection, member: Member, today: date) -> None:
    """Close the units before the current one, spending freezes where needed."""
    for track in await tracks(conn, member.id):
        state = await load(conn, member.id, track.key)
        every = earn_every(track.period)
        settled, marks = settle(state, track.unit(today) - 1, cover_for(member, track.period), every)
        if settled != state:
            await _save(conn, member.id, track.key, settled, marks)


async def load(conn: aiosqlite.Connection, member_id: int, key: str) -> StreakState:
    """Read a streak's state (a fresh one if it has never counted)."""
    async with conn.execute(
        "SELECT current, best, freezes, earned, last_unit FROM streaks WHERE member_id = ? AND key = ?",
        (member_id, key),
    ) as cursor:
        row = await cursor.fetchone()
    return StreakState(*row) if row else StreakState()


async def _met(conn: aiosqlite.Connection, member_id: int, track: Track, day: date) -> bool:
    if track.activity is None:
        return True
    days = unit_days(track.unit(day), track.period)
    async with conn.execute(
        "SELECT COALESCE(SUM(count), 0) FROM day_totals "
        "WHERE member_id = ? AND activity = ? AND day BETWEEN ? AND ?",
        (member_id, track.activity, days[0].isoformat(), days[-1].isoformat()),
    ) as cursor:
        return (await cursor.fetchone())[0] >= track.target


async def _count_met(conn, member: Member, track: Track, day: date) -> Change | None:
    state = await load(conn, member.id, track.key)
    unit, every = track.unit(day), earn_every(track.period)
    cover = cover_for(member, track.period)
    if state.last_unit is None or unit > state.last_unit:
        new, marks = meet(state, unit, cover, every)
        await _save(conn, member.id, track.key, new, marks)
        return Change(track, state, new)
    if await _mark(conn, member.id, track.key, unit) == Mark.MET:
        return None
    return await _backfill(conn, member.id, track, unit, state)


async def _backfill(conn, member_id: int, track: Track, unit: int, state: StreakState) -> Change:
    """Rebuild a streak after a past unit became met (a log for yesterday).

    This is the one path that reads the streak's history; it only runs when a
    member fills in a unit that was already settled.
    """
    async with conn.execute(
        "SELECT unit, status FROM streak_marks WHERE member_id = ? AND key = ?",
        (member_id, track.key),
    ) as cursor:
        history = {r[0]: Mark(r[1]) for r in await cursor.fetchall()}
    met = {u for u, m in history.items() if m is Mark.MET} | {unit}
    kept = {u: m for u, m in history.items() if m in (Mark.PAUSED, Mark.COMPASSION)}
    rebuilt, marks = replay(met, kept, max(unit, state.last_unit or unit), earn_every(track.period))
    rebuilt = StreakState(rebuilt.current, max(rebuilt.best, state.best), rebuilt.freezes,
                          rebuilt.earned, rebuilt.last_unit)
    await conn.execute("DELETE FROM streak_marks WHERE member_id = ? AND key = ?",
                       (member_id, track.key))
    await _save(conn, member_id, track.key, rebuilt, sorted(marks.items()))
    return Change(track, state, rebuilt)


async def _mark(conn, member_id: int, key: str, unit: int) -> Mark | None:
    async with conn.execute(
        "SELECT status FROM streak_marks WHERE member_id = ? AND key = ? AND unit = ?",
        (member_id, key, unit),
    ) as cursor:
        row = await cursor.fetchone()
    return Mark(row[0]) if row else None


async def _save(conn, member_id: int, key: str, state: StreakState, marks) -> None:
    await conn.execute(
        "INSERT INTO streaks (member_id, key, current, best, freezes, earned, last_unit) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (member_id, key) DO UPDATE SET "
        "current = excluded.current, best = excluded.best, freezes = excluded.freezes, "
        "earned = excluded.earned, last_unit = excluded.last_unit",
        (member_id, key, state.current, state.best, state.freezes, state.earned, state.last_unit),
    )
    await conn.executemany(
        "INSERT INTO streak_marks (member_id, key, unit, status) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (member_id, key, unit) DO UPDATE SET status = excluded.status",
        [(member_id, key, unit, str(mark)) for unit, mark in marks],
    )
