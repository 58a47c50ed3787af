"""Wall-clock windows, daylight saving and quiet hours."""

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.scheduling.quiet import day_end, quiet_until, wall_spans, wall_to_utc


def fires(zone: str, hhmm: str, start: datetime, hours: int, step_minutes: int = 1) -> list[datetime]:
    """Walk a clock through time in small windows and note when the time falls due."""
    moments = []
    now = start
    while now < start + timedelta(hours=hours):
        later = now + timedelta(minutes=step_minutes)
        if any(span.holds(hhmm) for span in wall_spans(now, later, zone)):
            moments.append(later)
        now = later
    return moments


@pytest.mark.parametrize(("zone", "night"), [
    ("Europe/London", datetime(2026, 3, 29, 0, tzinfo=UTC)),
    ("Europe/London", datetime(2026, 10, 25, 0, tzinfo=UTC)),
    ("America/New_York", datetime(2026, 3, 8, 5, tzinfo=UTC)),
    ("America/New_York", datetime(2026, 11, 1, 4, tzinfo=UTC)),
])
def test_a_0230_reminder_falls_due_once_on_both_dst_nights(zone, night):
    moments = fires(zone, "02:30", night, hours=6)
    assert len(moments) == 1
    assert moments[0] == wall_to_utc(night.date(), "02:30", zone)


def test_a_missing_time_falls_due_the_moment_the_clocks_jump():
    # New York skips 02:00–03:00 on 8 March 2026; the jump is at 07:00 UTC.
    assert fires("America/New_York", "02:30", datetime(2026, 3, 8, 5, tzinfo=UTC), 4) == [
        datetime(2026, 3, 8, 7, 0, tzinfo=UTC)]
    assert wall_to_utc(date(2026, 3, 8), "02:30", "America/New_York") == datetime(
        2026, 3, 8, 7, 0, tzinfo=UTC)


def test_a_repeated_time_is_covered_at_both_occurrences_and_means_the_first():
    # 01:30 happens twice in New York on 1 November 2026 (EDT, then EST), like a cron
    # trigger firing twice; the planner's per-day de-duplication key keeps it to one send.
    assert fires("America/New_York", "01:30", datetime(2026, 11, 1, 4, tzinfo=UTC), 4) == [
        datetime(2026, 11, 1, 5, 30, tzinfo=UTC), datetime(2026, 11, 1, 6, 30, tzinfo=UTC)]
    assert wall_to_utc(date(2026, 11, 1), "01:30", "America/New_York") == datetime(
        2026, 11, 1, 5, 30, tzinfo=UTC)


def test_a_window_across_midnight_covers_both_local_dates():
    spans = wall_spans(datetime(2026, 11, 23, 23, 50, tzinfo=UTC),
                       datetime(2026, 11, 24, 0, 10, tzinfo=UTC), "UTC")
    assert [(s.day.day, s.after, s.through) for s in spans] == [(23, "23:50", "24:00"),
                                                                (24, "", "00:10")]
    assert spans[1].holds("00:00") and not spans[0].holds("23:50")


def test_quiet_hours_across_midnight_hold_until_the_morning():
    evening = datetime(2026, 11, 23, 22, 30, tzinfo=UTC)
    assert quiet_until(evening, "UTC", "22:00-07:30") == datetime(2026, 11, 24, 7, 30, tzinfo=UTC)
    early = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
    assert quiet_until(early, "UTC", "22:00-07:30") == datetime(2026, 11, 24, 7, 30, tzinfo=UTC)
    assert quiet_until(datetime(2026, 11, 24, 12, tzinfo=UTC), "UTC", "22:00-07:30") is None
    assert quiet_until(evening, "UTC", None) is None


def test_quiet_hours_within_a_day_follow_the_members_zone():
    # 13:30 UTC is 14:30 in Paris, inside 14:00-16:00.
    now = datetime(2026, 11, 23, 13, 30, tzinfo=UTC)
    assert quiet_until(now, "Europe/Paris", "14:00-16:00") == datetime(2026, 11, 23, 15, tzinfo=UTC)


def test_a_night_owls_day_ends_at_their_day_start():
    assert day_end(date(2026, 11, 23), "Asia/Kolkata", 4) == datetime(2026, 11, 23, 22, 30, tzinfo=UTC)
