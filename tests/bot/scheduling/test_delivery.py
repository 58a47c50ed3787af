"""Delivery survives faults and restarts: retries with backoff, bounded attempts, never twice."""

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.app import build
from bot.config import Settings
from bot.scheduling import policy
from bot.scheduling.pacing import Pacer
from bot.scheduling.scheduler import Scheduler
from tests.bot.scheduling.conftest import RecordingPlatform, outbox, run_until, transient
from tests.conftest import Member

TEN = datetime(2026, 11, 23, 10, tzinfo=UTC)


async def nudged_members(core, count: int) -> list[Member]:
    people = [Member(core, user=f"m{i:02d}") for i in range(count)]
    for person in people:
        await person.say("/settings nudges:on reminder_time:10:00")
    return people


async def test_transient_failures_are_retried_with_backoff_then_sent(core, clock, platform,
                                                                    scheduler):
    await nudged_members(core, 1)
    platform.faults += [transient("HTTP 503"), transient("HTTP 429", retry_after=90)]
    clock.set(TEN)
    await scheduler.run_once()
    [row] = await outbox(core)
    assert (row["status"], row["attempts"], row["last_error"]) == ("pending", 1, "HTTP 503")
    assert row["next_attempt_at"] == (TEN + policy.backoff(1)).isoformat()
    await run_until(scheduler, clock, TEN + timedelta(minutes=1), timedelta(seconds=10))
    [row] = await outbox(core)
    assert row["next_attempt_at"] == (TEN + timedelta(seconds=120)).isoformat()  # Retry-After: 90 s
    await run_until(scheduler, clock, TEN + timedelta(minutes=3), timedelta(seconds=10))
    [row] = await outbox(core)
    assert (row["status"], row["attempts"], row["last_error"]) == ("sent", 3, None)
    assert len(platform.dms()) == 1


async def test_a_send_that_keeps_failing_is_given_up_after_bounded_attempts(core, clock, platform,
                                                                           scheduler):
    await nudged_members(core, 1)
    platform.faults += [transient("timed out")] * 10
    clock.set(TEN)
    await scheduler.run_once()
    await run_until(scheduler, clock, TEN + timedelta(hours=2), timedelta(minutes=1))
    [row] = await outbox(core)
    assert (row["status"], row["attempts"]) == ("failed", policy.MAX_ATTEMPTS)
    assert row["last_error"] == f"gave up after {policy.MAX_ATTEMPTS} attempts: timed out"
    assert platform.calls == policy.MAX_ATTEMPTS


async def test_a_restart_after_k_of_n_sends_still_gives_everyone_exactly_one(core, clock, platform,
                                                                            tmp_path):
    people = await nudged_members(core, 12)
    clock.set(TEN)
    first = Scheduler(core, pacer=Pacer({}))
    await first.plan()
    await first.outbox.deliver_due(limit=5)  # then the process dies
    await first.plan()  # a replan of the same window adds nothing
    assert len(platform.dms()) == 5
    restarted = await build(Settings(db_path=tmp_path / "rebound.db"), clock, core.services.library)
    again = RecordingPlatform()
    restarted.ports["console"] = again
    second = Scheduler(restarted, pacer=Pacer({}))
    assert await second.outbox.recover() == 0
    clock.advance(minutes=1)
    await second.run_once()
    await second.run_once()
    delivered = [s.to for s in platform.dms() + again.dms()]
    assert sorted(delivered) == sorted(p.user for p in people)
    await restarted.services.db.close()


async def test_a_send_cut_off_mid_request_is_recorded_and_never_repeated(core, clock, platform,
                                                                        scheduler):
    await nudged_members(core, 1)
    platform.faults.append(asyncio.CancelledError())  # the process stops inside the request
    clock.set(TEN)
    await scheduler.plan()
    with pytest.raises(asyncio.CancelledError):
        await scheduler.deliver()
    restarted = Scheduler(core, pacer=Pacer({}))
    assert await restarted.outbox.recover() == 1
    await restarted.run_once()
    [row] = await outbox(core)
    assert row["status"] == "failed" and row["last_error"].startswith("interrupted mid-send")
    assert platform.dms() == []


async def test_messages_wait_for_their_platform_then_are_skipped_after_grace(core, clock):
    scheduler = Scheduler(core, pacer=Pacer({}))
    await nudged_members(core, 1)
    clock.set(TEN)
    await scheduler.run_once()  # no console port connected
    assert [r["status"] for r in await outbox(core)] == ["pending"]
    clock.set(TEN + policy.DM_GRACE + timedelta(minutes=1))
    await scheduler.deliver()
    assert [r["status"] for r in await outbox(core)] == ["pending"]
    core.ports["console"] = RecordingPlatform()
    await scheduler.deliver()
    [row] = await outbox(core)
    assert (row["status"], row["last_error"]) == ("skipped", "overdue by 121 min")
