"""Personal nudges, planned from the database and sent through the port at members' local times."""

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.scheduling.quiet import wall_to_utc
from tests.bot.scheduling.conftest import outbox, run_until
from tests.conftest import Member


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


async def test_a_daily_reminder_comes_once_a_day_at_the_members_own_time(core, clock, platform,
                                                                       scheduler, ana, ben):
    await ana.say("/settings nudges:on reminder_time:08:00 timezone:America/New_York")
    await ben.say("/settings reminder_time:08:00")  # never turned nudges on
    await run_until(scheduler, clock, datetime(2026, 11, 25, 12, tzinfo=UTC))
    rows = await outbox(core, status="sent")
    assert [(r["kind"], r["sent_at"]) for r in rows] == [
        ("daily_reminder", "2026-11-23T13:00:00+00:00"),
        ("daily_reminder", "2026-11-24T13:00:00+00:00"),
    ]
    assert [s.to for s in platform.dms()] == ["ana", "ana"]
    assert "/settings" in platform.dms()[0].text


@pytest.mark.parametrize(("zone", "night"), [
    ("Europe/London", date(2026, 3, 29)),
    ("Europe/London", date(2026, 10, 25)),
    ("America/New_York", date(2026, 3, 8)),
    ("America/New_York", date(2026, 11, 1)),
])
async def test_a_0230_reminder_is_sent_exactly_once_on_dst_nights(core, clock, platform, scheduler,
                                                                   ana, zone, night):
    clock.set(datetime.combine(night - timedelta(days=1), datetime.min.time(), UTC))
    await ana.say(f"/settings nudges:on reminder_time:02:30 timezone:{zone}")
    await run_until(scheduler, clock, clock.now() + timedelta(days=3))
    rows = await outbox(core, status="sent")
    days = [r["day"] for r in rows]
    assert sorted(set(days)) == days and night.isoformat() in days
    on_the_night = next(r for r in rows if r["day"] == night.isoformat())
    assert at(on_the_night["due_at"]) == wall_to_utc(night, "02:30", zone)


async def test_the_repeated_0130_of_fall_back_night_sends_one_reminder(core, clock, platform,
                                                                      scheduler, ana):
    clock.set(datetime(2026, 10, 31, 12, tzinfo=UTC))
    await ana.say("/settings nudges:on reminder_time:01:30 timezone:America/New_York")
    await run_until(scheduler, clock, datetime(2026, 11, 1, 12, tzinfo=UTC), timedelta(minutes=5))
    assert [r["sent_at"] for r in await outbox(core, status="sent")] == [
        "2026-11-01T05:30:00+00:00"]


async def test_quiet_hours_hold_a_reminder_until_they_end(core, clock, platform, scheduler, ana):
    await ana.say("/settings nudges:on reminder_time:07:00 quiet_hours:22:00-08:30")
    await run_until(scheduler, clock, datetime(2026, 11, 24, 12, tzinfo=UTC))
    [row] = await outbox(core, status="sent")
    assert row["due_at"] == "2026-11-24T07:00:00+00:00"
    assert row["sent_at"] == "2026-11-24T08:30:00+00:00"


async def test_no_nudges_while_paused_opted_out_or_crisis_flagged(core, clock, platform, scheduler):
    paused, opted_out, flagged, plain = (Member(core, user=u) for u in ("pia", "olu", "fay", "sam"))
    for member in (paused, opted_out, flagged, plain):
        await member.say("/settings nudges:on reminder_time:10:00")
    await paused.say("/settings pause_until:2026-11-30")
    await opted_out.say("/settings nudges:off")
    await flagged.say("/checkin 1 note:\"I want to end my life\"")
    await run_until(scheduler, clock, datetime(2026, 11, 23, 12, tzinfo=UTC))
    assert [s.to for s in platform.dms()] == ["sam"]


async def test_a_member_whose_dms_fail_gets_no_more(core, clock, platform, scheduler, ana):
    from bot.port import DeliveryError
    await ana.say("/settings nudges:on reminder_time:10:00")
    platform.faults.append(DeliveryError("DMs closed", permanent=True))
    await run_until(scheduler, clock, datetime(2026, 11, 26, 12, tzinfo=UTC))
    assert platform.dms() == [] and platform.calls == 1
    [row] = [r for r in await outbox(core) if r["member_id"]]
    assert (row["status"], row["last_error"]) == ("failed", "DMs closed")
    assert await core.services.db.fetchval("SELECT dm_blocked_at FROM members WHERE id = ?",
                                           (row["member_id"],))


async def test_a_reminder_queued_before_dms_failed_is_not_tried(core, clock, platform, scheduler,
                                                               ana):
    from bot.port import DeliveryError
    await ana.say("/settings nudges:on reminder_time:10:00")
    await ana.press(await ana.say("/rejection company:Acme stage:interview"), "Remind me in 3 days")
    platform.faults.append(DeliveryError("DMs closed", permanent=True))
    await run_until(scheduler, clock, datetime(2026, 11, 27, 12, tzinfo=UTC))
    assert platform.calls == 1
    [reminder] = [r for r in await outbox(core) if r["kind"] == "rejection_reminder"]
    assert (reminder["status"], reminder["last_error"]) == (
        "skipped", "direct messages fail for this member")


async def test_the_day_after_an_interview_asks_how_it_went(core, clock, platform, scheduler, ana):
    await ana.say("/settings nudges:on reminder_time:10:00")
    await ana.say("/log interviewed")
    await run_until(scheduler, clock, datetime(2026, 11, 24, 12, tzinfo=UTC))
    assert [r["kind"] for r in await outbox(core, status="sent")] == ["interview_followup"]


async def test_two_days_after_a_rejection_a_follow_up_offers_the_drafts(core, clock, platform,
                                                                       scheduler, ana):
    await ana.say("/settings nudges:on reminder_time:10:00")
    await ana.say("/rejection company:Acme stage:interview feeling:2")
    await run_until(scheduler, clock, datetime(2026, 11, 25, 12, tzinfo=UTC))
    kinds = [r["kind"] for r in await outbox(core, status="sent")]
    assert kinds[-1] == "rejection_followup"
    labels = [b.label for b in platform.dms()[-1].reply.buttons]
    assert labels == ["Draft a feedback request", "Draft a thank-you note"]


async def test_no_follow_up_once_the_thank_you_is_drafted(core, clock, platform, scheduler, ana):
    await ana.say("/settings nudges:on reminder_time:10:00")
    reply = await ana.say("/rejection company:Acme stage:final feeling:3")
    await ana.press(reply, "Draft a thank-you note")
    await run_until(scheduler, clock, datetime(2026, 11, 26, 12, tzinfo=UTC))
    assert "rejection_followup" not in [r["kind"] for r in await outbox(core)]


async def test_remind_me_in_3_days_is_sent_kindly_and_replaces_the_automatic_follow_up(
        core, clock, platform, scheduler, ana):
    reply = await ana.say("/rejection company:Acme stage:interview feeling:2")
    await ana.press(reply, "Remind me in 3 days")
    await run_until(scheduler, clock, datetime(2026, 11, 27, 12, tzinfo=UTC))
    [dm] = platform.dms("ana")
    assert "you asked for about Acme" in dm.text
    assert [r["kind"] for r in await outbox(core, status="sent")] == ["rejection_reminder"]


async def test_a_quiet_week_after_a_rejection_brings_a_gentle_check_in(core, clock, platform,
                                                                      scheduler, ana):
    await ana.say("/settings nudges:on reminder_time:10:00")
    await ana.say("/rejection stage:applied feeling:2")
    await run_until(scheduler, clock, datetime(2026, 12, 1, 0, tzinfo=UTC), timedelta(hours=1))
    rows = await outbox(core, status="sent")
    assert [r["kind"] for r in rows][-1] == "quiet_checkin"
    assert rows[-1]["day"] == "2026-11-30"


async def test_first_log_is_celebrated_the_next_day(core, clock, platform, scheduler, ana):
    await ana.say("/settings nudges:on reminder_time:10:00")
    await ana.say("/log applied")
    await run_until(scheduler, clock, datetime(2026, 11, 24, 12, tzinfo=UTC))
    assert [r["kind"] for r in await outbox(core, status="sent")] == ["milestone_first_log"]


async def test_one_dm_a_day_by_default_and_more_where_the_community_allows(core, clock, platform,
                                                                          scheduler):
    admin = Member(core, user="admin", workspace="guild-2", is_admin=True)
    await admin.say("/setup nudges daily_limit:2")
    members = Member(core, user="ana"), Member(core, user="bo", workspace="guild-2")
    for member in members:
        await member.say("/settings nudges:on reminder_time:10:00")
    for _ in range(3):  # a three-day streak, then Thursday with nothing logged yet
        for member in members:
            await member.say("/log applied")
        clock.advance(days=1)
    await run_until(scheduler, clock, datetime(2026, 11, 26, 21, tzinfo=UTC))
    ana_id = await core.services.db.fetchval("SELECT id FROM members WHERE platform_user_id = 'ana'")
    rows = await outbox(core, day="2026-11-26", member_id=ana_id)
    assert [(r["kind"], r["status"], r["last_error"]) for r in rows] == [
        ("daily_reminder", "sent", None), ("streak_at_risk", "skipped", "daily limit reached")]
    assert sorted(s.to for s in platform.dms()) == ["ana", "bo", "bo"]
    [warning] = [s for s in platform.dms("bo") if "3" in s.text]
    assert "streak" in warning.text or "days in a row" in warning.text


async def test_streak_warnings_back_off_after_two_are_ignored(core, clock, platform, scheduler,
                                                              ana):
    await ana.say("/settings nudges:on reminder_time:23:00")
    for _ in range(14):  # two weeks in a row earn two freezes
        await ana.say("/log applied")
        clock.advance(days=1)
    await run_until(scheduler, clock, clock.now() + timedelta(days=4), timedelta(hours=1))
    warnings = [r["day"] for r in await outbox(core, kind="streak_at_risk", status="sent")]
    assert warnings == ["2026-12-07", "2026-12-08"]  # the 9th is still frozen, but quiet
    for _ in range(3):  # back in action: a new streak may be warned about again
        await ana.say("/log applied")
        clock.advance(days=1)
    await run_until(scheduler, clock, clock.now() + timedelta(days=1), timedelta(hours=1))
    warnings = [r["day"] for r in await outbox(core, kind="streak_at_risk", status="sent")]
    assert warnings[2:] == ["2026-12-14"]


async def test_planning_after_downtime_sends_what_is_within_grace_and_records_the_rest(
        core, clock, platform, scheduler):
    early, late = Member(core, user="early"), Member(core, user="late")
    await early.say("/settings nudges:on reminder_time:10:00")
    await late.say("/settings nudges:on reminder_time:14:00")
    await scheduler.run_once()  # planned through 09:00
    clock.set(datetime(2026, 11, 23, 15, tzinfo=UTC))  # down for six hours
    await scheduler.run_once()
    rows = {r["dedup_key"].split(":")[1]: r for r in await outbox(core)}
    assert [s.to for s in platform.dms()] == ["late"]
    assert (rows["m1"]["status"], rows["m1"]["last_error"]) == ("skipped", "overdue when planned")
    clock.set(datetime(2026, 11, 24, 12, tzinfo=UTC))  # a longer gap is logged and kept
    await scheduler.run_once()
    gap = await core.services.db.fetchval("SELECT value FROM scheduler_state WHERE key = 'last_gap'")
    assert gap == "2026-11-23T15:00:00+00:00/2026-11-24T06:00:00+00:00"
