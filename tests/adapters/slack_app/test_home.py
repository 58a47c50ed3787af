"""The App Home tab: published when opened and refreshed after each command."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import build
from bot.clock import ManualClock
from bot.config import Settings
from bot.content.library import Library
from bot.core import Rebound
from bot.crypto import new_key
from tests.adapters.slack_app.conftest import ANA
from tests.adapters.slack_app.fake_slack import FakeSlack
from tests.adapters.slack_app.workspace import Workspace, action_ids, block_text


@pytest.fixture
async def core(tmp_path: Path, clock: ManualClock, library: Library) -> AsyncIterator[Rebound]:
    """A core that encrypts members' words, as one run with a key does."""
    app = await build(Settings(db_path=tmp_path / "rebound.db", encryption_keys=(new_key(),)),
                      clock, library)
    yield app
    await app.services.db.close()


async def test_a_new_member_sees_a_welcome_and_the_common_commands(workspace: Workspace, fake: FakeSlack):
    sent = await workspace.open_home(ANA)
    assert sent.status == 200
    published = fake.calls_to("views.publish")[-1].args
    assert published["user_id"] == ANA and published["view"]["type"] == "home"
    assert "private to you" in block_text(published["view"]["blocks"])
    assert action_ids(published["view"]["blocks"]) == [
        "rb:run:checkin", "rb:run:log", "rb:run:tip", "rb:run:streak", "rb:run:stats",
        "rb:run:reflect new"]


async def test_home_shows_streaks_goals_this_week_and_the_last_reflection(workspace: Workspace,
                                                                          fake: FakeSlack):
    await workspace.command(ANA, "goal set applied 2 day")
    await workspace.command(ANA, "log applied 2")
    await workspace.command(ANA, "log networked")
    await workspace.command(ANA, 'reflect new next_steps:"ask about &lt;team&gt; &amp; *pay*" company:Acme')
    home = block_text(fake.calls_to("views.publish")[-1].args["view"]["blocks"])
    assert "*2 applications a day*\n1 day now · best 1 day" in home
    assert "• 2 applications\n• 1 networking contact" in home
    assert "✅ 2 applications a day: 2 today" in home
    assert "*Last reflection, 2026-11-23 · Acme*" in home
    assert "ask about &lt;team&gt; &amp; *pay*" in home


async def test_home_is_refreshed_after_every_command(workspace: Workspace, fake: FakeSlack):
    await workspace.command(ANA, "tip")
    await workspace.command(ANA, "stats")
    assert [c.args["user_id"] for c in fake.calls_to("views.publish")] == [ANA, ANA]
