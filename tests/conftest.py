"""Shared fixtures: a real core on a temporary SQLite file and a clock we move by hand."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import build
from bot.clock import ManualClock
from bot.config import Settings
from bot.content.library import Library, load_library
from bot.core import Rebound
from bot.replies import Reply
from bot.requests import Address

# A Monday morning, so "this week" starts today.
START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture(scope="session")
def library() -> Library:
    """The shipped content, loaded once: it is read-only."""
    return load_library()


@pytest.fixture
async def core(tmp_path: Path, clock: ManualClock, library: Library) -> AsyncIterator[Rebound]:
    app = await build(Settings(db_path=tmp_path / "rebound.db"), clock, library)
    yield app
    await app.services.db.close()


@dataclass
class Member:
    """A test member who types commands and presses buttons, like a person would."""

    core: Rebound
    user: str = "ana"
    workspace: str = "guild-1"
    is_admin: bool = False
    platform: str = "console"

    @property
    def address(self) -> Address:
        return Address(self.platform, self.workspace, "general", self.user)

    async def say(self, line: str) -> Reply:
        return await self.core.handle_text(self.address, line, self.user.capitalize(), self.is_admin)

    async def press(self, reply: Reply, label: str) -> Reply:
        button = next(b for b in reply.buttons if b.label == label)
        return await self.core.handle_action(self.address, button.action_id, self.user.capitalize(),
                                             self.is_admin)

    async def submit(self, reply: Reply, **values: str) -> Reply:
        assert reply.form is not None, "expected a form"
        return await self.core.handle_form(self.address, reply.form.form_id, values,
                                           self.user.capitalize(), self.is_admin)


@pytest.fixture
def ana(core: Rebound) -> Member:
    return Member(core)


@pytest.fixture
def ben(core: Rebound) -> Member:
    return Member(core, user="ben")


async def count_rows(core: Rebound, table: str) -> int:
    return await core.services.db.fetchval(f'SELECT COUNT(*) FROM "{table}"')
