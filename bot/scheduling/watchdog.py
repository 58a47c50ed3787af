"""Notice a scheduler that has stopped waking up, say so loudly, and re-arm it.

APScheduler 3.11.3 re-arms its timer at the end of ``wakeup()``; if job
processing raises (a trigger or job store error), the timer is never set
again and the scheduler sits idle without a word. Every job submission is
a heartbeat; when none has come for ``stale_after`` seconds while the
scheduler says it is running, the watchdog logs an error and calls
``wakeup()`` itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable

from apscheduler.schedulers.asyncio import AsyncIOScheduler

log = logging.getLogger("rebound.scheduling")


class Watchdog:
    """Watch the heartbeat of one AsyncIOScheduler."""

    def __init__(
        self,
        scheduler: AsyncIOScheduler,
        stale_after: float,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.scheduler = scheduler
        self.stale_after = stale_after
        self.rearmed = 0
        self._monotonic = monotonic
        self._sleep = sleep
        self._last_beat = monotonic()
        self._task: asyncio.Task[None] | None = None

    def beat(self) -> None:
        """Record that the scheduler just did something."""
        self._last_beat = self._monotonic()

    def check(self) -> bool:
        """Re-arm the scheduler if it has been silent too long; return whether it had to."""
        if not self.scheduler.running:
            return False
        silent = self._monotonic() - self._last_beat
        if silent <= self.stale_after:
            return False
        self.rearmed += 1
        log.error("scheduler stopped waking up; re-arming it silent_s=%.0f times=%d",
                  silent, self.rearmed)
        self._last_beat = self._monotonic()
        self.scheduler.wakeup()
        return True

    def start(self) -> None:
        """Check in the background, a few times per stale period."""
        self._last_beat = self._monotonic()
        self._task = asyncio.get_running_loop().create_task(self._watch(), name="rebound-watchdog")

    async def stop(self) -> None:
        """Stop watching."""
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _watch(self) -> None:
        while True:
            await self._sleep(self.stale_after / 3)
            self.check()
