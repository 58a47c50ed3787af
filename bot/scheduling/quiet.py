"""Local wall-clock time for scheduling: windows, daylight saving and quiet hours.

Schedules are written in wall-clock time ("09:00 on Mondays", "my reminder
at 07:30"), but the scheduler moves through UTC. Converting each planning
window (a span of UTC time) into the wall-clock span it covers gives one rule
for every daylight-saving case:

- spring forward: the window that crosses the jump covers the missing hour,
  so a reminder at 02:30 on that night fires once, right after the jump;
- fall back: the window that crosses the change is empty (the clock runs
  backwards) and the repeated hour is covered a second time; the outbox's
  de-duplication key (one per member or community and local day) makes
  the second time a no-op, so the guarantee lives in our data, not here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

END_OF_DAY = "24:00"


@cache
def zone_info(name: str) -> ZoneInfo:
    """A time zone by name, kept: zoneinfo's own cache holds only eight, we use dozens."""
    return ZoneInfo(name)


@dataclass(frozen=True)
class WallSpan:
    """Wall-clock times ``after < HH:MM <= through`` on one local date in one zone."""

    zone: str
    day: date
    after: str
    through: str

    def holds(self, hhmm: str) -> bool:
        """Whether a wall-clock time falls in the span."""
        return self.after < hhmm <= self.through


def wall_spans(since: datetime, until: datetime, zone: str) -> list[WallSpan]:
    """Split the UTC window ``(since, until]`` into the wall-clock spans it covers in a zone."""
    tz = zone_info(zone)
    start = since.astimezone(tz).replace(tzinfo=None)
    end = until.astimezone(tz).replace(tzinfo=None)
    if end <= start:
        return []
    spans = []
    day = start.date()
    while day <= end.date():
        after = start.strftime("%H:%M") if day == start.date() else ""
        through = end.strftime("%H:%M") if day == end.date() else END_OF_DAY
        if after < through:
            spans.append(WallSpan(zone, day, after, through))
        day += timedelta(days=1)
    return spans


@lru_cache(maxsize=4096)
def wall_to_utc(day: date, hhmm: str, zone: str) -> datetime:
    """The UTC moment a wall-clock time happens on a local date.

    A time repeated on the fall-back night means its first occurrence; a time
    skipped on the spring-forward night means the moment the clocks jump,
    which is when :func:`wall_spans` makes it due.
    """
    tz = zone_info(zone)
    wall = datetime.combine(day, parse_hhmm(hhmm), tzinfo=tz)
    moment = wall.astimezone(UTC)
    if moment.astimezone(tz).replace(tzinfo=None) != wall.replace(tzinfo=None):
        return _jump_after(wall.replace(tzinfo=None), tz)
    return moment


def _jump_after(wall: datetime, tz: ZoneInfo) -> datetime:
    """Find the UTC moment the clocks jumped past a missing wall time."""
    earliest = wall.replace(fold=1, tzinfo=tz).astimezone(UTC)
    latest = wall.replace(fold=0, tzinfo=tz).astimezone(UTC)
    while latest - earliest > timedelta(minutes=1):
        middle = earliest + (latest - earliest) / 2
        if middle.astimezone(tz).replace(tzinfo=None) < wall:
            earliest = middle
        else:
            latest = middle
    return latest.replace(second=0, microsecond=0)


def parse_hhmm(text: str) -> time:
    """Read an HH:MM string as a time of day."""
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


@lru_cache(maxsize=4096)
def quiet_until(now: datetime, zone: str, quiet: str | None) -> datetime | None:
    """If ``now`` is inside a member's quiet hours, return the UTC moment they end."""
    if not quiet:
        return None
    start, end = quiet.split("-")
    local = now.astimezone(zone_info(zone))
    clock = local.strftime("%H:%M")
    overnight = start > end
    inside = (clock >= start or clock < end) if overnight else start <= clock < end
    if not inside:
        return None
    end_day = local.date() + timedelta(days=1) if overnight and clock >= start else local.date()
    return wall_to_utc(end_day, end, zone)


def day_end(day: date, zone: str, day_start: int) -> datetime:
    """The UTC moment a member's day ends (their day may start at 04:00, say)."""
    return wall_to_utc(day + timedelta(days=1), f"{day_start:02d}:00", zone)
