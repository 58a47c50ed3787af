"""`/checkin`: a quick private mood check that notices the trend."""

from __future__ import annotations

import sqlite3
from typing import Any

from bot import streak_store
from bot.commands.options import feeling, note
from bot.commands.spec import Command
from bot.context import Context
from bot.replies import Reply, Section

LOW = 2


async def check_in(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Save the check-in and answer the direction things are moving in."""
    rows = await ctx.db.fetchall(
        "SELECT feeling FROM checkins WHERE member_id = ? ORDER BY created_at DESC, id DESC LIMIT 4",
        (ctx.member.id,))
    history = [r["feeling"] for r in reversed(rows)]
    note = ctx.services.sealer.seal(opts.get("note"))

    def save(conn: sqlite3.Connection) -> int:
        cursor = conn.execute(
            "INSERT INTO checkins (member_id, feeling, note, day, created_at) VALUES (?, ?, ?, ?, ?)",
            (ctx.member.id, opts["feeling"], note, ctx.today.isoformat(),
             ctx.now.isoformat()))
        if opts["feeling"] <= LOW:
            streak_store.protect(conn, ctx.member, ctx.today, "compassion_until",
                                 ctx.now + streak_store.COMPASSION_SPAN)
        return cursor.lastrowid

    checkin_id = await ctx.db.write(save)
    kind = trend(history, opts["feeling"])
    sections = []
    if history:
        path = " → ".join(str(f) for f in [*history, opts["feeling"]])
        sections.append(Section(title="Your last check-ins", text=path))
    if opts["feeling"] <= LOW:
        sections.append(Section(text="_I’ve protected your streak for the next 48 hours. "
                                     "`/tip wellbeing` has ideas for a hard day._"))
    return Reply(text=ctx.line(kind, checkin_id), sections=tuple(sections))


def trend(history: list[int], feeling: int) -> str:
    """Name the reply kind for a check-in given the ones before it."""
    if feeling <= LOW:
        return "checkin_low"
    if not history:
        return "checkin_first"
    recent = history[-3:]
    average = sum(recent) / len(recent)
    if feeling >= average + 0.75:
        return "checkin_up"
    if feeling <= average - 0.75:
        return "checkin_down"
    return "checkin_steady"


COMMANDS = [
    Command("checkin", "Check in with how you’re feeling; only you can see it", check_in,
            options=(feeling(required=True), note())),
]
