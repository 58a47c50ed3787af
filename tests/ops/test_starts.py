"""A crash loop backs off so it cannot spend Discord's 1,000 identifies a day."""

from datetime import timedelta
from pathlib import Path

import pytest

from bot.ops.lock import AlreadyRunning, exclusive
from bot.ops.starts import CAP, Starts


def test_a_first_start_and_a_start_after_a_clean_stop_connect_at_once(tmp_path: Path, clock):
    starts = Starts(tmp_path / "r.db", clock)
    assert starts.begin() == 0
    starts.finish()
    clock.advance(seconds=3)
    assert starts.begin() == 0


def test_unclean_stops_in_quick_succession_wait_longer_each_time(tmp_path: Path, clock):
    starts = Starts(tmp_path / "r.db", clock)
    delays = []
    for _ in range(12):
        delay = starts.begin()
        delays.append(delay)
        clock.advance(seconds=delay + 2)
    assert delays[:6] == [0, 5, 10, 20, 40, 80]
    assert max(delays) == CAP


def test_a_long_run_before_a_crash_resets_the_backoff(tmp_path: Path, clock):
    starts = Starts(tmp_path / "r.db", clock)
    starts.begin()
    clock.advance(seconds=1)
    assert starts.begin() == 5
    clock.advance(hours=3)
    assert starts.begin() == 0


def test_a_day_of_crashing_stays_far_below_the_identify_limit(tmp_path: Path, clock):
    starts = Starts(tmp_path / "r.db", clock)
    end = clock.now() + timedelta(days=1)
    count = 0
    while clock.now() < end:
        clock.advance(seconds=starts.begin() + 1)  # connect, crash a second later
        count += 1
        clock.advance(seconds=1)  # the supervisor restarts it
    assert count < 150


def test_an_unreadable_record_starts_afresh(tmp_path: Path, clock):
    starts = Starts(tmp_path / "r.db", clock)
    starts.path.write_text("{not json")
    assert starts.begin() == 0


def test_one_process_at_a_time_holds_a_database(tmp_path: Path):
    held = exclusive(tmp_path / "r.db")
    with held, pytest.raises(AlreadyRunning, match="one database, one process"), \
            exclusive(tmp_path / "r.db"):
        pass
    with exclusive(tmp_path / "r.db"):
        pass
