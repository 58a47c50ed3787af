"""Find the members due a nudge in a planning window, with their facts, in one query.

Planning never loops over all members in Python: for each time zone in use
the window becomes a wall-clock span, and one statement finds the opted-in
members whose nudge time falls inside it (through the partial indexes of
migration 0002) and computes, per due member only, what the nudge rules
need. Paused, crisis-flagged, opted-out and unreachable members are left
out by the same statement.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from bot.scheduling.nudges import AT_RISK_FROM, DEFAULT_TIME, Facts
from bot.scheduling.quiet import WallSpan
from bot.storage.db import Database

_AT = f"COALESCE(m.reminder_time, '{DEFAULT_TIME}')"

# Every zone that opted-in members live in: an index skip-scan, one seek per zone.
ZONES_SQL = """
WITH RECURSIVE z(zone) AS (
    SELECT MIN(timezone) FROM members WHERE nudges = 1 AND timezone IS NOT NULL
    UNION ALL
    SELECT (SELECT MIN(timezone) FROM members WHERE nudges = 1 AND timezone > z.zone)
    FROM z WHERE z.zone IS NOT NULL
)
SELECT zone FROM z WHERE zone IS NOT NULL
UNION SELECT DISTINCT timezone FROM communities
"""

# CROSS JOIN keeps SQLite's join order for members without a zone of their own: community
# by community through the partial index, not a scan of every such member for each zone.
_DUE = """
due AS (
    SELECT m.id, span.zone, span.day AS wall_day, {at} AS at
    FROM span JOIN members m ON m.timezone = span.zone AND {match}
    WHERE m.nudges = 1
    UNION ALL
    SELECT m.id, span.zone, span.day, {at}
    FROM span CROSS JOIN communities c ON c.timezone = span.zone
    CROSS JOIN members m ON m.community_id = c.id AND m.timezone IS NULL AND {match}
    WHERE m.nudges = 1 AND m.timezone IS NULL
),
dated AS (
    SELECT due.*, m.community_id, m.day_start, m.quiet_hours, m.compassion_until, m.pause_until,
           CASE WHEN CAST(substr(due.at, 1, 2) AS INTEGER) < m.day_start
                THEN date(due.wall_day, '-1 day') ELSE due.wall_day END AS today
    FROM due JOIN members m ON m.id = due.id
    WHERE m.dm_blocked_at IS NULL AND (m.crisis_until IS NULL OR m.crisis_until <= ?)
),
facts AS MATERIALIZED (
    SELECT dated.*, date(today, '-1 day') AS yesterday,
           CAST(julianday(today) - 1721425.5 AS INTEGER) AS yesterday_unit
    FROM dated WHERE pause_until IS NULL OR pause_until < today
)
"""

_DAILY_TRACK = """(
            (s.key = 'active' AND NOT EXISTS (SELECT 1 FROM goals g WHERE g.member_id = f.id))
            OR EXISTS (SELECT 1 FROM goals g WHERE g.member_id = f.id AND g.period = 'day'
                       AND s.key = 'goal:' || g.activity))"""
# A daily streak met yesterday (for milestones).
_STREAK_MET_YESTERDAY = f"""(SELECT MAX(s.current) FROM streaks s WHERE s.member_id = f.id
        AND s.last_unit = f.yesterday_unit AND {_DAILY_TRACK})"""
# A daily streak still alive but not met today: days missed since are covered by freezes.
_STREAK_AT_RISK = f"""(SELECT MAX(s.current) FROM streaks s WHERE s.member_id = f.id
        AND s.last_unit <= f.yesterday_unit AND s.last_unit >= f.yesterday_unit - s.freezes
        AND {_DAILY_TRACK})"""

_ACTIVE = "d.activity != 'rejection'"
_HAS_STREAK = f"EXISTS (SELECT 1 FROM streaks s WHERE s.member_id = m.id AND s.current >= {AT_RISK_FROM})"

# Everything the rules read from a due member's day totals, in one pass over their rows.
MORNING_FACTS = f""",
totals AS (
    SELECT f.id,
        MAX(d.day = f.today AND {_ACTIVE}) AS active_today,
        MIN(CASE WHEN {_ACTIVE} THEN d.day END) AS first_active,
        MAX(CASE WHEN {_ACTIVE} AND d.day < f.today THEN d.day END) AS last_active,
        MAX(d.day = f.yesterday AND d.activity = 'interviewed') AS interviewed_yesterday,
        TOTAL(CASE WHEN d.activity = 'applied' AND d.day <= f.yesterday THEN d.count END)
            AS applications,
        TOTAL(CASE WHEN d.activity = 'applied' AND d.day < f.yesterday THEN d.count END)
            AS applications_before
    FROM facts f LEFT JOIN day_totals d ON d.member_id = f.id
    GROUP BY f.id
)
SELECT f.id, f.community_id, f.zone, f.wall_day, f.today, f.at, f.day_start, f.quiet_hours,
    f.compassion_until, t.active_today, t.first_active, t.last_active, t.interviewed_yesterday,
    CAST(t.applications AS INTEGER) AS applications,
    CAST(t.applications_before AS INTEGER) AS applications_before,
    t.interviewed_yesterday AND EXISTS (SELECT 1 FROM rejections r WHERE r.member_id = f.id
            AND r.day < f.yesterday)
        AND NOT EXISTS (SELECT 1 FROM day_totals d WHERE d.member_id = f.id
            AND d.activity = 'interviewed' AND d.day < f.yesterday
            AND d.day > (SELECT MAX(r.day) FROM rejections r WHERE r.member_id = f.id
                         AND r.day < f.yesterday))
        AS interview_after_rejection,
    (SELECT r.id FROM rejections r WHERE r.member_id = f.id AND r.day = date(f.today, '-2 day')
        AND r.followed_up_at IS NULL AND r.stage != 'applied'
        AND NOT EXISTS (SELECT 1 FROM outbox o
                        WHERE o.dedup_key = 'rejection_reminder:' || f.id || ':' || r.id)
        ORDER BY r.id DESC LIMIT 1) AS followup_rejection,
    (SELECT r.id FROM rejections r WHERE r.member_id = f.id AND r.day = date(f.today, '-7 day')
        AND NOT EXISTS (SELECT 1 FROM rejections later WHERE later.member_id = f.id
                        AND later.day > r.day)
        AND NOT EXISTS (SELECT 1 FROM day_totals d WHERE d.member_id = f.id AND d.day > r.day
                        AND {_ACTIVE})
        AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.member_id = f.id AND c.day > r.day)
        ORDER BY r.id DESC LIMIT 1) AS quiet_rejection,
    COALESCE({_STREAK_MET_YESTERDAY}, 0) AS streak,
    (SELECT COUNT(*) FROM outbox o WHERE o.member_id = f.id AND o.day = f.today
        AND o.status IN ('pending', 'sending', 'sent')) AS dms_today
FROM facts f JOIN totals t ON t.id = f.id
"""

EVENING_FACTS = f"""
SELECT f.id, f.community_id, f.zone, f.wall_day, f.today, f.at, f.day_start, f.quiet_hours,
    f.compassion_until,
    {_STREAK_AT_RISK} AS streak,
    (SELECT COUNT(*) FROM (SELECT o.day FROM outbox o WHERE o.member_id = f.id
            AND o.kind = 'streak_at_risk' AND o.status = 'sent' ORDER BY o.day DESC LIMIT 2) w
        WHERE NOT EXISTS (SELECT 1 FROM day_totals d WHERE d.member_id = f.id AND d.day = w.day
                          AND {_ACTIVE})) AS ignored_warnings,
    EXISTS (SELECT 1 FROM day_totals d WHERE d.member_id = f.id AND {_ACTIVE} AND d.day > (
        SELECT MAX(o.day) FROM outbox o WHERE o.member_id = f.id AND o.kind = 'streak_at_risk'
            AND o.status = 'sent')) AS active_since_warning,
    (SELECT COUNT(*) FROM outbox o WHERE o.member_id = f.id AND o.day = f.today
        AND o.status IN ('pending', 'sending', 'sent')) AS dms_today
FROM facts f WHERE streak >= {AT_RISK_FROM}
"""


async def zones(db: Database) -> list[str]:
    """Every time zone in which some member could be due a nudge."""
    return [row[0] for row in await db.fetchall(ZONES_SQL)]


async def due_members(db: Database, spans: list[WallSpan], now: datetime,
                      *, evening: str | None = None) -> list[sqlite3.Row]:
    """Members due at their nudge time (or, given ``evening``, at that time) in the spans."""
    if evening is not None:
        spans = [s for s in spans if s.holds(evening)]
    if not spans:
        return []
    values = ", ".join("(?, ?, ?, ?)" for _ in spans)
    params = [p for s in spans for p in (s.zone, s.day.isoformat(), s.after, s.through)]
    if evening is None:
        due = _DUE.format(at=_AT, match=f"{_AT} > span.after AND {_AT} <= span.through")
        body = MORNING_FACTS
    else:
        due, body = _DUE.format(at=f"'{evening}'", match=_HAS_STREAK), EVENING_FACTS
    sql = f"WITH span(zone, day, after, through) AS (VALUES {values}),{due}{body}"
    return await db.fetchall(sql, [*params, now.isoformat()])


def evening_facts(row: sqlite3.Row, now: datetime) -> Facts:
    """Turn a row of the evening query into the facts the streak rule reads."""
    return Facts(today=date.fromisoformat(row["today"]), compassion=_compassion(row, now),
                 streak=row["streak"] or 0, ignored_warnings=row["ignored_warnings"],
                 active_since_warning=bool(row["active_since_warning"]))


def morning_facts(row: sqlite3.Row, now: datetime) -> Facts:
    """Turn a row of the nudge-time query into the facts the rules read."""
    return Facts(
        today=date.fromisoformat(row["today"]),
        compassion=_compassion(row, now),
        active_today=bool(row["active_today"]),
        first_active=_day(row["first_active"]),
        last_active=_day(row["last_active"]),
        interviewed_yesterday=bool(row["interviewed_yesterday"]),
        interview_after_rejection=bool(row["interview_after_rejection"]),
        followup_rejection=row["followup_rejection"],
        quiet_rejection=row["quiet_rejection"],
        streak=row["streak"],
        applications=row["applications"],
        applications_before=row["applications_before"],
    )


def _compassion(row: sqlite3.Row, now: datetime) -> bool:
    return bool(row["compassion_until"] and row["compassion_until"] > now.isoformat())


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
