"""Community schedules: what is posted where, on which days, at what local time.

Admins set them with `/setup schedule`; they live in ``community_config`` as
text like ``mon,wed,fri 09:00`` (or ``off``), with defaults for the ones never
set, so the planner always reads the current truth from the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot import config_store
from bot.content.schema import WEEKDAYS
from bot.errors import InputError
from bot.scheduling.quiet import WallSpan
from bot.storage.db import Database

DEFAULTS = {
    "encouragement": "mon,wed,fri 09:00",
    "thread": "mon 09:00",
    "checkin": "wed 12:00",
    "recap": "fri 16:00",
}
CHANNEL_KEYS = {
    "encouragement": "channel.encouragement",
    "thread": "channel.accountability",
    "checkin": "channel.accountability",
    "recap": "channel.accountability",
}
LABELS = {
    "encouragement": "encouragement post",
    "thread": "accountability thread opens",
    "checkin": "mid-week check-in",
    "recap": "Friday recap",
}
_WHEN = re.compile(r"^\s*([a-z,\s-]+?)\s+([01]?\d|2[0-3]):([0-5]\d)\s*$")


@dataclass(frozen=True)
class Schedule:
    """One recurring community post: its kind, weekdays (0 = Monday) and local time."""

    kind: str
    weekdays: tuple[int, ...]
    at: str

    def due_on(self, span: WallSpan) -> date | None:
        """The local date this schedule falls due inside a wall-clock span, if it does."""
        if span.day.weekday() in self.weekdays and span.holds(self.at):
            return span.day
        return None

    def describe(self) -> str:
        """Say the schedule the way admins type it."""
        return ",".join(WEEKDAYS[d] for d in self.weekdays) + f" {self.at}"


def parse(kind: str, text: str) -> Schedule | None:
    """Read ``mon,wed,fri 09:00`` (``weekdays`` and ``daily`` work too); ``off`` means none."""
    cleaned = text.strip().lower()
    if cleaned == "off":
        return None
    match = _WHEN.match(cleaned)
    if not match:
        raise InputError("**when** should look like `mon,wed,fri 09:00`, `daily 18:00`, "
                         "`weekdays 09:00` or `off`.", "when")
    days = _days(match[1])
    return Schedule(kind, days, f"{int(match[2]):02d}:{match[3]}")


def _days(text: str) -> tuple[int, ...]:
    words = [w for w in re.split(r"[,\s]+", text) if w]
    found: set[int] = set()
    for word in words:
        if word == "daily":
            found.update(range(7))
        elif word == "weekdays":
            found.update(range(5))
        elif word[:3] in WEEKDAYS:
            found.add(WEEKDAYS.index(word[:3]))
        else:
            raise InputError(f"**when**: I don’t know the day “{word[:12]}”. Use mon, tue, wed, "
                             "thu, fri, sat, sun, weekdays or daily.", "when")
    return tuple(sorted(found))


def check_when(text: str) -> str:
    """Validate a schedule as an option check, keeping the text as typed (normalised)."""
    schedule = parse("check", text)
    return schedule.describe() if schedule else "off"


async def schedules(db: Database, community_id: int) -> dict[str, Schedule | None]:
    """Every schedule of one community, configured or default (None when switched off)."""
    return from_config(await config_store.get_all(db, community_id))


def from_config(config: dict[str, str]) -> dict[str, Schedule | None]:
    """Read every schedule out of a community's configuration, filling in the defaults."""
    return {kind: parse(kind, config.get(f"schedule.{kind}", default))
            for kind, default in DEFAULTS.items()}


def channel_for(config: dict[str, str], kind: str) -> str | None:
    """The channel a kind of post goes to, from a community's configuration."""
    return config.get(CHANNEL_KEYS[kind])
