"""The console's side of the platform port: unprompted messages, printed and labelled."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from adapters.console.render import reply_to_text
from bot.replies import Reply


class ConsolePlatform:
    """Print DMs, channel posts and threads as they would appear in a community."""

    name = "console"

    def __init__(self, write: Callable[[str], None]) -> None:
        self._write = write
        self._ids = itertools.count(1)
        self._threads: dict[str, str] = {}

    async def send_dm(self, workspace: str, user_id: str, reply: Reply) -> str:
        self._write(f"✉  DM to @{user_id}\n{_indent(reply)}")
        return f"m{next(self._ids)}"

    async def post_channel(
        self, workspace: str, channel_id: str, reply: Reply, mention_user_ids: tuple[str, ...] = ()
    ) -> str:
        self._write(f"#{channel_id} ▸\n{_indent(reply)}")
        return f"m{next(self._ids)}"

    async def open_thread(self, workspace: str, channel_id: str, title: str, reply: Reply) -> str:
        thread = f"t{next(self._ids)}"
        self._threads[thread] = title
        self._write(f"#{channel_id} ▸ new thread “{title}”\n{_indent(reply)}")
        return thread

    async def post_thread(
        self, workspace: str, channel_id: str, thread_id: str, reply: Reply,
        mention_user_ids: tuple[str, ...] = (),
    ) -> str:
        title = self._threads.get(thread_id, thread_id)
        self._write(f"#{channel_id} ▸ thread “{title}” ▸\n{_indent(reply)}")
        return f"m{next(self._ids)}"


def _indent(reply: Reply) -> str:
    return "\n".join(f"   {line}" for line in reply_to_text(reply).splitlines())
