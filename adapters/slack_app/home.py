"""Build each member's App Home tab: streaks, goals, this week's actions and the last reflection.

The numbers come from the core's own tables and streak functions; the tab is
rendered through the same reply model as every other answer, with buttons
that run the common commands.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from adapters.slack_app.blocks import reply_to_blocks
from adapters.slack_app.mrkdwn import Style
from bot import members, streak_store
from bot.clock import week_start
from bot.commands.log import label, noun, plural
from bot.commands.spec import Command
from bot.crypto import Sealer
from bot.members import Member
from bot.replies import Button, ButtonStyle, Field, Reply, Section
from bot.storage.db import Database
from bot.streaks import StreakState
from bot.text import literal

MAX_HOME_BLOCKS = 100
COMMAND_PREFIX = "cmd:"
# The commands worth one click from the Home tab, by declared name.
HOME_COMMANDS = (("checkin", "Check in"), ("log", "Log an action"), ("tip", "Get a tip"),
                 ("streak", "My streaks"), ("stats", "My stats"), ("reflect new", "Reflect"))
WELCOME = ("Rebound helps you turn each rejection into a small, kind next step. Everything here "
           "is private to you. Start with a check-in, or log something you did today.")


@dataclass(frozen=True)
class HomeData:
    """What one member's Home tab shows."""

    streaks: list[tuple[streak_store.Track, StreakState]]
    week: dict[str, int]
    today: dict[str, int]
    reflection: dict[str, Any] | None


def command_action_id(name: str) -> str:
    """The action id of a Home button that runs a command (`cmd:reflect:new`)."""
    return COMMAND_PREFIX + name.replace(" ", ":")


def command_from_action(action_id: str) -> str:
    """The command a Home button runs."""
    return action_id.removeprefix(COMMAND_PREFIX).replace(":", " ")


async def load_home(db: Database, sealer: Sealer, now: datetime, workspace: str,
                    user_id: str) -> HomeData | None:
    """Read a member's Home numbers, or None for someone who has not used Rebound yet."""
    member_id = await db.fetchval(
        "SELECT m.id FROM members m JOIN communities c ON c.id = m.community_id "
        "WHERE c.platform = 'slack' AND c.workspace_id = ? AND m.platform_user_id = ?",
        (workspace, user_id))
    member = await members.by_id(db, member_id) if member_id else None
    if member is None:
        return None
    today = member.today(now)
    streaks = await db.write(lambda conn: _settled_streaks(conn, member, today))
    reflection = await db.fetchone(
        "SELECT * FROM reflections WHERE member_id = ? ORDER BY created_at DESC, id DESC LIMIT 1",
        (member.id,))
    return HomeData(
        streaks=streaks,
        week=await _totals(db, member.id, week_start(today), today),
        today=await _totals(db, member.id, today, today),
        reflection=sealer.open_row("reflections", reflection) if reflection else None,
    )


def home_reply(data: HomeData | None, commands: dict[str, Command]) -> Reply:
    """Describe the Home tab in the neutral reply model."""
    buttons = tuple(Button(text, command_action_id(name), ButtonStyle.PRIMARY if i == 0 else
                           ButtonStyle.SECONDARY)
                    for i, (name, text) in enumerate(n for n in HOME_COMMANDS if n[0] in commands))
    if data is None:
        return Reply(text=WELCOME, buttons=buttons)
    sections = [_streaks(data), _week(data), _goals(data)]
    if data.reflection is not None:
        sections.append(_reflection(data.reflection))
    return Reply(text="**Your search at a glance.** Only you can see this page.",
                 sections=tuple(s for s in sections if s), buttons=buttons)


def home_view(reply: Reply, style: Style, user_id: str) -> dict[str, Any]:
    """Render the Home tab as a Slack view."""
    blocks = reply_to_blocks(reply, style, (user_id,))
    if len(blocks) > MAX_HOME_BLOCKS:
        blocks = blocks[:MAX_HOME_BLOCKS - 1] + blocks[-1:]
    return {"type": "home", "blocks": blocks}


def _settled_streaks(conn: sqlite3.Connection, member: Member, today: date):
    streak_store.settle_through(conn, member, today)
    tracks = streak_store.tracks(conn, member.id)
    return [(t, streak_store.load(conn, member.id, t.key)) for t in tracks]


async def _totals(db: Database, member_id: int, first: date, last: date) -> dict[str, int]:
    rows = await db.fetchall(
        "SELECT activity, SUM(count) AS n FROM day_totals WHERE member_id = ? AND activity != 'rejection' "
        "AND day BETWEEN ? AND ? GROUP BY activity ORDER BY activity",
        (member_id, first.isoformat(), last.isoformat()))
    return {r["activity"]: r["n"] for r in rows}


def _streaks(data: HomeData) -> Section:
    fields = []
    for track, state in data.streaks:
        unit = "week" if track.period == "week" else "day"
        name = (f"{label(track.activity, track.target)} a {track.period}" if track.activity
                else "Active days")
        value = f"{plural(state.current, unit)} now · best {plural(state.best, unit)}"
        if state.freezes:
            value += f" · {state.freezes} {'freeze' if state.freezes == 1 else 'freezes'}"
        fields.append(Field(name, value))
    return Section(title="Streaks", fields=tuple(fields))


def _week(data: HomeData) -> Section:
    if not data.week:
        return Section(title="This week", text="Nothing logged yet this week. One small step counts.")
    lines = [f"- {count} {noun(activity, count)}" for activity, count in data.week.items()]
    return Section(title="This week", text="\n".join(lines))


def _goals(data: HomeData) -> Section | None:
    goals = [t for t, _ in data.streaks if t.activity]
    if not goals:
        return None
    lines = []
    for track in goals:
        done = (data.week if track.period == "week" else data.today).get(track.activity, 0)
        span = "this week" if track.period == "week" else "today"
        tick = "✅" if done >= track.target else "▫️"
        lines.append(f"{tick} {label(track.activity, track.target)} a {track.period}: {done} {span}")
    return Section(title="Goals", text="\n".join(lines))


def _reflection(row: dict[str, Any]) -> Section:
    answers = [(title, row[column]) for column, title in
               (("next_steps", "Next step"), ("went_well", "Went well"), ("hard", "Was hard"))
               if row[column]]
    text = "\n".join(f"- _{title}:_ {literal(answer)}" for title, answer in answers[:2])
    when = row["created_at"][:10] + (f" · {literal(row['company'])}" if row["company"] else "")
    return Section(title=f"Last reflection, {when}", text=text or "_Saved without notes._")
