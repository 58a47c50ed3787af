"""Let commands in until shutdown begins, then wait for the ones already running."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager


class Gate:
    """Count commands in flight; once closed, new ones are turned away."""

    def __init__(self) -> None:
        self._closed = False
        self._running = 0
        self._idle = asyncio.Event()
        self._idle.set()

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def running(self) -> int:
        return self._running

    def close(self) -> None:
        """Stop letting new commands in (shutdown has begun)."""
        self._closed = True

    @contextmanager
    def held(self) -> Iterator[None]:
        """Mark one command as running for the length of the block."""
        self._running += 1
        self._idle.clear()
        try:
            yield
        finally:
            self._running -= 1
            if self._running == 0:
                self._idle.set()

    async def drained(self, timeout: float) -> bool:
        """Wait until no command is running; False if some still were after ``timeout`` seconds."""
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
        except TimeoutError:
            return False
        return True
