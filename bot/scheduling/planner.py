"""Plan what falls due in a window of time into the outbox, once, from the database.

Each run covers ``(planned through, now]`` and moves "planned through"
forward in the same transaction as the rows it adds, so a crash replans the
same window and the de-duplication keys make the second plan a no-op.

Policy for time the process was down: on start the window reaches back at
most :data:`CATCH_UP`; anything due in it but later than its kind's grace
(see :mod:`bot.scheduling.policy`) is recorded as skipped with the reason,
not sent; a longer gap is logged and kept in ``scheduler_state``.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from bot.clock import iso_week, parse_utc
from bot.scheduling import due, nudges, policy
from bot.scheduling.quiet import day_end, quiet_until, wall_spans, wall_to_utc
from bot.scheduling.schedules import channel_for, from_config
from bot.storage.db import Database

log = logging.getLogger("rebound.scheduling")

CATCH_UP = timedelta(hours=6)
FIRST_LOOK_BACK = timedelta(minutes=1)
DM_TARGET = '{"dm": true}'


@dataclass(frozen=True)
class Planned:
    """One outbox row to add (pending, or skipped with its reason)."""

    dedup_key: str
    community_id: int
    kind: str
    target: str
    due_at: datetime
    payload: dict[str, object] = field(default_factory=dict)
    member_id: int | None = None
    day: str | None = None
    status: str = "pending"
    reason: str | None = None
    hold_until: datetime | None = None


@dataclass
class PlanReport:
    """What one planning run covered and added, for logs and benchmarks."""

    since: datetime
    until: datetime
    added: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)


async def plan(db: Database, now: datetime) -> PlanReport:
    """Add everything due in ``(planned through, now]`` to the outbox."""
    since = await _planned_through(db, now)
    report = PlanReport(since, now)
    if now <= since:
        return report
    configs = await _configs(db)
    rows = community_posts(configs, since, now)
    rows += await personal_nudges(db, configs, since, now)
    for row in rows:
        (report.added if row.status == "pending" else report.skipped)[row.reason or row.kind] += 1
    await db.write(lambda conn: _store(conn, rows, now))
    return report


async def _planned_through(db: Database, now: datetime) -> datetime:
    stored = await db.fetchval("SELECT value FROM scheduler_state WHERE key = 'planned_through'")
    since = parse_utc(stored) if stored else now - FIRST_LOOK_BACK
    if since < now - CATCH_UP:
        gap = f"{since.isoformat()}/{(now - CATCH_UP).isoformat()}"
        log.warning("scheduler was down; not planning the gap before the catch-up window gap=%s", gap)
        await db.execute("INSERT INTO scheduler_state (key, value) VALUES ('last_gap', ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (gap,))
        since = now - CATCH_UP
    return since


async def _configs(db: Database) -> dict[int, tuple[str, dict[str, str]]]:
    """Every community's time zone and configuration, in one query."""
    rows = await db.fetchall(
        "SELECT c.id, c.timezone, cc.key, cc.value FROM communities c "
        "LEFT JOIN community_config cc ON cc.community_id = c.id")
    found: dict[int, tuple[str, dict[str, str]]] = {}
    for row in rows:
        zone, config = found.setdefault(row["id"], (row["timezone"], {}))
        if row["key"]:
            config[row["key"]] = row["value"]
    return found


def community_posts(configs: dict[int, tuple[str, dict[str, str]]], since: datetime,
                    now: datetime) -> list[Planned]:
    """Encouragement posts and weekly thread events that fall due in the window."""
    rows = []
    for community_id, (zone, config) in configs.items():
        spans = wall_spans(since, now, zone)
        for kind, schedule in from_config(config).items():
            if schedule is None:
                continue
            for day in filter(None, (schedule.due_on(span) for span in spans)):
                week = iso_week(day)
                period = week if kind == "thread" else day.isoformat()
                channel = channel_for(config, kind)
                row = Planned(f"{kind}:c{community_id}:{period}", community_id, kind,
                              json.dumps({"channel": channel}), wall_to_utc(day, schedule.at, zone),
                              {"day": day.isoformat(), "week": week})
                rows.append(_judge(row, now, None if channel else "no channel set"))
    return rows


async def personal_nudges(db: Database, configs: dict[int, tuple[str, dict[str, str]]],
                          since: datetime, now: datetime) -> list[Planned]:
    """Nudges for members whose nudge time or evening falls in the window."""
    spans = [s for zone in await due.zones(db) for s in wall_spans(since, now, zone)]
    planned: Counter[int] = Counter()
    rows = []
    passes = ((None, due.morning_facts, nudges.at_nudge_time),
              (nudges.EVENING, due.evening_facts, nudges.in_the_evening))
    for evening, read, choose in passes:
        for member in await due.due_members(db, spans, now, evening=evening):
            nudge = choose(read(member, now))
            if nudge is None:
                continue
            limit = policy.daily_limit(configs[member["community_id"]][1])
            row = _nudge_row(member, nudge, now, member["dms_today"] + planned[member["id"]], limit)
            planned[member["id"]] += row.status == "pending"
            rows.append(row)
    return rows


def _nudge_row(member: sqlite3.Row, nudge: nudges.Nudge, now: datetime, sent_today: int,
               limit: int) -> Planned:
    today, zone = member["today"], member["zone"]
    slot = "nudge" if nudge.kind != "streak_at_risk" else "streak_at_risk"
    due_at = wall_to_utc(datetime.fromisoformat(member["wall_day"]).date(), member["at"], zone)
    row = Planned(f"{slot}:m{member['id']}:{today}", member["community_id"], nudge.kind, DM_TARGET,
                  due_at, {"day": today, **nudge.payload}, member["id"], today)
    held = quiet_until(now, zone, member["quiet_hours"])
    if held and nudge.kind == "streak_at_risk":
        ends = day_end(datetime.fromisoformat(today).date(), zone, member["day_start"])
        if held >= ends:
            return _judge(row, now, "quiet hours until the day is over")
    reason = "daily limit reached" if sent_today >= limit else None
    judged = _judge(row, now, reason)
    return judged if judged.status != "pending" else _hold(judged, held)


def _judge(row: Planned, now: datetime, reason: str | None) -> Planned:
    """Mark a row skipped when it cannot be sent, or arrives too late to be worth sending."""
    if reason is None and now - row.due_at > policy.grace(row.kind):
        reason = "overdue when planned"
    if reason is None:
        return row
    return replace(row, status="skipped", reason=reason)


def _hold(row: Planned, until: datetime | None) -> Planned:
    return row if until is None else replace(row, hold_until=until)


def _store(conn: sqlite3.Connection, rows: list[Planned], now: datetime) -> None:
    stamp = now.isoformat()
    by_key: dict[str, Planned] = {}
    for row in rows:
        by_key.setdefault(row.dedup_key, row)
    conn.executemany(
        "INSERT INTO outbox (dedup_key, community_id, member_id, kind, target, payload, due_at, "
        "status, last_error, next_attempt_at, day, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedup_key) DO NOTHING",
        [(r.dedup_key, r.community_id, r.member_id, r.kind, r.target, json.dumps(r.payload),
          r.due_at.isoformat(), r.status, r.reason,
          r.hold_until.isoformat() if r.hold_until else None, r.day, stamp)
         for r in by_key.values()])
    conn.execute("INSERT INTO scheduler_state (key, value) VALUES ('planned_through', ?) "
                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (stamp,))
