"""Turn an outbox row into the message to send now, or the reason not to send it.

Messages are composed at send time, from the current state of the member
and the community: someone who paused, opted out, logged the action already
or drafted the thank-you note in the meantime gets nothing.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot import members
from bot.actions import action_id
from bot.content.choose import rotate
from bot.content.render import render
from bot.context import Services
from bot.members import Member
from bot.replies import Button, ButtonStyle, Reply, Section
from bot.scheduling.nudges import PRODUCTIVITY
from bot.scheduling.quiet import quiet_until
from bot.text import literal

Record = Callable[[sqlite3.Connection, str], None]


@dataclass(frozen=True)
class Outgoing:
    """A message ready for the platform port.

    ``channel`` None means a DM to the member; ``title`` opens a new thread;
    ``record`` stores what the send produced (a thread id, a post used) in the
    same transaction that marks the row sent.
    """

    reply: Reply
    channel: str | None = None
    thread: str | None = None
    title: str = ""
    mentions: tuple[str, ...] = ()
    record: Record | None = None


@dataclass(frozen=True)
class NotSent:
    """Why a row is not sent now: skipped for good, or held ``until`` a moment."""

    reason: str
    until: datetime | None = None


_FOOTER = "_You can change or stop these messages any time with `/settings`._"
_RECHECKED = {
    "daily_reminder": "already active today",
    "comeback": "already active today",
    "streak_at_risk": "already active today",
}


async def compose_dm(services: Services, row: sqlite3.Row, now: datetime) -> Outgoing | NotSent:
    """Compose a nudge or a requested reminder for one member, if it should still go."""
    member = await members.by_id(services.db, row["member_id"])
    if member is None:
        return NotSent("member gone")
    refusal = await _refusal(services, row, member, now)
    if refusal:
        return refusal
    payload = json.loads(row["payload"])
    kind = row["kind"]
    if kind == "rejection_reminder":
        return await _rejection_reminder(services, row, member, payload)
    text = render(rotate(services.library.nudges[kind], row["id"], member.id, kind), payload)
    buttons = _rejection_buttons(payload["rejection_id"]) if kind == "rejection_followup" else ()
    return Outgoing(Reply(text=text, sections=(Section(text=_FOOTER),), buttons=buttons))


async def _refusal(services: Services, row: sqlite3.Row, member: Member,
                   now: datetime) -> NotSent | None:
    """The first reason this member should not get this message now, if any."""
    kind, today = row["kind"], member.today(now)
    if member.dm_blocked:
        return NotSent("direct messages fail for this member")
    if kind != "rejection_reminder" and not member.nudges:
        return NotSent("nudges turned off")
    if member.paused_on(today):
        return NotSent("paused")
    if member.in_crisis(now):
        return NotSent("crisis flag")
    if kind in PRODUCTIVITY and member.compassion_until and now < member.compassion_until:
        return NotSent("after a hard rejection")
    if kind in _RECHECKED and await _active_on(services, member.id, today.isoformat()):
        return NotSent(_RECHECKED[kind])
    if kind in ("rejection_followup", "rejection_reminder") and await _followed_up(services, row):
        return NotSent("already followed up")
    held = quiet_until(now, member.timezone, member.quiet_hours)
    return NotSent("quiet hours", held) if held else None


async def _active_on(services: Services, member_id: int, day: str) -> bool:
    return bool(await services.db.fetchval(
        "SELECT 1 FROM day_totals WHERE member_id = ? AND day = ? AND activity != 'rejection'",
        (member_id, day)))


async def _followed_up(services: Services, row: sqlite3.Row) -> bool:
    rejection = json.loads(row["payload"]).get("rejection_id")
    return bool(await services.db.fetchval(
        "SELECT followed_up_at FROM rejections WHERE id = ? AND member_id = ?",
        (rejection, row["member_id"])))


async def _rejection_reminder(services: Services, row: sqlite3.Row, member: Member,
                              payload: dict) -> Outgoing | NotSent:
    rejection = await services.db.fetchone(
        "SELECT id, company FROM rejections WHERE id = ? AND member_id = ?",
        (payload.get("rejection_id"), member.id))
    if rejection is None:
        return NotSent("rejection deleted")
    about = f" about {literal(rejection['company'])}" if rejection["company"] else ""
    opening = f"Here’s the check-in you asked for{about}. No rush, and no wrong answer."
    body = rotate(services.library.nudges["rejection_followup"], row["id"], member.id, "asked")
    return Outgoing(Reply(text=f"{opening}\n\n{body}", buttons=_rejection_buttons(rejection["id"])))


def _rejection_buttons(rejection_id: int) -> tuple[Button, ...]:
    return (Button("Draft a feedback request", action_id("draft", "feedback", rejection_id),
                   ButtonStyle.PRIMARY),
            Button("Draft a thank-you note", action_id("draft", "thank-you", rejection_id)))
