"""Which personal nudge, if any, a member gets at their nudge time or in their evening.

The rules are pure functions over :class:`Facts` gathered by SQL for just the
members who are due, so they are easy to read and to test.

At the member's nudge time (their reminder time, or 10:00) one message at
most, the first that applies:

1. a gentle check-in after 7 quiet days following a rejection;
2. a reminder to send the thank-you / feedback request, two days after a
   rejection, if they have not drafted one (and did not ask to be reminded);
3. a celebration of the first interview since a rejection, or else a
   "how did it go?" the day after an interview;
4. a milestone: a 7/30/100-day streak, 10 or 50 applications, the first log;
5. otherwise, unless they have already done something today or are in the
   48 hours after a hard rejection: "welcome back" after a quiet week, or
   the daily reminder.

In their evening (20:00): "streak at risk" when a daily streak of 3+ has
not been kept today. It backs off after two warnings in a row that were
ignored, until the member logs something again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

DEFAULT_TIME = "10:00"  # the nudge time of members who did not choose one (see migration 0002)
EVENING = "20:00"
AT_RISK_FROM = 3
BACK_OFF_AFTER = 2
STREAK_MILESTONES = (100, 30, 7)
APPLICATION_MILESTONES = (50, 10)
PRODUCTIVITY = frozenset({"daily_reminder", "comeback", "streak_at_risk", "rejection_followup",
                          "rejection_reminder"})


@dataclass(frozen=True)
class Facts:
    """What the rules need to know about one member at one moment."""

    today: date
    compassion: bool = False
    active_today: bool = False
    first_active: date | None = None
    last_active: date | None = None
    interviewed_yesterday: bool = False
    interview_after_rejection: bool = False
    followup_rejection: int | None = None
    quiet_rejection: int | None = None
    streak: int = 0
    applications: int = 0
    applications_before: int = 0
    ignored_warnings: int = 0
    active_since_warning: bool = True

    @property
    def yesterday(self) -> date:
        return self.today - timedelta(days=1)


@dataclass(frozen=True)
class Nudge:
    """A chosen nudge: its content kind and what its text needs."""

    kind: str
    payload: dict[str, Any] = field(default_factory=dict)


def at_nudge_time(f: Facts) -> Nudge | None:
    """Pick the one message for the member's nudge time, or None."""
    if f.quiet_rejection:
        return Nudge("quiet_checkin", {"rejection_id": f.quiet_rejection})
    if f.followup_rejection:
        return Nudge("rejection_followup", {"rejection_id": f.followup_rejection})
    if f.interviewed_yesterday:
        return Nudge("milestone_first_interview_after_rejection" if f.interview_after_rejection
                     else "interview_followup")
    celebration = milestone(f)
    if celebration:
        return celebration
    if f.compassion or f.active_today:
        return None
    if f.last_active == f.today - timedelta(days=7):
        return Nudge("comeback")
    return Nudge("daily_reminder")


def milestone(f: Facts) -> Nudge | None:
    """A milestone reached yesterday, the biggest first."""
    if f.streak in STREAK_MILESTONES:
        return Nudge(f"milestone_streak_{f.streak}", {"streak": f.streak})
    for count in APPLICATION_MILESTONES:
        if f.applications_before < count <= f.applications:
            return Nudge(f"milestone_applications_{count}")
    if f.first_active == f.yesterday:
        return Nudge("milestone_first_log")
    return None


def in_the_evening(f: Facts) -> Nudge | None:
    """Warn about a streak at risk, unless warnings have been ignored lately."""
    if f.streak < AT_RISK_FROM or f.compassion:
        return None
    if f.ignored_warnings >= BACK_OFF_AFTER and not f.active_since_warning:
        return None
    return Nudge("streak_at_risk", {"streak": f.streak})
