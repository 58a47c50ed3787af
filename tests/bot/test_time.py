"""Days and weeks are counted in the member's own time, with the clock we give."""

from datetime import UTC, datetime, timedelta

from tests.conftest import START


async def streak_now(member) -> str:
    return (await member.say("/streak")).sections[0].fields[0].value


async def test_night_owls_count_late_actions_for_the_day_before(ana, clock):
    await ana.say("/settings timezone:Europe/London day_start:4")
    clock.set(datetime(2026, 11, 24, 2, 30, tzinfo=UTC))  # 02:30 Tuesday in London
    await ana.say("/log applied")
    day = await ana.core.services.db.fetchval("SELECT day FROM activities")
    assert day == "2026-11-23"


async def test_days_follow_the_member_time_zone(ana, clock):
    await ana.say("/settings timezone:Pacific/Auckland")
    clock.set(datetime(2026, 11, 23, 20, 0, tzinfo=UTC))  # already Tuesday in Auckland
    await ana.say("/log applied")
    assert await ana.core.services.db.fetchval("SELECT day FROM activities") == "2026-11-24"


async def test_a_weekly_goal_counts_iso_weeks(ana, clock):
    await ana.say("/goal set applied 3 week")
    for week in range(3):
        clock.set(START + timedelta(weeks=week, days=2))
        await ana.say("/log applied 2")
        reply = await ana.say("/log applied 1")
        assert f"{week + 1} week" in reply.sections[0].text
    assert await streak_now(ana) == "3 weeks"


async def test_a_final_round_rejection_protects_the_streak_for_two_days(ana, clock):
    for _ in range(3):
        await ana.say("/log applied")
        clock.advance(days=1)
    await ana.say("/rejection stage:final feeling:1")  # counts for today too
    clock.advance(days=2)
    await ana.say("/log applied")
    assert await streak_now(ana) == "5 days"
    streak = await ana.say("/streak")
    assert "compassion freeze" in streak.sections[-1].text


async def test_seven_days_bank_a_freeze_that_saves_a_missed_day(ana, clock):
    for _ in range(7):
        await ana.say("/log networked")
        clock.advance(days=1)
    assert (await ana.say("/streak")).sections[0].fields[2].value == "1 of 2"
    clock.advance(days=1)  # a day with nothing logged
    await ana.say("/log networked")
    streak = await ana.say("/streak")
    assert streak.sections[0].fields[0].value == "8 days"
    assert streak.sections[0].fields[2].value == "0 of 2"
    assert "a freeze kept the streak" in streak.sections[-1].text


async def test_a_later_hard_day_keeps_the_days_an_earlier_one_protected(ana, clock):
    await ana.say("/goal set applied 1 day")
    await ana.say("/log applied")
    clock.advance(days=1)
    await ana.say("/rejection stage:final")  # Tuesday is covered, though no application is logged
    clock.advance(days=1)
    await ana.say("/checkin 1")  # a new 48 hours from Wednesday must not uncover Tuesday
    clock.advance(days=1)
    streak = await ana.say("/streak")
    assert streak.sections[0].fields[0].value == "1 day"
    assert "Tue 24 Nov: compassion freeze" in streak.sections[-1].text


async def test_past_reflections_are_dated_by_the_member_day(ana, clock):
    await ana.say("/settings timezone:America/New_York")
    clock.set(datetime(2026, 11, 24, 3, 30, tzinfo=UTC))  # still Monday evening in New York
    await ana.say('/reflect new went_well:"stayed calm"')
    history = await ana.say("/reflect history")
    assert history.sections[0].title == "2026-11-23"


async def test_a_weekly_calendar_counts_only_the_days_something_was_logged(ana, clock):
    await ana.say("/goal set applied 3 week")
    clock.set(START + timedelta(days=2))
    await ana.say("/log applied 3")
    clock.set(START + timedelta(days=6))
    streak = await ana.say("/streak")
    assert "1 day counted" in streak.image.alt
    reasons = streak.sections[-1].text
    assert reasons.count("counted") == 1 and "Wed 25 Nov: counted" in reasons
