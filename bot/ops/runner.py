"""Run every configured platform in one process, and stop it without losing anything.

Start: refuse without an encryption key, hold the database's lock (one
process, one scheduler), back off after a crash loop, open the core, apply
retention, serve health and metrics, start companions (the scheduler) and
then the platforms. Stop (SIGTERM/SIGINT, or a platform failing): close the
gate so no new command starts, let running commands finish, stop the
companions while platforms are still connected (so a send in flight
completes or stays in the outbox), then disconnect, and close the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable, Iterator, Sequence
from typing import Protocol

from bot.app import build
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.core import Rebound
from bot.ops.health import HealthServer
from bot.ops.lock import exclusive
from bot.ops.rekey import newest_unreadable
from bot.ops.retention import retention_job
from bot.ops.starts import Starts
from bot.platforms import PlatformPlugin

log = logging.getLogger("rebound.run")

DRAIN_SECONDS = 10.0
NO_KEY = (
    "Rebound keeps members' notes encrypted at rest, and REBOUND_ENCRYPTION_KEY is not set.\n"
    "Create a key with `rebound db new-key`, set it as REBOUND_ENCRYPTION_KEY (or encryption_key "
    "in rebound.toml), keep a copy somewhere safe (without it the notes can't be read) and start "
    "again. `rebound console` runs without a key.")
WRONG_KEY = (
    "REBOUND_ENCRYPTION_KEY doesn't open text already stored in {where}. If the key changed, put "
    "the new key first and the old one after it, separated by a comma, then run "
    "`rebound db rotate-key`.")


class Stoppable(Protocol):
    async def stop(self) -> None: ...


Companion = Callable[[Rebound], Awaitable[Stoppable]]
Sleep = Callable[[float], Awaitable[None]]


class CannotStart(Exception):
    """`rebound run` refused to start; the message tells the operator what to do."""


async def serve(settings: Settings, plugins: Sequence[PlatformPlugin], *,
                companions: Sequence[Companion] = (), clock: Clock | None = None,
                stop: asyncio.Event | None = None) -> None:
    """Run until a signal (or ``stop``) arrives; raise if a platform fails."""
    if not settings.encryption_keys:
        raise CannotStart(NO_KEY)
    clock = clock or SystemClock()
    stop = stop or asyncio.Event()
    with exclusive(settings.db_path), _signals(stop):
        starts = Starts(settings.db_path, clock)
        delay = starts.begin()
        if delay and await _stopped_within(stop, delay):
            return
        core = await build(settings, clock)
        try:
            await _serve(core, settings, plugins, companions, stop)
        except CannotStart:
            starts.finish()  # refused before connecting: no identify spent, no backoff due
            raise
        finally:
            await core.services.db.close()
        starts.finish()


async def _serve(core: Rebound, settings: Settings, plugins: Sequence[PlatformPlugin],
                 companions: Sequence[Companion], stop: asyncio.Event) -> None:
    where = await newest_unreadable(core.services.db, core.services.sealer)
    if where:
        raise CannotStart(WRONG_KEY.format(where=where))
    await retention_job(core.services)
    names = [p.name for p in plugins]
    health = None
    if settings.metrics_port is not None:
        health = HealthServer(core, settings.metrics_host, settings.metrics_port, names)
        await health.start()
    started: list[Stoppable] = []
    tasks: list[asyncio.Task[None]] = []
    try:
        for companion in companions:
            started.append(await companion(core))
        tasks = [asyncio.create_task(_run(p, core, settings), name=p.name) for p in plugins]
        log.info("running platforms=%s", ",".join(names))
        waiter = asyncio.create_task(stop.wait())
        await asyncio.wait([*tasks, waiter], return_when=asyncio.FIRST_COMPLETED)
        waiter.cancel()
    finally:
        await _shut_down(core, started, tasks, health)
    _raise_failure(tasks, stop)


async def _run(plugin: PlatformPlugin, core: Rebound, settings: Settings) -> None:
    assert plugin.run is not None
    await plugin.run(core, settings.env)


async def _shut_down(core: Rebound, started: list[Stoppable], tasks: list[asyncio.Task[None]],
                     health: HealthServer | None) -> None:
    """Stop in the order that loses nothing: commands, companions, platforms, health."""
    core.gate.close()
    log.info("stopping commands_running=%d", core.gate.running)
    if not await core.gate.drained(DRAIN_SECONDS):
        log.warning("stopping with commands still running count=%d", core.gate.running)
    for companion in reversed(started):
        await companion.stop()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    if health is not None:
        await health.stop()
    log.info("stopped cleanly")


def _raise_failure(tasks: list[asyncio.Task[None]], stop: asyncio.Event) -> None:
    """Re-raise a platform's failure, or report a platform that stopped on its own."""
    for task in tasks:
        if task.cancelled() or not task.done():
            continue
        if task.exception() is not None:
            raise task.exception()  # type: ignore[misc]
        if not stop.is_set():
            raise RuntimeError(f"platform {task.get_name()} stopped on its own")


async def _stopped_within(stop: asyncio.Event, seconds: float) -> bool:
    """Wait out a backoff, returning early (True) if asked to stop meanwhile."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)
    return stop.is_set()


@contextlib.contextmanager
def _signals(stop: asyncio.Event) -> Iterator[None]:
    """Turn the first SIGTERM/SIGINT into a graceful stop; a second one ends the process."""
    loop = asyncio.get_running_loop()
    caught = (signal.SIGTERM, signal.SIGINT)

    def graceful(sig: signal.Signals) -> None:
        log.info("signal received, stopping gracefully signal=%s", sig.name)
        stop.set()
        for each in caught:
            loop.remove_signal_handler(each)

    for sig in caught:
        with contextlib.suppress(NotImplementedError):  # Windows: Ctrl-C still interrupts
            loop.add_signal_handler(sig, graceful, sig)
    try:
        yield
    finally:
        for sig in caught:
            loop.remove_signal_handler(sig)
