"""Run each Slack request once, even when Slack retries it.

Bolt does not de-duplicate: a retried event (X-Slack-Retry-Num, or a Socket
Mode redelivery) would run its listener again. Every request carries an
identity that a retry repeats: the event_id of an event, the trigger_id of a
command, button or modal. Identities are remembered for a while and repeats
are acknowledged without running anything.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from slack_bolt.response import BoltResponse

from bot.clock import Clock

log = logging.getLogger("rebound.slack")

REMEMBER_FOR = timedelta(minutes=15)
MAX_REMEMBERED = 20_000

Middleware = Callable[..., Awaitable[BoltResponse | None]]


class SeenRequests:
    """Remember request identities for a while, oldest forgotten first."""

    def __init__(self, clock: Clock, ttl: timedelta = REMEMBER_FOR, limit: int = MAX_REMEMBERED) -> None:
        self._clock = clock
        self._ttl = ttl
        self._limit = limit
        self._seen: OrderedDict[str, datetime] = OrderedDict()

    def first_time(self, key: str) -> bool:
        """Record a key; return False when it was already seen recently."""
        now = self._clock.now()
        self._forget_before(now - self._ttl)
        if key in self._seen:
            return False
        self._seen[key] = now
        if len(self._seen) > self._limit:
            self._seen.popitem(last=False)
        return True

    def _forget_before(self, cutoff: datetime) -> None:
        while self._seen and next(iter(self._seen.values())) < cutoff:
            self._seen.popitem(last=False)


def request_key(body: dict[str, Any]) -> str | None:
    """The identity a retry of this request would repeat, if it has one."""
    if body.get("event_id"):
        return "event:" + str(body["event_id"])
    if body.get("trigger_id"):
        return "trigger:" + str(body["trigger_id"])
    return None


def skip_repeats(seen: SeenRequests) -> Middleware:
    """Build a global Bolt middleware that acknowledges repeats without running them."""
    async def skip_repeated_requests(body: dict[str, Any], next: Callable[[], Awaitable[None]]):
        key = request_key(body)
        if key is not None and not seen.first_time(key):
            log.info("slack request repeated; acknowledged without running it")
            return BoltResponse(status=200, body="")
        return await next()

    return skip_repeated_requests
