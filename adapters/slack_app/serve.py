"""Connect to Slack by Socket Mode or serve HTTP, until cancelled; then close cleanly."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from aiohttp import web
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.app.async_server import AsyncSlackAppServer

from adapters.slack_app.app import build_app
from adapters.slack_app.services import SlackServices
from adapters.slack_app.settings import SlackSettings
from bot.core import Rebound

log = logging.getLogger("rebound.slack")

# How long shutdown waits for commands already running to finish.
DRAIN_SECONDS = 10.0


@dataclass
class Running:
    """A connected Slack app: its services, its HTTP port (HTTP mode) and how to stop it."""

    services: SlackServices
    port: int | None
    _close: Callable[[], Awaitable[None]]

    async def close(self) -> None:
        """Stop taking requests, let running ones finish and give the port back to the core."""
        core = self.services.core
        if core.ports.get("slack") is self.services.port:
            del core.ports["slack"]
        await self._close()
        if not await self.services.idle(DRAIN_SECONDS):
            log.warning("slack shutdown left listeners running")


async def start(core: Rebound, settings: SlackSettings) -> Running:
    """Connect (Socket Mode) or listen (HTTP mode), then hand the core its Slack port."""
    app, slack = build_app(core, settings)
    if settings.mode == "http":
        server = AsyncSlackAppServer(port=settings.port, path=settings.path, app=app, host=settings.host)
        runner = web.AppRunner(server.web_app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, settings.host, settings.port).start()
        port = runner.addresses[0][1]
        log.info("slack http mode listening port=%d path=%s", port, settings.path)
        running = Running(slack, port, runner.cleanup)
    else:
        handler = AsyncSocketModeHandler(app, settings.app_token, web_client=slack.client)
        await handler.connect_async()
        log.info("slack socket mode connected")
        running = Running(slack, None, handler.close_async)
    core.ports["slack"] = slack.port
    return running


async def serve(core: Rebound, settings: SlackSettings) -> None:
    """Run Slack until the task is cancelled."""
    running = await start(core, settings)
    try:
        await asyncio.Event().wait()
    finally:
        await running.close()
        log.info("slack disconnected")


async def run(core: Rebound, env: Mapping[str, str]) -> None:
    """The `rebound run` hook: read SLACK_* settings and serve."""
    await serve(core, SlackSettings.from_env(env))
