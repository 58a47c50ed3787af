"""Keep streak state in the database, updated one unit at a time.

These functions are synchronous and take the open write connection: callers
run them inside :meth:`bot.storage.db.Database.write`, so the totals, the
goal check and the streak update land in the same transaction as the log
that caused them, in one hop to the database thread.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta

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
# How long a hard rejection or a low check-in protects streaks; a flag's cover is
# worked out back from its end, so every flag that sets compassion_until uses this.
COMPASSION_SPAN = timedelta(hours=48)
FLAGS = ("compassion_until", "crisis_until")


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


def tracks(conn: sqlite3.Connection, member_id: int) -> list[Track]:
    """The member's streaks: one per goal, plus "active days" when there are no goals."""
    rows = conn.execute(
        "SELECT activity, target, period FROM goals WHERE member_id = ? ORDER BY created_at, activity",
        (member_id,),
    ).fetchall()
    goals = [Track(f"goal:{r[0]}", r[2], r[0], r[1]) for r in rows]
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


def add_activity(
    conn: sqlite3.Connection, member: Member, day: date, activity: str, count: int
) -> tuple[int, list[Change]]:
    """Add to the day's total in one statement, then move every streak it affects."""
    total = conn.execute(
        "INSERT INTO day_totals (member_id, day, activity, count) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (member_id, day, activity) DO UPDATE SET count = count + excluded.count "
        "RETURNING count",
        (member.id, day.isoformat(), activity, count),
    ).fetchone()[0]
    return total, refresh(conn, member, day, activity)


def refresh(conn: sqlite3.Connection, member: Member, day: date, activity: str) -> list[Change]:
    """Count the day for every streak the activity feeds, if its goal is now met."""
    changes = []
    for track in tracks(conn, member.id):
        if track.activity not in (None, activity):
            continue
        if _met(conn, member.id, track, day):
            change = _count_met(conn, member, track, day)
            if change:
                changes.append(change)
    return changes


def settle_through(conn: sqlite3.Connection, member: Member, today: date) -> None:
    """Close the units before the current one, spending freezes where needed."""
    for track in tracks(conn, member.id):
        state = load(conn, member.id, track.key)
        settled, marks = settle(state, track.unit(today) - 1, cover_for(member, track.period))
        if settled != state:
            _save(conn, member.id, track.key, settled, marks)


def protect(conn: sqlite3.Connection, member: Member, today: date, flag: str,
            until: datetime) -> None:
    """Move a compassion or crisis flag's end, first closing the days the old one covers.

    A flag covers the days from ``until - COMPASSION_SPAN`` to ``until``, so
    moving ``until`` later would uncover earlier days not yet settled.
    """
    if flag not in FLAGS:
        raise ValueError(f"not a streak flag: {flag}")
    settle_through(conn, member, today)
    conn.execute(f"UPDATE members SET {flag} = ? WHERE id = ?", (until.isoformat(), member.id))


def load(conn: sqlite3.Connection, member_id: int, key: str) -> StreakState:
    """Read a streak's state (a fresh one if it has never counted)."""
    row = conn.execute(
        "SELECT current, best, freezes, earned, last_unit FROM streaks WHERE member_id = ? AND key = ?",
        (member_id, key),
    ).fetchone()
    return StreakState(*tuple(row)) if row else StreakState()


def _met(conn: sqlite3.Connection, member_id: int, track: Track, day: date) -> bool:
    if track.activity is None:
        return True
    days = unit_days(track.unit(day), track.period)
    total = conn.execute(
        "SELECT COALESCE(SUM(count), 0) FROM day_totals "
        "WHERE member_id = ? AND activity = ? AND day BETWEEN ? AND ?",
        (member_id, track.activity, days[0].isoformat(), days[-1].isoformat()),
    ).fetchone()[0]
    return total >= track.target


def _count_met(conn, member: Member, track: Track, day: date) -> Change | None:
    state = load(conn, member.id, track.key)
    unit, every = track.unit(day), earn_every(track.period)
    cover = cover_for(member, track.period)
    if state.last_unit is None or unit > state.last_unit:
        new, marks = meet(state, unit, cover, every)
        _save(conn, member.id, track.key, new, marks)
        return Change(track, state, new)
    if _mark(conn, member.id, track.key, unit) == Mark.MET:
        return None
    return _backfill(conn, member.id, track, unit, state)


def _backfill(conn, member_id: int, track: Track, unit: int, state: StreakState) -> Change:
    """Rebuild a streak after a past unit became met (a log for yesterday).

    This is the one path that reads the streak's history; it only runs when a
    member fills in a unit that was already settled.
    """
    rows = conn.execute(
        "SELECT unit, status FROM streak_marks WHERE member_id = ? AND key = ?",
        (member_id, track.key),
    ).fetchall()
    history = {r[0]: Mark(r[1]) for r in rows}
    met = {u for u, m in history.items() if m is Mark.MET} | {unit}
    kept = {u: m for u, m in history.items() if m in (Mark.PAUSED, Mark.COMPASSION)}
    rebuilt, marks = replay(met, kept, max(unit, state.last_unit or unit), earn_every(track.period))
    rebuilt = StreakState(rebuilt.current, max(rebuilt.best, state.best), rebuilt.freezes,
                          rebuilt.earned, rebuilt.last_unit)
    conn.execute("DELETE FROM streak_marks WHERE member_id = ? AND key = ?",
                       (member_id, track.key))
    _save(conn, member_id, track.key, rebuilt, sorted(marks.items()))
    return Change(track, state, rebuilt)


def _mark(conn, member_id: int, key: str, unit: int) -> Mark | None:
    row = conn.execute(
        "SELECT status FROM streak_marks WHERE member_id = ? AND key = ? AND unit = ?",
        (member_id, key, unit),
    ).fetchone()
    return Mark(row[0]) if row else None


def _save(conn, member_id: int, key: str, state: StreakState, marks) -> None:
    conn.execute(
        "INSERT INTO streaks (member_id, key, current, best, freezes, earned, last_unit) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (member_id, key) DO UPDATE SET "
        "current = excluded.current, best = excluded.best, freezes = excluded.freezes, "
        "earned = excluded.earned, last_unit = excluded.last_unit",
        (member_id, key, state.current, state.best, state.freezes, state.earned, state.last_unit),
    )
    conn.executemany(
        "INSERT INTO streak_marks (member_id, key, unit, status) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (member_id, key, unit) DO UPDATE SET status = excluded.status",
        [(member_id, key, unit, str(mark)) for unit, mark in marks],
    )
