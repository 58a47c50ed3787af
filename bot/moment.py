"""Work out where a member is right now, so content can fit the moment.

The rules, in order of precedence:
- in the first 24 hours after a rejection, or after a low check-in, or
  while flagged after crisis language: feelings and wellbeing lead, and
  nothing that pushes for more applications is offered;
- with an interview process under way (an interview or practice logged in
  the past week): preparation leads;
- from a day to a week after a rejection: feedback and reflection lead.
Everything is read from the member's own history and the clock, so the
same history at the same moment always gives the same content.
"""

from __future__ import annotations

from datetime import timedelta

from bot.clock import parse_utc
from bot.content.choose import Moment
from bot.content.schema import KEEP_APPLYING
from bot.context import Context

FRESH = timedelta(hours=24)
RECENT = timedelta(days=7)
LOW_CHECKIN = timedelta(days=3)
SILENCE = timedelta(days=10)
LOW = 2
FEELINGS_FIRST = ("wellbeing", "mindset", "resilience")
PREPARING = ("preparation", "skills")
LOOKING_BACK = ("feedback", "mindset", "skills")


async def current_moment(ctx: Context) -> Moment:
    """Read recent rejections, check-ins and logs and turn them into content tags."""
    tags: set[str] = set()
    rejection = await ctx.db.fetchone(
        "SELECT stage, feeling, created_at FROM rejections WHERE member_id = ? "
        "ORDER BY created_at DESC, id DESC LIMIT 1", (ctx.member.id,))
    age = ctx.now - parse_utc(rejection["created_at"]) if rejection else None
    if age is not None and age < RECENT:
        tags.add(f"stage:{rejection['stage']}")
        tags.add("fresh" if age < FRESH else "day-after")
        if age < FRESH and rejection["feeling"] is not None and rejection["feeling"] <= LOW:
            tags.add("mood:low")
    if await _low_checkin(ctx) or ctx.member.in_crisis(ctx.now):
        tags.add("mood:low")
    if await _preparing(ctx):
        tags.add("before-interview")
    if await _waiting(ctx):
        tags.add("silence")
    hurting = bool(tags & {"fresh", "mood:low"})
    if hurting:
        prefer = FEELINGS_FIRST
    elif "before-interview" in tags:
        prefer = PREPARING
    elif "day-after" in tags:
        prefer = LOOKING_BACK
    else:
        prefer = ()
    avoid = frozenset({KEEP_APPLYING}) if hurting else frozenset()
    return Moment(frozenset(tags), prefer, avoid, await _last_topic(ctx))


async def _low_checkin(ctx: Context) -> bool:
    """Whether the member's latest check-in, in the past few days, was a low one."""
    row = await ctx.db.fetchone(
        "SELECT feeling, created_at FROM checkins WHERE member_id = ? "
        "ORDER BY created_at DESC, id DESC LIMIT 1", (ctx.member.id,))
    return (row is not None and row["feeling"] <= LOW
            and ctx.now - parse_utc(row["created_at"]) < LOW_CHECKIN)


async def _preparing(ctx: Context) -> bool:
    """A member who logged practice or an interview this week is likely preparing for more."""
    since = (ctx.today - RECENT).isoformat()
    found = await ctx.db.fetchval(
        "SELECT 1 FROM day_totals WHERE member_id = ? AND activity IN ('practiced', 'interviewed') "
        "AND day >= ? LIMIT 1", (ctx.member.id, since))
    return bool(found)


async def _waiting(ctx: Context) -> bool:
    """Whether the member has applied and heard nothing (no interview, no rejection) for a while."""
    since = (ctx.today - SILENCE).isoformat()
    row = await ctx.db.fetchone(
        "SELECT MIN(CASE WHEN activity = 'applied' THEN day END) AS first_applied, "
        "MAX(CASE WHEN activity IN ('interviewed', 'rejection') THEN day END) AS last_news "
        "FROM day_totals WHERE member_id = ?", (ctx.member.id,))
    if row is None or row["first_applied"] is None or row["first_applied"] > since:
        return False
    return row["last_news"] is None or row["last_news"] < since


async def _last_topic(ctx: Context) -> str | None:
    """The topic of the tip the member saw last, so the next one can differ."""
    tip_id = await ctx.db.fetchval(
        "SELECT item_id FROM content_seen WHERE member_id = ? AND kind = 'tip' "
        "ORDER BY seen_at DESC, rowid DESC LIMIT 1", (ctx.member.id,))
    tip = ctx.library.tip(tip_id) if tip_id else None
    return tip.topic if tip else None
