"""The weekly accountability thread: opened on Monday, a mid-week check-in, a Friday recap.

The thread is opened in the accountability channel with a "Post my goals"
button; its id is stored per community and ISO week, so the check-in, the
recap and members' goals find it again after any restart.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime

from bot.actions import action_id
from bot.clock import week_start
from bot.content.choose import pick
from bot.context import Services
from bot.replies import Button, ButtonStyle, Reply, Visibility
from bot.scheduling.messages import NotSent, Outgoing
from bot.storage.db import Database

GOALS_BUTTON = "Post my goals"

_OPENINGS = (
    "A new week starts here. What would you like to get done for your search by Friday? "
    "Press **Post my goals** to share them in this thread, or simply reply. Small goals count.",
    "Fresh week, fresh thread. Share what you’re aiming for this week: a number of "
    "applications, one conversation, a skill to practise. Aim for what a tired week allows.",
    "Here’s this week’s accountability thread. Say what you plan to do, and we’ll check in with "
    "each other on Wednesday and look back together on Friday.",
)
_CHECKINS = (
    "Halfway through the week. How are your goals going? If plans changed, that’s fine: say "
    "what you’ll do with the days that are left.",
    "Mid-week check-in. What has moved since Monday? Even one step counts, and so does a rest.",
    "It’s Wednesday: a good moment to look at Monday’s goals. Keep them, shrink them or swap "
    "them; what matters is that they still help you.",
)


@dataclass(frozen=True)
class Thread:
    """A week's accountability thread."""

    channel_id: str
    thread_id: str


def thread_title(day: date) -> str:
    """Name the week's thread after its Monday: 'Week of 23 Nov: what will you do this week?'."""
    monday = week_start(day)
    return f"Week of {monday.day} {monday:%b}: what will you do this week?"


async def find_thread(db: Database, community_id: int, week: str) -> Thread | None:
    """The thread opened for a community's week, if it was."""
    row = await db.fetchone(
        "SELECT channel_id, thread_id FROM accountability_threads WHERE community_id = ? "
        "AND week = ?", (community_id, week))
    return Thread(row["channel_id"], row["thread_id"]) if row else None


async def participants(db: Database, community_id: int) -> list[sqlite3.Row]:
    """Members who joined the weekly check-ins, in the order they joined."""
    return await db.fetchall(
        "SELECT m.id, m.platform_user_id, m.display_name FROM accountability_members a "
        "JOIN members m ON m.id = a.member_id WHERE a.community_id = ? "
        "ORDER BY a.joined_at, m.id", (community_id,))


async def compose_thread(services: Services, row: sqlite3.Row, now: datetime) -> Outgoing:
    """Open the week's thread with the button that lets members post their goals."""
    payload, community = json.loads(row["payload"]), row["community_id"]
    channel = json.loads(row["target"])["channel"]
    week = payload["week"]

    def record(conn: sqlite3.Connection, thread_id: str) -> None:
        conn.execute("INSERT INTO accountability_threads (community_id, week, channel_id, thread_id, "
                     "opened_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                     (community, week, channel, thread_id, now.isoformat()))

    reply = Reply(text=pick(_OPENINGS, community, week), visibility=Visibility.CHANNEL,
                  buttons=(Button(GOALS_BUTTON, action_id("acct", "goals"), ButtonStyle.PRIMARY),))
    return Outgoing(reply, channel=channel,
                    title=thread_title(date.fromisoformat(payload["day"])), record=record)


async def compose_checkin(services: Services, row: sqlite3.Row, now: datetime) -> Outgoing | NotSent:
    """Ask how the week is going, mentioning only the members who opted in."""
    payload, community = json.loads(row["payload"]), row["community_id"]
    people = await participants(services.db, community)
    mentions = tuple(p["platform_user_id"] for p in people)
    text = pick(_CHECKINS, community, payload["week"])
    if mentions:
        text += "\n\nChecking in with " + " ".join(f"<@{m}>" for m in mentions) + "."
    return await in_thread(services, row, Reply(text=text, visibility=Visibility.CHANNEL), mentions)


async def in_thread(services: Services, row: sqlite3.Row, reply: Reply,
                    mentions: tuple[str, ...] = ()) -> Outgoing | NotSent:
    """Post in the week's thread, or in the channel when no thread was opened this week."""
    week = json.loads(row["payload"])["week"]
    thread = await find_thread(services.db, row["community_id"], week)
    if thread:
        return Outgoing(reply, channel=thread.channel_id, thread=thread.thread_id, mentions=mentions)
    channel = json.loads(row["target"])["channel"]
    if not channel:
        return NotSent("no channel set")
    return Outgoing(reply, channel=channel, mentions=mentions)
