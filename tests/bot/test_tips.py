"""Which tip a member gets: it fits the moment, never repeats too soon, and is reproducible."""

from pathlib import Path

from bot.app import build
from bot.clock import ManualClock
from bot.config import Settings
from bot.content.schema import KEEP_APPLYING, Tip
from bot.replies import Reply
from tests.conftest import START, Member

FEELINGS = {"wellbeing", "mindset", "resilience"}


def tip_in(reply: Reply, core) -> Tip:
    """The library tip a reply shows."""
    return next(t for t in core.services.library.tips if t.text in reply.text)


async def tips(member: Member, count: int, line: str = "/tip") -> list[Tip]:
    return [tip_in(await member.say(line), member.core) for _ in range(count)]


async def test_a_low_final_round_no_leads_with_feelings_and_wellbeing(ana, core):
    await ana.say("/rejection company:Acme stage:final feeling:1")
    shown = await tips(ana, 6)
    assert shown[0].topic == "wellbeing" and {"fresh", "mood:low"} <= shown[0].tags
    assert all(t.topic in FEELINGS and KEEP_APPLYING not in t.tags for t in shown)
    assert all(a.topic != b.topic for a, b in zip(shown, shown[1:], strict=False))


async def test_a_day_later_feedback_and_reflection_lead(ana, core, clock):
    await ana.say("/rejection company:Acme stage:final feeling:1")
    clock.advance(days=1)
    first, second = await tips(ana, 2)
    assert first.topic == "feedback" and "day-after" in first.tags
    assert second.topic != "feedback" and "day-after" in second.tags


async def test_before_a_logged_interview_preparation_leads(ana, core, clock):
    await ana.say("/log interviewed")
    clock.advance(hours=3)
    first = (await tips(ana, 1))[0]
    assert first.topic == "preparation" and "before-interview" in first.tags


async def test_feelings_still_come_first_when_a_fresh_no_meets_an_interview(ana, core):
    await ana.say("/log interviewed")
    await ana.say("/rejection stage:interview feeling:2")
    assert (await tips(ana, 1))[0].topic in FEELINGS


async def test_a_long_wait_after_applying_brings_tips_about_silence(ana, core, clock):
    await ana.say("/log applied 3")
    clock.advance(days=11)
    assert "silence" in (await tips(ana, 1))[0].tags


async def test_a_low_check_in_stops_mattering_after_a_few_days(ana, clock):
    await ana.say("/checkin 1")
    assert "rest matters more" in (await ana.say("/tip momentum")).text
    clock.advance(days=4)
    assert (await ana.say("/tip momentum")).text.startswith("**Momentum**")


async def test_no_tip_repeats_until_every_tip_has_been_seen(ana, core):
    library = core.services.library.tips
    shown = await tips(ana, len(library))
    assert len({t.id for t in shown}) == len(library)
    again = await ana.say("/tip")
    assert "seen every tip I have, so they’ll start again" in again.plain_text()


async def test_a_topic_starts_over_only_when_it_is_used_up(ana, core):
    pool = [t for t in core.services.library.tips if t.topic == "feedback"]
    shown = await tips(ana, len(pool), "/tip feedback")
    assert {t.id for t in shown} == {t.id for t in pool}
    again = await ana.say("/tip feedback")
    assert tip_in(again, core).topic == "feedback"
    assert "every tip on this topic, so they’ll start again" in again.plain_text()
    assert "start again" not in (await ana.say("/tip feedback")).plain_text()


async def test_the_same_history_and_clock_give_the_same_tips(core, library, tmp_path: Path):
    async def story(app) -> list[str]:
        member, clock = Member(app), app.services.clock
        await member.say("/rejection company:Acme stage:final feeling:1")
        picked = [(await member.say("/tip")).text for _ in range(3)]
        clock.advance(days=1)
        await member.say("/log practiced")
        picked += [(await member.say("/tip")).text for _ in range(3)]
        return picked

    other = await build(Settings(db_path=tmp_path / "other.db"), ManualClock(START), library)
    try:
        assert await story(core) == await story(other)
    finally:
        await other.services.db.close()
