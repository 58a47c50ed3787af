"""What every Slack listener shares, built once per running app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack_app.deliver import Replier, Target, attempt
from adapters.slack_app.home import home_view
from adapters.slack_app.mrkdwn import Style
from adapters.slack_app.people import People, Person
from adapters.slack_app.port import SlackPort
from adapters.slack_app.settings import SlackSettings
from bot.core import Rebound
from bot.home import overview
from bot.ops.gate import Gate
from bot.requests import Address


@dataclass
class SlackServices:
    """The core plus the Slack pieces around it."""

    core: Rebound
    settings: SlackSettings
    client: AsyncWebClient
    style: Style
    people: People
    port: SlackPort
    replier: Replier
    # Listeners in flight, counted with the same kind of Gate the core uses for its commands.
    listeners: Gate = field(default_factory=Gate)

    @classmethod
    def build(cls, core: Rebound, settings: SlackSettings, client: AsyncWebClient) -> SlackServices:
        """Wire the Slack pieces to a core and a Web API client."""
        clock = core.services.clock
        style = Style.for_commands(settings.command, core.commands)
        port = SlackPort(client, style, core.services.metrics)
        people = People(client, clock, settings.admin_ids)
        return cls(core, settings, client, style, people, port, Replier(port, style))

    @asynccontextmanager
    async def working(self) -> AsyncIterator[None]:
        """Count a listener as busy, so shutdown can let it finish before the database closes.

        Listeners enter this before they ack, so once Slack has its ack the
        work is already counted.
        """
        with self.listeners.held():
            yield

    async def idle(self, timeout: float) -> bool:
        """Wait until no listener is busy; False if that took longer than the timeout."""
        return await self.listeners.drained(timeout)

    async def asker(self, target: Target) -> Person:
        """Who is behind an interaction."""
        return await self.people.lookup(target.address.workspace, target.address.user)

    async def refresh_home(self, workspace: str, user_id: str) -> None:
        """Publish a member's App Home tab with their latest numbers."""
        reply = await overview(self.core.services, Address("slack", workspace, "", user_id))
        view = home_view(reply, self.style, user_id)
        await attempt("views.publish", self.client.views_publish(user_id=user_id, view=view))
