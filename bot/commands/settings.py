"""`/settings`: time zone, day start, reminders, quiet hours, nudges and pauses."""

from __future__ import annotations

import difflib
import re
import sqlite3
from datetime import date, timedelta
from functools import cache
from typing import Any

from bot import streak_store
from bot.commands.spec import Command, Option, OptionKind
from bot.config_checks import zones
from bot.context import Context
from bot.errors import InputError
from bot.replies import Field, Reply, Section
from bot.scheduling.nudges import DEFAULT_TIME

_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
MAX_PAUSE = timedelta(days=92)


@cache
def _by_lower() -> dict[str, str]:
    """Time zone names by their lower-case spelling, built once."""
    return {z.lower(): z for z in zones()}


def check_timezone(text: str) -> str:
    """Accept an IANA name in any case; suggest near misses."""
    by_lower = _by_lower()
    if text.lower() in by_lower:
        return by_lower[text.lower()]
    close = difflib.get_close_matches(text.lower(), list(by_lower), n=3, cutoff=0.6)
    hint = (" Did you mean " + " or ".join(by_lower[c] for c in close) + "?") if close else (
        " Use a name like Europe/London, America/New_York or Asia/Kolkata.")
    raise InputError(f"**timezone**: I don’t know “{text[:40]}”.{hint}", "timezone")


def check_time(text: str) -> str:
    """Accept HH:MM on a 24-hour clock."""
    match = _HHMM.match(text)
    if not match:
        raise InputError("**reminder_time** should look like 18:30 (24-hour clock).", "reminder_time")
    return f"{int(match[1]):02d}:{match[2]}"


def check_quiet(text: str) -> str:
    """Accept HH:MM-HH:MM; the span may cross midnight."""
    parts = text.replace("–", "-").split("-")
    if len(parts) != 2 or not all(_HHMM.match(p.strip()) for p in parts):
        raise InputError("**quiet_hours** should look like 22:00-08:00.", "quiet_hours")
    start, end = (check_time(p.strip()) for p in parts)
    if start == end:
        raise InputError("**quiet_hours** needs different start and end times.", "quiet_hours")
    return f"{start}-{end}"


def check_pause(text: str) -> str:
    """Accept a date (YYYY-MM-DD) or 'off'; the range is checked against today later."""
    if text.lower() == "off":
        return "off"
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise InputError("**pause_until** should be a date like 2026-12-31, or off.",
                         "pause_until") from None


COLUMNS = ("timezone", "day_start", "reminder_time", "quiet_hours", "nudges", "pause_until")


async def update_settings(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Change the settings given; with none, show the current ones."""
    if not opts:
        return _show(ctx)
    values = dict(opts)
    if "nudges" in values:
        values["nudges"] = int(values["nudges"] == "on")
    pause = values.get("pause_until")
    if pause == "off":
        values["pause_until"] = None
    elif pause:
        until = date.fromisoformat(pause)
        if until < ctx.today or until > ctx.today + MAX_PAUSE:
            raise InputError("**pause_until** should be between today and three months from now.",
                             "pause_until")

    def save(conn: sqlite3.Connection) -> None:
        if "pause_until" in values:
            # Close the days before the pause first, so a pause never covers a past miss.
            streak_store.settle_through(conn, ctx.member, ctx.today)
        sets = ", ".join(f"{c} = ?" for c in values)
        conn.execute(f"UPDATE members SET {sets} WHERE id = ?", (*values.values(), ctx.member.id))

    await ctx.db.write(save)
    return Reply(text="Saved. " + _confirm(ctx, opts))


def _confirm(ctx: Context, opts: dict[str, Any]) -> str:
    """Say what each change means for the member, so nothing is left to guess."""
    parts = []
    if "timezone" in opts:
        parts.append(f"Your days now follow {opts['timezone']}.")
    if "day_start" in opts:
        parts.append(f"Your day now starts at {opts['day_start']}:00.")
    at = opts.get("reminder_time") or ctx.member.reminder_time or DEFAULT_TIME
    if opts.get("nudges") == "on":
        parts.append(f"I’ll send a gentle reminder by DM around {at} your time, never during your "
                     "quiet hours.")
    elif opts.get("nudges") == "off":
        parts.append("No more reminders from me. You can turn them back on any time.")
    elif "reminder_time" in opts:
        parts.append(f"Reminders now come around {at} your time." if ctx.member.nudges else
                     f"Your reminder time is {at}. Reminders are off for now; "
                     "`/settings nudges:on` turns them on.")
    if "quiet_hours" in opts:
        start, end = opts["quiet_hours"].split("-")
        parts.append(f"I won’t message you between {start} and {end}.")
    if "pause_until" in opts:
        parts.append("Pause lifted." if opts["pause_until"] == "off" else
                     f"Streaks are paused until {opts['pause_until']}. Rest well; nothing will "
                     "break while you’re away.")
    return " ".join(parts)


def _show(ctx: Context) -> Reply:
    m = ctx.member
    zone = m.own_timezone or f"{m.timezone} (the community’s)"
    fields = (
        Field("timezone", zone),
        Field("day_start", f"{m.day_start}:00"),
        Field("reminder_time", m.reminder_time or f"{DEFAULT_TIME} (the default)"),
        Field("quiet_hours", m.quiet_hours or "not set"),
        Field("nudges", "on" if m.nudges else "off"),
        Field("pause_until", m.pause_until.isoformat() if m.pause_until else "off"),
    )
    return Reply(text="Your settings. Change any of them with `/settings name:value`.",
                 sections=(Section(fields=fields),))


COMMANDS = [
    Command("settings", "See or change your time zone, reminders, quiet hours and pauses",
            update_settings, options=(
                Option("timezone", "Your time zone, like Europe/London", check=check_timezone,
                       autocomplete="timezone"),
                Option("day_start", "Hour your day starts (0–23); night owls pick 4",
                       OptionKind.INTEGER, min_value=0, max_value=23),
                Option("reminder_time", "When to remind you, HH:MM", max_length=5, check=check_time),
                Option("quiet_hours", "No messages between, HH:MM-HH:MM", max_length=11,
                       check=check_quiet),
                Option("nudges", "Reminders by DM", OptionKind.CHOICE, choices=("on", "off")),
                Option("pause_until", "Pause streaks until YYYY-MM-DD, or off", max_length=10,
                       check=check_pause),
            )),
]
