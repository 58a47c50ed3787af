"""Pace bulk sends per platform so a Monday of nudges causes no 429s.

discord.py only slows down after Discord has answered 429, and a global 429
stalls every send for everyone, so we stay under the limits ourselves:

- Discord: 40 requests a second overall (headroom under its 50/s global
  limit) and 5 messages per 5 seconds in any one channel (DMs included);
- Slack: about one message a second per channel (``chat.postMessage``).

Limits are sliding windows: at most ``limit`` sends in any ``seconds`` span
(plus a 20 ms margin for requests that arrive a little bunched up), which a
server counting in any window of that length will also accept.
The time source and the sleep are injected, so tests never wait.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Window:
    """At most ``limit`` sends in any ``seconds``, for the whole platform or per channel."""

    limit: int
    seconds: float
    per_channel: bool = False


LIMITS: dict[str, tuple[Window, ...]] = {
    "discord": (Window(40, 1.0), Window(5, 5.0, per_channel=True)),
    "slack": (Window(1, 1.0, per_channel=True),),
}
_PRUNE_AT = 10_000
MARGIN = 0.02


class Pacer:
    """Wait just long enough before each send to stay inside every window that applies."""

    def __init__(
        self,
        limits: dict[str, tuple[Window, ...]] | None = None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._limits = LIMITS if limits is None else limits
        self._monotonic = monotonic
        self._sleep = sleep
        self._sent: dict[tuple[str, int, str], deque[float]] = {}
        self._held: dict[str, float] = {}

    def allowed_rate(self, platform: str) -> float | None:
        """The overall sends per second a platform is paced to (None if unpaced)."""
        overall = [w.limit / w.seconds for w in self._limits.get(platform, ()) if not w.per_channel]
        return min(overall) if overall else None

    async def wait(self, platform: str, channel: str) -> None:
        """Return when one more send to the channel keeps every window within its limit."""
        windows = self._limits.get(platform, ())
        if not windows:
            return
        while True:
            now = self._monotonic()
            delay = max([self._held.get(platform, 0.0) - now]
                        + [self._delay(platform, i, w, channel, now) for i, w in enumerate(windows)])
            if delay <= 0:
                for i, window in enumerate(windows):
                    self._history(platform, i, window, channel).append(now)
                return
            await self._sleep(delay)

    def hold(self, platform: str, seconds: float) -> None:
        """Stop all sends on a platform for a while (after it answered 429 anyway)."""
        until = self._monotonic() + seconds
        self._held[platform] = max(self._held.get(platform, 0.0), until)

    def _delay(self, platform: str, index: int, window: Window, channel: str, now: float) -> float:
        sent = self._history(platform, index, window, channel)
        span = window.seconds + MARGIN
        while sent and sent[0] <= now - span:
            sent.popleft()
        if len(sent) < window.limit:
            return 0.0
        return sent[0] + span - now

    def _history(self, platform: str, index: int, window: Window, channel: str) -> deque[float]:
        key = (platform, index, channel if window.per_channel else "")
        if key not in self._sent:
            if len(self._sent) >= _PRUNE_AT:
                self._prune()
            self._sent[key] = deque()
        return self._sent[key]

    def _prune(self) -> None:
        """Forget channels with no send in the last minute (every window is shorter)."""
        horizon = self._monotonic() - 60
        for key in [k for k, sent in self._sent.items() if not sent or sent[-1] < horizon]:
            del self._sent[key]
