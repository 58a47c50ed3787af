"""Say what the bot will post and send in the coming days, for `rebound schedule` and `/setup show`.

Community posts are listed one by one (when in UTC and local time, where,
what); personal nudges are counted per day, never listed by person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot import config_store
from bot.commands.log import plural
from bot.scheduling import policy
from bot.scheduling.quiet import wall_spans, wall_to_utc
from bot.scheduling.schedules import LABELS, channel_for, from_config
from bot.storage.db import Database


@dataclass(frozen=True)
class UpcomingPost:
    """One scheduled community post."""

    kind: str
    due: datetime
    local: datetime
    channel: str | None


async def upcoming_posts(db: Database, community_id: int, now: datetime,
                         days: int) -> list[UpcomingPost]:
    """Every community post due in the next ``days`` days, in order."""
    zone = await db.fetchval("SELECT timezone FROM communities WHERE id = ?", (community_id,))
    config = await config_store.get_all(db, community_id)
    spans = wall_spans(now, now + timedelta(days=days), zone)
    posts = []
    for kind, schedule in from_config(config).items():
        if schedule is None:
            continue
        for day in filter(None, (schedule.due_on(span) for span in spans)):
            due = wall_to_utc(day, schedule.at, zone)
            posts.append(UpcomingPost(kind, due, due.astimezone(ZoneInfo(zone)),
                                      channel_for(config, kind)))
    return sorted(posts, key=lambda p: (p.due, p.kind))


async def describe(db: Database, now: datetime, days: int, community_id: int | None = None) -> str:
    """The whole plan as text: per community, its posts, then personal nudge counts per day."""
    rows = await db.fetchall(
        "SELECT id, platform, workspace_id, timezone FROM communities "
        "WHERE ? IS NULL OR id = ? ORDER BY id", (community_id, community_id))
    if not rows:
        return "No communities yet." if community_id is None else f"No community {community_id}."
    blocks = []
    for row in rows:
        lines = [f"Community {row['id']} ({row['platform']} {row['workspace_id']}, {row['timezone']})"]
        for post in await upcoming_posts(db, row["id"], now, days):
            where = f"#{post.channel}" if post.channel else "no channel set: will be skipped"
            lines.append(f"  {post.due:%Y-%m-%d %H:%M} UTC  {post.local:%a %d %b %H:%M} local  "
                         f"{LABELS[post.kind]} → {where}")
        lines += await _nudge_lines(db, row["id"], row["timezone"], now, days)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


async def _nudge_lines(db: Database, community_id: int, zone: str, now: datetime,
                       days: int) -> list[str]:
    limit = policy.daily_limit(await config_store.get_all(db, community_id))
    lines = [f"  Personal nudges (at most {plural(limit, 'DM')} per member per day, "
             "by local time):"]
    first = now.astimezone(ZoneInfo(zone)).date()
    for offset in range(days):
        day = first + timedelta(days=offset)
        count = await _reachable(db, community_id, day)
        lines.append(f"    {day:%a %d %b}: up to {plural(count, 'member')} "
                     "at their nudge time")
    queued = await db.fetchall(
        "SELECT kind, COUNT(*) AS n FROM outbox WHERE community_id = ? AND member_id IS NOT NULL "
        "AND status = 'pending' AND COALESCE(next_attempt_at, due_at) <= ? GROUP BY kind ORDER BY kind",
        (community_id, (now + timedelta(days=days)).isoformat()))
    if queued:
        lines.append("    queued: " + ", ".join(f"{r['kind']} ×{r['n']}" for r in queued))
    return lines


async def _reachable(db: Database, community_id: int, day: date) -> int:
    """Members who could get a nudge on a day: opted in, reachable, not paused."""
    return await db.fetchval(
        "SELECT COUNT(*) FROM members WHERE community_id = ? AND nudges = 1 "
        "AND dm_blocked_at IS NULL AND (pause_until IS NULL OR pause_until < ?)",
        (community_id, day.isoformat()))
