"""The real AsyncIOScheduler, run briefly: fixed job ids, explicit misfire policy, a watchdog."""

import asyncio
import logging
from datetime import UTC, datetime, timedelta

from apscheduler.events import EVENT_JOB_EXECUTED
from apscheduler.triggers.interval import IntervalTrigger

from bot.scheduling.scheduler import DELIVER_JOB, MISFIRE_GRACE, PLAN_JOB, RETENTION_JOB, Scheduler
from bot.scheduling.watchdog import Watchdog
from tests.bot.scheduling.conftest import run_until


async def eventually(condition, seconds: float = 2.0) -> bool:
    """Wait (briefly, polling) for something the real scheduler does on its own."""
    for _ in range(int(seconds / 0.01)):
        if condition():
            return True
        await asyncio.sleep(0.01)
    return condition()


def count_runs(scheduler: Scheduler) -> dict[str, int]:
    runs: dict[str, int] = {}
    scheduler.aps.add_listener(lambda e: runs.__setitem__(e.job_id, runs.get(e.job_id, 0) + 1),
                               EVENT_JOB_EXECUTED)
    return runs


class FailsOnceTrigger(IntervalTrigger):
    """An interval trigger whose second computation raises, as a broken job store might."""

    def __init__(self) -> None:
        super().__init__(seconds=0.05, timezone=UTC)
        self.calls = 0

    def get_next_fire_time(self, previous, now):
        self.calls += 1
        if self.calls == 2:
            raise RuntimeError("trigger broke")
        return super().get_next_fire_time(previous, now) if self.calls == 1 else None


async def test_jobs_have_fixed_ids_explicit_misfire_policy_and_run_at_start(core, platform):
    scheduler = Scheduler(core)
    runs = count_runs(scheduler)
    await scheduler.start()
    try:
        jobs = {job.id: job for job in scheduler.aps.get_jobs()}
        assert set(jobs) == {PLAN_JOB, DELIVER_JOB, RETENTION_JOB}
        for job in jobs.values():
            assert (job.misfire_grace_time, job.coalesce, job.max_instances) == (MISFIRE_GRACE, True, 1)
        assert await eventually(lambda: runs.get(PLAN_JOB) == 1 and runs.get(DELIVER_JOB) == 1)
        planned = await core.services.db.fetchval(
            "SELECT value FROM scheduler_state WHERE key = 'planned_through'")
        assert planned == core.services.clock.now().isoformat()
        scheduler.add_jobs()  # adding again replaces; a restart never duplicates jobs
        assert sorted(j.id for j in scheduler.aps.get_jobs()) == [DELIVER_JOB, PLAN_JOB, RETENTION_JOB]
    finally:
        await scheduler.stop()
    assert await eventually(lambda: not scheduler.aps.running)


async def test_the_watchdog_rearms_a_scheduler_that_stopped_waking(core, platform, caplog):
    scheduler = Scheduler(core, deliver_every=0.3, plan_every=3600)
    ticks = [0.0]
    scheduler.watchdog = Watchdog(scheduler.aps, stale_after=1.0, monotonic=lambda: ticks[0])
    runs = count_runs(scheduler)
    await scheduler.start()
    try:
        assert await eventually(lambda: runs.get(DELIVER_JOB) == 1)
        poison = FailsOnceTrigger()
        scheduler.aps.add_job(lambda: None, poison, id="poison")
        assert await eventually(lambda: poison.calls == 2)
        await asyncio.sleep(0.5)  # deliver was due 0.3 s after start, but nothing wakes up
        assert runs[DELIVER_JOB] == 1 and not scheduler.watchdog.check()
        ticks[0] = 5.0
        with caplog.at_level(logging.ERROR, "rebound.scheduling"):
            assert scheduler.watchdog.check()
        assert "scheduler stopped waking up" in caplog.text
        assert await eventually(lambda: runs[DELIVER_JOB] >= 2)
    finally:
        await scheduler.stop()


async def test_missed_and_failed_runs_are_logged(core, platform, caplog):
    scheduler = Scheduler(core, plan_every=3600, deliver_every=3600)
    await scheduler.start()

    async def broken() -> None:
        raise ValueError("job broke")

    try:
        with caplog.at_level(logging.INFO, "rebound.scheduling"):
            scheduler.aps.add_job(lambda: None, "date", id="late", misfire_grace_time=1,
                                  run_date=datetime.now(UTC) - timedelta(seconds=10))
            scheduler.aps.add_job(broken, "date", id="broken", run_date=datetime.now(UTC))
            assert await eventually(lambda: "job=broken" in caplog.text)
        assert "scheduled run missed job=late" in caplog.text
        assert "scheduled run failed job=broken error=ValueError" in caplog.text
    finally:
        await scheduler.stop()


async def test_delivery_outcomes_are_counted_for_metrics(core, clock, platform, scheduler, ana):
    await ana.say("/settings nudges:on reminder_time:09:30")
    await run_until(scheduler, clock, clock.now() + timedelta(hours=1))
    exposition = core.services.metrics.exposition().decode()
    assert 'rebound_nudges_total{kind="daily_reminder",outcome="sent"} 1.0' in exposition
