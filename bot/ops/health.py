"""Serve ``/healthz`` and Prometheus ``/metrics`` for container checks and monitoring.

Off unless REBOUND_METRICS_PORT is set. ``/healthz`` answers 200 while the
database answers and the process is not stopping (its body says which
platforms are connected yet); ``/metrics`` refreshes the outbox depth and
connection gauges from the database and the core, then renders the registry.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from aiohttp import web

from bot.core import Rebound

log = logging.getLogger(__name__)

CORE = web.AppKey("core", Rebound)
EXPECTED = web.AppKey("expected", tuple[str, ...])
DB_TIMEOUT = 2.0
WAITING = "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')"


class HealthServer:
    """A small aiohttp server beside the bot, on the operator's chosen address."""

    def __init__(self, core: Rebound, host: str, port: int, expected: Sequence[str]) -> None:
        self._app = web.Application()
        self._app[CORE] = core
        self._app[EXPECTED] = tuple(expected)
        self._app.router.add_get("/healthz", healthz)
        self._app.router.add_get("/metrics", metrics)
        self._runner = web.AppRunner(self._app, access_log=None)
        self._host, self._port = host, port

    async def start(self) -> None:
        """Start listening; a port already in use fails here, at start, with its number."""
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port)
        try:
            await site.start()
        except OSError as exc:
            await self._runner.cleanup()
            raise OSError(f"REBOUND_METRICS_PORT: can't listen on {self._host}:{self._port} "
                          f"({exc.strerror}).") from exc
        log.info("health and metrics listening host=%s port=%d", self._host, self._port)

    async def stop(self) -> None:
        await self._runner.cleanup()


async def healthz(request: web.Request) -> web.Response:
    """200 while the database answers and no shutdown has begun; 503 otherwise."""
    core = request.app[CORE]
    platforms = {name: name in core.ports for name in request.app[EXPECTED]}
    if core.gate.closed:
        return web.json_response({"status": "stopping", "platforms": platforms}, status=503)
    try:
        await asyncio.wait_for(core.services.db.fetchval("SELECT 1"), DB_TIMEOUT)
    except Exception as exc:
        log.warning("health check: database unavailable error=%s", type(exc).__name__)
        return web.json_response({"status": "database unavailable", "platforms": platforms},
                                 status=503)
    status = "ok" if all(platforms.values()) else "connecting"
    return web.json_response({"status": status, "platforms": platforms})


async def metrics(request: web.Request) -> web.Response:
    """Prometheus text exposition, with the gauges brought up to date first."""
    core = request.app[CORE]
    registry = core.services.metrics
    try:
        registry.outbox_depth(await asyncio.wait_for(core.services.db.fetchval(WAITING), DB_TIMEOUT))
    except Exception as exc:
        log.warning("metrics: outbox depth unavailable error=%s", type(exc).__name__)
    registry.connected({name: name in core.ports for name in request.app[EXPECTED]})
    return web.Response(body=registry.exposition(), headers={"Content-Type": registry.content_type})
