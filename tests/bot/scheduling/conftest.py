"""Scheduling fixtures: a platform that records what it is asked to send, and time stepping.

The recording platform is a fake of the platform edge (the port), like the
console's; faults are injected by queueing DeliveryErrors for it to raise.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pytest

from bot.clock import ManualClock
from bot.core import Rebound
from bot.port import DeliveryError
from bot.replies import Reply
from bot.scheduling.pacing import Pacer
from bot.scheduling.scheduler import Scheduler


@dataclass(frozen=True)
class Sent:
    """One call the core made on the platform port."""

    how: str
    to: str
    text: str
    thread: str = ""
    title: str = ""
    mentions: tuple[str, ...] = ()
    reply: Reply = field(default_factory=Reply, compare=False)


class RecordingPlatform:
    """Record every send; raise queued faults first."""

    def __init__(self, name: str = "console") -> None:
        self.name = name
        self.sent: list[Sent] = []
        self.faults: list[BaseException] = []
        self.calls = 0
        self._ids = itertools.count(1)

    async def send_dm(self, workspace: str, user_id: str, reply: Reply) -> str:
        return self._record(Sent("dm", user_id, reply.plain_text(), reply=reply))

    async def post_channel(self, workspace: str, channel_id: str, reply: Reply,
                           mention_user_ids: tuple[str, ...] = ()) -> str:
        return self._record(Sent("post", channel_id, reply.plain_text(),
                                 mentions=mention_user_ids, reply=reply))

    async def open_thread(self, workspace: str, channel_id: str, title: str, reply: Reply) -> str:
        return self._record(Sent("thread", channel_id, reply.plain_text(), title=title, reply=reply))

    async def post_thread(self, workspace: str, channel_id: str, thread_id: str, reply: Reply,
                          mention_user_ids: tuple[str, ...] = ()) -> str:
        return self._record(Sent("post", channel_id, reply.plain_text(), thread=thread_id,
                                 mentions=mention_user_ids, reply=reply))

    def dms(self, user: str | None = None) -> list[Sent]:
        return [s for s in self.sent if s.how == "dm" and user in (None, s.to)]

    def _record(self, sent: Sent) -> str:
        self.calls += 1
        if self.faults:
            raise self.faults.pop(0)
        self.sent.append(sent)
        return f"t{next(self._ids)}" if sent.how == "thread" else f"m{next(self._ids)}"


def transient(reason: str = "HTTP 503", retry_after: float | None = None) -> DeliveryError:
    return DeliveryError(reason, retry_after=retry_after)


@pytest.fixture
def platform(core: Rebound) -> RecordingPlatform:
    port = RecordingPlatform()
    core.ports["console"] = port
    return port


@pytest.fixture
def scheduler(core: Rebound, platform: RecordingPlatform) -> Scheduler:
    return Scheduler(core, pacer=Pacer({}))


async def run_until(scheduler: Scheduler, clock: ManualClock, end: datetime,
                    step: timedelta = timedelta(minutes=30)) -> None:
    """Move the clock forward in steps, running both scheduled jobs at each one."""
    while clock.now() < end:
        clock.set(min(clock.now() + step, end))
        await scheduler.run_once()


async def outbox(core: Rebound, **where: object) -> list[dict]:
    """Outbox rows, optionally filtered by column values."""
    clauses = " AND ".join(f"{k} = ?" for k in where) or "1"
    rows = await core.services.db.fetchall(f"SELECT * FROM outbox WHERE {clauses} ORDER BY id",
                                           tuple(where.values()))
    return [dict(r) for r in rows]
