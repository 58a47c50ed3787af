"""The nudge rules and schedule parsing, as pure functions."""

from datetime import date

import pytest

from bot.errors import InputError
from bot.scheduling.nudges import Facts, at_nudge_time, in_the_evening
from bot.scheduling.schedules import DEFAULTS, from_config, parse

TODAY = date(2026, 11, 26)


def kind(**facts) -> str | None:
    chosen = at_nudge_time(Facts(today=TODAY, **facts))
    return chosen.kind if chosen else None


def test_care_and_follow_ups_come_before_celebrations_and_reminders():
    assert kind(quiet_rejection=7, followup_rejection=8, interviewed_yesterday=True) == "quiet_checkin"
    assert kind(followup_rejection=8, interviewed_yesterday=True) == "rejection_followup"
    assert kind(interviewed_yesterday=True, streak=7) == "interview_followup"
    assert kind(interviewed_yesterday=True, interview_after_rejection=True) == (
        "milestone_first_interview_after_rejection")
    assert kind(streak=30, applications=10, applications_before=9) == "milestone_streak_30"
    assert kind(applications=12, applications_before=9) == "milestone_applications_10"
    assert kind(first_active=date(2026, 11, 25)) == "milestone_first_log"
    assert kind(last_active=date(2026, 11, 19)) == "comeback"
    assert kind(last_active=date(2026, 11, 20)) == "daily_reminder"


def test_no_push_on_a_day_already_active_or_after_a_hard_rejection():
    assert kind(active_today=True) is None
    assert kind(compassion=True) is None
    assert kind(compassion=True, followup_rejection=3) == "rejection_followup"


def test_streak_warnings_need_a_streak_and_back_off_until_the_member_acts():
    assert in_the_evening(Facts(today=TODAY, streak=2)) is None
    warning = in_the_evening(Facts(today=TODAY, streak=5))
    assert warning and warning.payload == {"streak": 5}
    ignored = Facts(today=TODAY, streak=5, ignored_warnings=2, active_since_warning=False)
    assert in_the_evening(ignored) is None
    acted = Facts(today=TODAY, streak=5, ignored_warnings=2, active_since_warning=True)
    assert in_the_evening(acted) is not None


def test_schedules_read_days_and_times_and_fill_defaults():
    assert parse("recap", "Fri 4:05").describe() == "fri 04:05"
    assert parse("recap", "fri 16:05").weekdays == (4,)
    assert parse("encouragement", "weekdays 09:00").weekdays == (0, 1, 2, 3, 4)
    assert parse("encouragement", "daily 7:30").at == "07:30"
    assert parse("thread", "off") is None
    assert from_config({"schedule.thread": "off"})["thread"] is None
    assert from_config({})["encouragement"] == parse("encouragement", DEFAULTS["encouragement"])
    for bad in ("mon", "mon 25:00", "someday 10:00"):
        with pytest.raises(InputError):
            parse("recap", bad)
