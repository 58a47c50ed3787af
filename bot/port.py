"""The one port the core uses to reach out unprompted: DMs, channel posts, threads.

Every adapter implements :class:`Platform`. Scheduled work (nudges, weekly
threads, recaps) and side-effect posts go through it, addressed by stored
ids, so the core never knows which platform it is talking to.
"""

from __future__ import annotations

from typing import Protocol

from bot.replies import Reply


class DeliveryError(Exception):
    """A send failed. ``permanent`` errors (DMs closed, channel gone) are not retried."""

    def __init__(self, reason: str, *, permanent: bool = False, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent
        self.retry_after = retry_after


class Platform(Protocol):
    """What every adapter can do without being asked."""

    name: str

    async def send_dm(self, workspace: str, user_id: str, reply: Reply) -> str:
        """Send a private message to a member; return the message id."""
        ...

    async def post_channel(
        self, workspace: str, channel_id: str, reply: Reply, mention_user_ids: tuple[str, ...] = ()
    ) -> str:
        """Post in a channel; return the message id."""
        ...

    async def open_thread(self, workspace: str, channel_id: str, title: str, reply: Reply) -> str:
        """Start a public thread in a channel with a first message; return the thread id."""
        ...

    async def post_thread(
        self, workspace: str, channel_id: str, thread_id: str, reply: Reply,
        mention_user_ids: tuple[str, ...] = (),
    ) -> str:
        """Post in an existing thread; return the message id."""
        ...
