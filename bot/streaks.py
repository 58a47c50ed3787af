"""Streak rules, as pure functions over units (days or ISO weeks).

A unit is an integer: a day's ordinal for daily streaks, a week number for
weekly ones, so "the next unit" is always ``unit + 1``. State moves forward
one unit at a time, so a log or a look at the streak only touches the units
since the last one settled, never the whole history.

Rules:
- a met unit extends the streak; every ``earn_every`` met units in a row earn
  a freeze (at most ``MAX_FREEZES`` banked);
- a unit that was not met is covered by a pause or a compassion freeze if one
  applies, otherwise a banked freeze is spent, otherwise the streak breaks;
- nothing is spent while there is no streak to protect.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

MAX_FREEZES = 2


class Mark(StrEnum):
    """Why a unit counted (or did not) in a streak."""

    MET = "met"
    FROZEN = "frozen"
    PAUSED = "paused"
    COMPASSION = "compassion"
    MISSED = "missed"


Cover = Callable[[int], Mark | None]


@dataclass(frozen=True)
class StreakState:
    """Everything needed to continue a streak from the last settled unit."""

    current: int = 0
    best: int = 0
    freezes: int = 0
    earned: int = 0
    last_unit: int | None = None


def earn_every(period: str) -> int:
    """Met units in a row that earn one freeze: a week of days, or four weeks."""
    return 4 if period == "week" else 7


def settle(state: StreakState, through: int, cover: Cover) -> tuple[StreakState, list]:
    """Close every unit after ``last_unit`` up to ``through`` that was not met.

    Returns the new state and the marks (unit, Mark) that explain it.
    """
    if state.last_unit is None or through <= state.last_unit:
        return state, []
    marks: list[tuple[int, Mark]] = []
    current, freezes, earned = state.current, state.freezes, state.earned
    unit = state.last_unit + 1
    while unit <= through and current > 0:
        covered = cover(unit)
        if covered:
            marks.append((unit, covered))
        elif freezes:
            freezes -= 1
            marks.append((unit, Mark.FROZEN))
        else:
            current, earned = 0, 0
            marks.append((unit, Mark.MISSED))
        unit += 1
    settled = replace(state, current=current, freezes=freezes, earned=earned, last_unit=through)
    return settled, marks


def meet(state: StreakState, unit: int, cover: Cover, every: int) -> tuple[StreakState, list]:
    """Count a newly met unit after ``last_unit``: settle the gap, then extend."""
    state, marks = settle(state, unit - 1, cover)
    current = state.current + 1
    earned = state.earned + 1
    freezes = state.freezes
    if earned >= every:
        earned = 0
        freezes = min(MAX_FREEZES, freezes + 1)
    marks.append((unit, Mark.MET))
    new = StreakState(current, max(state.best, current), freezes, earned, unit)
    return new, marks


def replay(met_units: Iterable[int], kept: dict[int, Mark], through: int, every: int):
    """Rebuild a streak from its history; used only when a past unit changes.

    ``kept`` holds the pause and compassion marks already recorded, which
    still cover their units on replay.
    """
    def cover(unit: int) -> Mark | None:
        return kept.get(unit)

    state = StreakState()
    marks: dict[int, Mark] = dict(kept)
    for unit in sorted(set(met_units)):
        if unit > through:
            break
        state, new_marks = meet(state, unit, cover, every)
        marks.update(new_marks)
    return state, marks


def day_unit(day: date) -> int:
    """The unit number of a day."""
    return day.toordinal()


def week_unit(day: date) -> int:
    """The unit number of the ISO week holding a day (Monday-based)."""
    return (day.toordinal() - 1) // 7


def unit_days(unit: int, period: str) -> list[date]:
    """The calendar days a unit spans."""
    if period == "week":
        monday = date.fromordinal(unit * 7 + 1)
        return [monday + timedelta(days=i) for i in range(7)]
    return [date.fromordinal(unit)]
