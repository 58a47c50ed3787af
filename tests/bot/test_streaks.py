"""Streak rules as pure functions: met days, freezes, pauses, compassion, replay."""

from datetime import date

from bot.streaks import MAX_FREEZES, Mark, StreakState, meet, replay, settle, unit_days, week_unit


def nothing(unit):
    return None


def run(days, cover=nothing, every=7):
    state = StreakState()
    marks = {}
    for day in days:
        state, new = meet(state, day, cover, every)
        marks.update(new)
    return state, marks


def test_consecutive_days_count_up_and_best_is_kept():
    state, _ = run([1, 2, 3])
    assert (state.current, state.best) == (3, 3)
    state, _ = run([1, 2, 3, 10])
    assert (state.current, state.best) == (1, 3)


def test_seven_days_earn_a_freeze_which_is_spent_on_a_missed_day():
    state, _ = run(range(1, 8))
    assert state.freezes == 1
    state, marks = meet(state, 9, nothing, 7)  # day 8 missed
    assert state.current == 8
    assert state.freezes == 0
    assert dict(marks)[8] is Mark.FROZEN


def test_at_most_two_freezes_are_banked():
    state, _ = run(range(1, 30))
    assert state.freezes == MAX_FREEZES


def test_a_missed_day_without_freeze_breaks_the_streak():
    state, marks = run([1, 2, 3, 5])
    assert state.current == 1
    assert marks[4] is Mark.MISSED


def test_pause_and_compassion_cover_days_without_spending_freezes():
    covered = {4: Mark.PAUSED, 5: Mark.PAUSED, 6: Mark.COMPASSION}
    state, marks = run([1, 2, 3, 7], cover=covered.get)
    assert state.current == 4
    assert [marks[d] for d in (4, 5, 6)] == [Mark.PAUSED, Mark.PAUSED, Mark.COMPASSION]


def test_settling_does_nothing_without_a_streak_to_protect():
    state, marks = settle(StreakState(freezes=2, last_unit=1), 10, nothing)
    assert state.freezes == 2 and marks == []


def test_replay_fills_a_backfilled_day():
    state, marks = replay({1, 2, 3, 4}, {}, 4, 7)
    assert state.current == 4
    assert all(m is Mark.MET for m in marks.values())


def test_week_units_are_iso_weeks():
    monday = date(2026, 11, 23)
    assert week_unit(monday) == week_unit(date(2026, 11, 29))
    assert week_unit(date(2026, 11, 30)) == week_unit(monday) + 1
    assert unit_days(week_unit(monday), "week")[0] == monday
