"""Run Rebound's scheduled work on one AsyncIOScheduler, with the database as the truth.

The scheduler holds two jobs, not one per post or per member: ``plan``
turns every community schedule and personal nudge that fell due into outbox
rows (see :mod:`bot.scheduling.planner`), and ``deliver`` sends due rows
through the connected platforms (see :mod:`bot.scheduling.outbox`). All
state is in SQLite, so a restart rebuilds nothing by hand: the jobs are
added again under fixed ids and the next run carries on from the database.

Why not a cron job per community schedule? A cron trigger at 01:30
America/New_York fires twice on the fall-back night, in-memory jobs drift
from what `/setup` stored, and "at most one reminder a day" belongs in our
data. So jobs are plain intervals, and the APScheduler 3.11 pitfalls are
handled explicitly: every job has a fixed id with ``replace_existing``,
an explicit misfire grace and coalescing (the default grace of 1 second
silently drops a late run), missed and failed runs are logged, and a
:class:`~bot.scheduling.watchdog.Watchdog` re-arms a scheduler that stopped
waking up.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from apscheduler.events import (
    EVENT_JOB_ERROR,
    EVENT_JOB_MAX_INSTANCES,
    EVENT_JOB_MISSED,
    EVENT_JOB_SUBMITTED,
    JobEvent,
)
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot import care_hold
from bot.clock import Clock
from bot.ops import retention
from bot.scheduling import planner
from bot.scheduling.outbox import Outbox
from bot.scheduling.pacing import Pacer
from bot.scheduling.watchdog import Watchdog

if TYPE_CHECKING:
    from bot.core import Rebound

log = logging.getLogger("rebound.scheduling")

PLAN_JOB = "rebound.plan"
DELIVER_JOB = "rebound.deliver"
RETENTION_JOB = "rebound.retention"
RETENTION_EVERY = 24 * 3600.0
MISFIRE_GRACE = 120
STOP_WAIT = 10.0


class Scheduler:
    """One per process: plans and delivers on a timer, and can be driven by hand in tests."""

    def __init__(self, core: Rebound, *, clock: Clock | None = None, plan_every: float = 60.0,
                 deliver_every: float = 15.0, pacer: Pacer | None = None) -> None:
        self.core = core
        self.clock = clock or core.services.clock
        self.run_id = uuid.uuid4().hex[:12]
        self.outbox = Outbox(core.services, core.ports, pacer or Pacer(), run_id=self.run_id,
                             clock=self.clock)
        self.intervals = {PLAN_JOB: plan_every, DELIVER_JOB: deliver_every,
                          RETENTION_JOB: RETENTION_EVERY}
        self.aps = AsyncIOScheduler(timezone=UTC)
        self.watchdog = Watchdog(self.aps, stale_after=3 * max(plan_every, deliver_every))
        self._running: set[asyncio.Task[object]] = set()

    async def start(self) -> None:
        """Record interrupted sends, add the jobs under their fixed ids and start ticking."""
        interrupted = await self.outbox.recover()
        if interrupted:
            log.warning("outbox rows interrupted by the last stop count=%d", interrupted)
        self.aps.add_listener(self._on_event, EVENT_JOB_SUBMITTED | EVENT_JOB_MAX_INSTANCES
                              | EVENT_JOB_MISSED | EVENT_JOB_ERROR)
        self.add_jobs()
        self.aps.start()
        self.watchdog.start()
        log.info("scheduler started run_id=%s", self.run_id)

    def add_jobs(self) -> None:
        """Add (or replace) every job under its fixed id, due at once."""
        jobs = {PLAN_JOB: self.plan, DELIVER_JOB: self.deliver, RETENTION_JOB: self.forget_old_notes}
        for job_id, func in jobs.items():
            self.aps.add_job(func, IntervalTrigger(seconds=self.intervals[job_id], timezone=UTC),
                             id=job_id, name=job_id, replace_existing=True, coalesce=True,
                             max_instances=1, misfire_grace_time=MISFIRE_GRACE,
                             next_run_time=datetime.now(UTC))

    async def stop(self) -> None:
        """Let the message being sent finish, then stop the jobs and the watchdog."""
        self.outbox.stopping = True
        await self.watchdog.stop()
        if self._running:
            await asyncio.wait(self._running, timeout=STOP_WAIT)
        if self.aps.running:
            self.aps.shutdown(wait=False)
        log.info("scheduler stopped run_id=%s", self.run_id)

    async def plan(self) -> planner.PlanReport:
        """Plan everything that fell due since the last run."""
        async with self._tracked():
            report = await planner.plan(self.core.services.db, self.clock.now())
            # Words held after a care reply must not outlive their hour, even if nobody returns.
            await care_hold.forget_expired(self.core.services.db, self.clock.now())
        if report.added or report.skipped:
            log.info("planned added=%s skipped=%s", dict(report.added), dict(report.skipped))
        return report

    async def deliver(self) -> dict[str, int]:
        """Send what is due through the connected platforms."""
        async with self._tracked():
            outcomes = await self.outbox.deliver_due()
        if outcomes:
            log.info("delivered outcomes=%s", dict(outcomes))
        return dict(outcomes)

    async def forget_old_notes(self) -> int:
        """Apply the operator's retention_days once a day (counts and streaks stay)."""
        async with self._tracked():
            forgotten = await retention.retention_job(self.core.services)
        if forgotten:
            log.info("retention forgot notes count=%d", forgotten)
        return forgotten

    async def run_once(self) -> dict[str, int]:
        """Plan, then deliver: what one tick of both jobs does (tests drive time with this)."""
        await self.plan()
        return await self.deliver()

    @contextlib.asynccontextmanager
    async def _tracked(self) -> AsyncIterator[None]:
        """Register the running job's task, so stop() can let it finish."""
        task = asyncio.current_task()
        assert task is not None
        self._running.add(task)
        try:
            yield
        finally:
            self._running.discard(task)

    def _on_event(self, event: JobEvent) -> None:
        """Keep the watchdog's heartbeat, and never let a missed or failed run pass silently."""
        if event.code in (EVENT_JOB_SUBMITTED, EVENT_JOB_MAX_INSTANCES):
            self.watchdog.beat()
        if event.code == EVENT_JOB_MISSED:
            log.warning("scheduled run missed job=%s scheduled=%s", event.job_id,
                        event.scheduled_run_time.isoformat())
        elif event.code == EVENT_JOB_ERROR:
            log.error("scheduled run failed job=%s error=%s\n%s", event.job_id,
                      type(event.exception).__name__, event.traceback)
        elif event.code == EVENT_JOB_MAX_INSTANCES:
            log.info("scheduled run skipped, the previous one is still going job=%s", event.job_id)


async def start(core: Rebound, clock: Clock | None = None, **options: float) -> Scheduler:
    """Start the process's one scheduler for a core (and, in tests or demos, a given clock)."""
    scheduler = Scheduler(core, clock=clock, **options)
    await scheduler.start()
    return scheduler
