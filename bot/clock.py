"""Give the core one notion of "now" so tests and schedulers never sleep."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    """Anything that can say what time it is, always in UTC."""

    def now(self) -> datetime: ...


class SystemClock:
    """Read the real wall clock (UTC)."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """Hold a time that only moves when told to; used by tests, benches and demos."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        return self._now

    def set(self, when: datetime) -> None:
        self._now = when.astimezone(UTC)

    def advance(self, **delta: float) -> datetime:
        self._now += timedelta(**delta)
        return self._now


def local_day(moment: datetime, tz: str, day_start: int = 0) -> date:
    """Return the member's calendar day for a UTC moment.

    A night owl with day_start=4 still counts 02:00 as "yesterday", so a late
    session of applications lands on the day they think of as today.
    """
    local = moment.astimezone(ZoneInfo(tz))
    return (local - timedelta(hours=day_start)).date()


def iso_week(day: date) -> str:
    """Name the ISO week a day belongs to, e.g. '2026-W48'."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_start(day: date) -> date:
    """Return the Monday of the ISO week holding the day."""
    return day - timedelta(days=day.weekday())


def parse_utc(text: str) -> datetime:
    """Read a stored ISO timestamp back as an aware UTC datetime."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
