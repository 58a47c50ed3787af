"""Run the real discord.py client, started as `rebound run` starts it, against the fake."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import pytest

from adapters.discord_app.platform import PLATFORM
from bot.core import Rebound
from tests.adapters.discord_app import fake_payloads as p
from tests.adapters.discord_app.fake_discord import FakeDiscord

READY_TIMEOUT = 5.0


class RunningBot:
    """The bot connected to the fake, and members who use it."""

    def __init__(self, core: Rebound, fake: FakeDiscord, env: dict[str, str]) -> None:
        self.core, self.fake, self.env = core, fake, env
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Start exactly as `rebound run` does, and wait until the port is offered."""
        self.core.ports.pop("discord", None)
        self._task = asyncio.create_task(PLATFORM.run(self.core, self.env))
        async with asyncio.timeout(READY_TIMEOUT):
            while "discord" not in self.core.ports:
                if self._task.done():
                    self._task.result()
                await asyncio.sleep(0.005)

    async def stop(self) -> None:
        """Cancel the run, as stopping `rebound run` does."""
        assert self._task is not None
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task

    async def slash(self, name: str, *, user: int = p.ANA_ID, admin: bool = False,
                    channel: dict[str, Any] | None = None, **values: Any) -> dict[str, Any]:
        """A member uses a slash command, like `/goal set activity:applied`."""
        data = p.command_options(name.split(" "), values)
        return await self.fake.interact(p.interaction(2, data, user, _name(user), _perms(admin),
                                                      channel=channel))

    async def autocomplete(self, name: str, focused: str, **values: Any) -> dict[str, Any]:
        """A member types into an option with suggestions."""
        data = p.command_options(name.split(" "), values, focused=focused)
        return await self.fake.interact(p.interaction(4, data, p.ANA_ID, "ana", _perms(False)))

    async def press(self, message: dict[str, Any], custom_id: str, *, user: int = p.ANA_ID,
                    in_dm: bool = False) -> dict[str, Any]:
        """A member presses a button on a message the bot sent."""
        data = {"custom_id": custom_id, "component_type": 2}
        return await self.fake.interact(p.interaction(
            3, data, user, _name(user), _perms(False), message_=message,
            guild_id=None if in_dm else p.GUILD_ID))

    async def submit(self, custom_id: str, values: dict[str, str], selects: tuple[str, ...] = (),
                     *, user: int = p.ANA_ID) -> dict[str, Any]:
        """A member submits a modal."""
        data = {"custom_id": custom_id, "components": p.modal_components(values, selects)}
        return await self.fake.interact(p.interaction(5, data, user, _name(user), _perms(False)))


def _name(user: int) -> str:
    return {p.ANA_ID: "ana", p.BEN_ID: "ben", p.OWNER_ID: "owner"}.get(user, "member")


def _perms(admin: bool) -> int:
    return p.MEMBER_PERMISSIONS | (p.MANAGE_GUILD if admin else 0)


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as server:
        yield server


@pytest.fixture
async def bot(core: Rebound, fake: FakeDiscord) -> AsyncIterator[RunningBot]:
    running = RunningBot(core, fake, fake.env())
    await running.start()
    yield running
    await running.stop()
