"""Discord's side of the platform port: DMs, channel posts and threads, sent unprompted.

Failures become :class:`bot.port.DeliveryError`: permanent when retrying
cannot help (DMs closed, channel gone, no access), with a delay otherwise.
The outbox records a member whose DMs fail for good, so no more are sent.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiohttp
import discord

from adapters.discord_app.render import reply_to_messages
from bot.metrics import Metrics
from bot.port import DeliveryError
from bot.replies import Reply

log = logging.getLogger("rebound.discord")

DMS_CLOSED = 50007
THREAD_ARCHIVE_MINUTES = 10080
THREAD_NAME_LIMIT = 100
RETRY_SERVER = 30.0
RETRY_RATE_LIMIT = 60.0


def mentions_for(user_ids: tuple[str, ...]) -> discord.AllowedMentions:
    """Allow pings of exactly these members: never everyone, here or roles."""
    if not user_ids:
        return discord.AllowedMentions.none()
    return discord.AllowedMentions(everyone=False, roles=False, replied_user=False,
                                   users=[discord.Object(int(u)) for u in user_ids])


class DiscordPort:
    """Reach members and channels without an interaction to answer."""

    name = "discord"

    def __init__(self, client: discord.Client, metrics: Metrics) -> None:
        self._client = client
        self._metrics = metrics

    async def send_dm(self, workspace: str, user_id: str, reply: Reply) -> str:
        async with self._delivery():
            channel = await self._client.create_dm(discord.Object(int(user_id)))
            return await self._send(channel, reply, (), dm_guild=workspace)

    async def post_channel(
        self, workspace: str, channel_id: str, reply: Reply, mention_user_ids: tuple[str, ...] = ()
    ) -> str:
        async with self._delivery():
            return await self._send(self._channel(workspace, channel_id), reply, mention_user_ids)

    async def open_thread(self, workspace: str, channel_id: str, title: str, reply: Reply) -> str:
        """Post the opening message in the channel and start a public thread from it.

        The channel shows the opening message with its thread underneath, so
        the whole community sees the thread begin.
        """
        async with self._delivery():
            first, *rest = reply_to_messages(reply)
            channel = self._channel(workspace, channel_id)
            starter = await channel.send(**first.kwargs(), allowed_mentions=mentions_for(()))
            thread = await starter.create_thread(name=title[:THREAD_NAME_LIMIT],
                                                 auto_archive_duration=THREAD_ARCHIVE_MINUTES)
            for message in rest:
                await thread.send(**message.kwargs(), allowed_mentions=mentions_for(()))
            return str(thread.id)

    async def post_thread(
        self, workspace: str, channel_id: str, thread_id: str, reply: Reply,
        mention_user_ids: tuple[str, ...] = (),
    ) -> str:
        async with self._delivery():
            return await self._send(self._channel(workspace, thread_id), reply, mention_user_ids)

    def _channel(self, workspace: str, channel: str) -> discord.abc.Messageable:
        """A channel by id, or by name (``#wins``) among the server's text channels."""
        if channel.isdigit():
            return self._client.get_partial_messageable(int(channel), guild_id=int(workspace))
        guild = self._client.get_guild(int(workspace))
        named = guild and discord.utils.get(guild.text_channels, name=channel.lstrip("#"))
        if not named:
            raise DeliveryError(f"no text channel named {channel[:80]!r}", permanent=True)
        return named

    async def _send(self, channel: discord.abc.Messageable, reply: Reply,
                    mention_user_ids: tuple[str, ...], dm_guild: str = "") -> str:
        """Send every message of a reply; return the first one's id."""
        allowed = mentions_for(mention_user_ids)
        ids = [(await channel.send(**m.kwargs(dm_guild), allowed_mentions=allowed)).id
               for m in reply_to_messages(reply)]
        return str(ids[0])

    @asynccontextmanager
    async def _delivery(self) -> AsyncIterator[None]:
        """Translate Discord's failures into the port's DeliveryError, counting each for /metrics."""
        try:
            yield
        except discord.RateLimited as exc:
            self._metrics.rate_limited(self.name)
            raise DeliveryError("rate limited", retry_after=exc.retry_after) from exc
        except discord.HTTPException as exc:
            if exc.status == 429:
                self._metrics.rate_limited(self.name)
            else:
                self._metrics.platform_error(self.name, str(exc.status))
            raise _delivery_error(exc) from exc
        except (aiohttp.ClientError, OSError) as exc:
            self._metrics.platform_error(self.name, "network")
            raise DeliveryError(f"network: {type(exc).__name__}", retry_after=RETRY_SERVER) from exc


def _delivery_error(exc: discord.HTTPException) -> DeliveryError:
    """Say whether retrying a failed Discord call can help."""
    if isinstance(exc, discord.Forbidden):
        if exc.code == DMS_CLOSED:
            return DeliveryError("member does not accept DMs", permanent=True)
        return DeliveryError(f"no access (code {exc.code})", permanent=True)
    if isinstance(exc, discord.NotFound):
        return DeliveryError(f"channel or member not found (code {exc.code})", permanent=True)
    if isinstance(exc, discord.DiscordServerError):
        return DeliveryError(f"Discord error {exc.status}", retry_after=RETRY_SERVER)
    if exc.status == 429:
        return DeliveryError("rate limited", retry_after=RETRY_RATE_LIMIT)
    return DeliveryError(f"rejected (status {exc.status}, code {exc.code})", permanent=True)
