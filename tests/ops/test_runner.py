"""`rebound run` starts platforms in one process and stops without losing anything."""

import asyncio
import os
import signal
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path

import pytest

from bot.app import build
from bot.clock import ManualClock
from bot.commands.spec import Command
from bot.config import Settings
from bot.crypto import new_key
from bot.ops.lock import AlreadyRunning
from bot.ops.runner import CannotStart, serve
from bot.ops.starts import Starts
from bot.platforms import PlatformPlugin
from bot.replies import Reply
from tests.conftest import START, Member

KEY = new_key()


@dataclass
class FakePlatform:
    """A platform at its edge: connects, serves until cancelled, disconnects; or crashes."""

    name: str = "fake"
    crash: bool = False
    events: list[str] = field(default_factory=list)
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    core: object = None

    async def run(self, core, env) -> None:
        self.core = core
        core.ports[self.name] = self
        self.events.append("connected")
        self.ready.set()
        try:
            if self.crash:
                raise RuntimeError("gateway refused the connection")
            await asyncio.Event().wait()
        finally:
            core.ports.pop(self.name, None)
            self.events.append("disconnected")

    def plugin(self) -> PlatformPlugin:
        return PlatformPlugin(self.name, lambda sub: None, lambda env: True, self.run)


@dataclass
class Companion:
    """Stands where the scheduler stands: started with the core, stopped before platforms go."""

    platform: FakePlatform
    core: object

    async def stop(self) -> None:
        connected = self.platform.name in self.core.ports
        self.platform.events.append(f"companion stopped connected={connected}")


def settings_for(tmp_path: Path, **changes) -> Settings:
    return replace(Settings(db_path=tmp_path / "rebound.db", encryption_keys=(KEY,)), **changes)


async def start(settings, platform, clock, stop=None) -> asyncio.Task:
    async def companion(core):
        return Companion(platform, core)

    task = asyncio.create_task(serve(settings, [platform.plugin()], companions=(companion,),
                                     clock=clock, stop=stop))
    await asyncio.wait_for(platform.ready.wait(), 5)
    return task


async def test_without_a_key_run_refuses_and_says_how_to_make_one(tmp_path: Path, clock):
    with pytest.raises(CannotStart, match="rebound db new-key"):
        await serve(Settings(db_path=tmp_path / "rebound.db"), [FakePlatform().plugin()], clock=clock)
    assert not (tmp_path / "rebound.db").exists()


async def test_a_stop_lets_running_commands_finish_and_turns_new_ones_away(tmp_path: Path, clock):
    platform, stop, release = FakePlatform(), asyncio.Event(), asyncio.Event()
    task = await start(settings_for(tmp_path), platform, clock, stop)

    async def slow(ctx, opts):
        await release.wait()
        return Reply(text="saved")

    platform.core.services.commands["slow"] = Command("slow", "Waits", slow)
    ana = Member(platform.core)
    running = asyncio.create_task(ana.say("/slow"))
    while platform.core.gate.running == 0:
        await asyncio.sleep(0)
    stop.set()
    while not platform.core.gate.closed:
        await asyncio.sleep(0)
    assert "restarting" in (await ana.say("/log applied")).text
    release.set()
    await asyncio.wait_for(task, 5)
    assert (await running).text == "saved"
    assert platform.events == ["connected", "companion stopped connected=True", "disconnected"]
    assert Starts(tmp_path / "rebound.db", clock).last().clean


async def test_old_notes_are_forgotten_at_start(tmp_path: Path, clock, library):
    settings = settings_for(tmp_path, retention_days=30)
    before = await build(settings, clock, library)
    await Member(before).say("/checkin 3 note:a-note-from-long-ago")
    await before.services.db.close()
    later = ManualClock(START + timedelta(days=45))
    platform, stop = FakePlatform(), asyncio.Event()
    task = await start(settings, platform, later, stop)
    note = await platform.core.services.db.fetchval("SELECT note FROM checkins")
    stop.set()
    await task
    assert note is None


async def test_a_crashing_platform_stops_everything_and_the_next_start_backs_off(tmp_path: Path,
                                                                                  clock):
    crashing = FakePlatform(crash=True)
    with pytest.raises(RuntimeError, match="gateway refused"):
        await (await start(settings_for(tmp_path), crashing, clock))
    assert crashing.events == ["connected", "disconnected", "companion stopped connected=False"]
    assert not Starts(tmp_path / "rebound.db", clock).last().clean
    clock.advance(seconds=5)
    stop, again = asyncio.Event(), FakePlatform()
    stop.set()  # a stop arriving during the backoff ends the wait without connecting
    await serve(settings_for(tmp_path), [again.plugin()], clock=clock, stop=stop)
    assert again.events == []
    assert Starts(tmp_path / "rebound.db", clock).last().failures == 1


async def test_a_key_that_opens_nothing_stored_is_refused(tmp_path: Path, clock, library):
    first = await build(settings_for(tmp_path, encryption_keys=(new_key(),)), clock, library)
    await Member(first).say("/checkin 3 note:written-with-another-key")
    await first.services.db.close()
    with pytest.raises(CannotStart, match="doesn't open text already stored in checkins.note"):
        await serve(settings_for(tmp_path), [FakePlatform().plugin()], clock=clock)
    assert Starts(tmp_path / "rebound.db", clock).last().clean  # no backoff for a refusal


async def test_one_run_per_database(tmp_path: Path, clock):
    platform, stop = FakePlatform(), asyncio.Event()
    task = await start(settings_for(tmp_path), platform, clock, stop)
    with pytest.raises(AlreadyRunning):
        await serve(settings_for(tmp_path), [FakePlatform().plugin()], clock=clock)
    stop.set()
    await task


async def test_sigterm_stops_gracefully(tmp_path: Path, clock):
    platform = FakePlatform()
    task = await start(settings_for(tmp_path), platform, clock)
    os.kill(os.getpid(), signal.SIGTERM)
    await asyncio.wait_for(task, 5)
    assert platform.events[-1] == "disconnected"
    assert Starts(tmp_path / "rebound.db", clock).last().clean


async def test_a_companion_that_fails_to_start_stops_the_ones_already_started(tmp_path: Path, clock):
    platform = FakePlatform()

    async def first(core):
        return Companion(platform, core)

    async def broken(core):
        raise RuntimeError("scheduler could not start")

    with pytest.raises(RuntimeError, match="scheduler could not start"):
        await serve(settings_for(tmp_path), [platform.plugin()], companions=(first, broken),
                    clock=clock)
    assert platform.events == ["companion stopped connected=False"]
