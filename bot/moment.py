"""Work out where a member is right now, so content can fit the moment."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import parse_utc
from bot.content.choose import Moment
from bot.context import Context

FRESH = timedelta(hours=24)
RECENT = timedelta(days=7)
SILENCE = timedelta(days=10)


async def current_moment(ctx: Context) -> Moment:
    """Read recent rejections, check-ins and logs and turn them into content tags.

    Right after a rejection: feelings first (fresh, low mood, wellbeing and
    mindset). A day or more later: feedback and reflection. After recent
    interviews or practice: preparation. A member in distress never gets a
    "keep applying" push.
    """
    tags: set[str] = set()
    prefer: list[str] = []
    rejection = await ctx.db.fetchone(
        "SELECT stage, feeling, created_at FROM rejections WHERE member_id = ? "
        "ORDER BY created_at DESC LIMIT 1", (ctx.member.id,))
    mood = await ctx.db.fetchval(
        "SELECT feeling FROM checkins WHERE member_id = ? ORDER BY created_at DESC LIMIT 1",
        (ctx.member.id,))
    if rejection is not None:
        age = ctx.now - parse_utc(rejection["created_at"])
        if age < RECENT:
            tags.add(f"stage:{rejection['stage']}")
        if age < FRESH:
            tags.add("fresh")
            prefer += ["wellbeing", "mindset", "resilience"]
            if rejection["feeling"] is not None and rejection["feeling"] <= 2:
                tags.add("mood:low")
        elif age < RECENT:
            tags.add("day-after")
            prefer += ["feedback", "skills"]
    if mood is not None and mood <= 2:
        tags.add("mood:low")
        prefer.insert(0, "wellbeing")
    last_action = await ctx.db.fetchval(
        "SELECT MAX(created_at) FROM activities WHERE member_id = ?", (ctx.member.id,))
    if last_action is None or ctx.now - parse_utc(last_action) > SILENCE:
        tags.add("silence")
    if await _preparing(ctx):
        tags.add("before-interview")
        prefer.append("preparation")
    avoid = frozenset({"keep-applying"}) if ctx.member.in_crisis(ctx.now) or "mood:low" in tags \
        else frozenset()
    return Moment(frozenset(tags), tuple(dict.fromkeys(prefer)), avoid)


async def _preparing(ctx: Context) -> bool:
    """A member who logged practice or an interview this week is likely preparing for more."""
    since = (ctx.today - timedelta(days=7)).isoformat()
    found = await ctx.db.fetchval(
        "SELECT 1 FROM day_totals WHERE member_id = ? AND activity IN ('practiced', 'interviewed') "
        "AND day >= ? LIMIT 1", (ctx.member.id, since))
    return bool(found)
