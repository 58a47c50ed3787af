"""A member's search at a glance: streaks, goals, this week's actions, the last reflection.

Platforms with a personal page (Slack's App Home) show this reply there; its
buttons run the common commands through the ``run`` action.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from bot import members, streak_store
from bot.actions import action_id
from bot.clock import parse_utc, week_start
from bot.commands.log import label, noun, plural
from bot.commands.spec import Action
from bot.context import Context, Services
from bot.errors import InputError
from bot.forms import form_for, missing_required
from bot.members import Member
from bot.replies import Button, ButtonStyle, Field, Reply, Section
from bot.requests import Address
from bot.text import literal
from bot.validation import validate

# The commands worth one click from a member's page, by declared name.
SHORTCUTS = (("checkin", "Check in"), ("log", "Log an action"), ("tip", "Get a tip"),
             ("streak", "My streaks"), ("stats", "My stats"), ("reflect new", "Reflect"))
WELCOME = ("Rebound helps you turn each rejection into a small, kind next step. Everything here "
           "is private to you. Start with a check-in, or log something you did today.")


async def overview(services: Services, address: Address) -> Reply:
    """Describe a member's page; someone new gets a welcome instead of empty numbers."""
    buttons = tuple(Button(text, action_id("run", name),
                           ButtonStyle.PRIMARY if i == 0 else ButtonStyle.SECONDARY)
                    for i, (name, text) in enumerate(s for s in SHORTCUTS if s[0] in services.commands))
    member = await members.find(services.db, address)
    if member is None:
        return Reply(text=WELCOME, buttons=buttons)
    today = member.today(services.clock.now())
    streaks = await services.db.write(lambda conn: _settled_streaks(conn, member, today))
    week = await _totals(services, member.id, week_start(today), today)
    day = await _totals(services, member.id, today, today)
    reflection = await services.db.fetchone(
        "SELECT * FROM reflections WHERE member_id = ? ORDER BY created_at DESC, id DESC LIMIT 1",
        (member.id,))
    sections = [_streaks(streaks), _week(week), _goals(streaks, week, day)]
    if reflection is not None:
        opened = services.sealer.open_row("reflections", reflection)
        sections.append(_reflection(opened, member.today(parse_utc(reflection["created_at"]))))
    return Reply(text="**Your search at a glance.** Only you can see this page.",
                 sections=tuple(s for s in sections if s), buttons=buttons)


async def run_command(ctx: Context, args: tuple[str, ...]) -> Reply:
    """Run a shortcut's command with no options, or open its form when it needs some."""
    command = ctx.services.commands.get(args[0] if args else "")
    if command is None or command.admin_only:
        raise InputError("That button no longer does anything. Try the command instead.")
    if command.form_title or missing_required(command, {}):
        return Reply(form=form_for(command))
    return await command.handler(ctx, validate(command, {}))


def _settled_streaks(conn: sqlite3.Connection, member: Member, today: date):
    streak_store.settle_through(conn, member, today)
    return [(t, streak_store.load(conn, member.id, t.key)) for t in streak_store.tracks(conn, member.id)]


async def _totals(services: Services, member_id: int, first: date, last: date) -> dict[str, int]:
    rows = await services.db.fetchall(
        "SELECT activity, SUM(count) AS n FROM day_totals WHERE member_id = ? "
        "AND activity != 'rejection' AND day BETWEEN ? AND ? GROUP BY activity ORDER BY activity",
        (member_id, first.isoformat(), last.isoformat()))
    return {r["activity"]: r["n"] for r in rows}


def _streaks(streaks) -> Section:
    fields = []
    for track, state in streaks:
        unit = "week" if track.period == "week" else "day"
        name = (f"{label(track.activity, track.target)} a {track.period}" if track.activity
                else "Active days")
        value = f"{plural(state.current, unit)} now · best {plural(state.best, unit)}"
        if state.freezes:
            value += f" · {plural(state.freezes, 'freeze')}"
        fields.append(Field(name, value))
    return Section(title="Streaks", fields=tuple(fields))


def _week(week: dict[str, int]) -> Section:
    if not week:
        return Section(title="This week", text="Nothing logged yet this week. One small step counts.")
    return Section(title="This week", text="\n".join(
        f"- {count} {noun(activity, count)}" for activity, count in week.items()))


def _goals(streaks, week: dict[str, int], day: dict[str, int]) -> Section | None:
    lines = []
    for track, _ in streaks:
        if not track.activity:
            continue
        done = (week if track.period == "week" else day).get(track.activity, 0)
        span = "this week" if track.period == "week" else "today"
        tick = "✅" if done >= track.target else "▫️"
        lines.append(f"{tick} {label(track.activity, track.target)} a {track.period}: {done} {span}")
    return Section(title="Goals", text="\n".join(lines)) if lines else None


def _reflection(row: dict[str, Any], day: date) -> Section:
    answers = [(title, row[column]) for column, title in
               (("next_steps", "Next step"), ("went_well", "Went well"), ("hard", "Was hard"))
               if row[column]]
    text = "\n".join(f"- _{title}:_ {literal(answer)}" for title, answer in answers[:2])
    when = day.isoformat() + (f" · {literal(row['company'])}" if row["company"] else "")
    return Section(title=f"Last reflection, {when}", text=text or "_Saved without notes._")


ACTIONS = [Action("run", run_command)]
