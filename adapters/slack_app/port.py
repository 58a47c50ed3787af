"""Slack's side of the platform port: DMs, channel posts and threads sent unprompted.

Slack errors become :class:`bot.port.DeliveryError`, permanent when the
person or channel is gone or closed to us; the outbox then stops DMing a
member who can no longer be reached.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace

import aiohttp
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack_app.blocks import reply_to_messages
from adapters.slack_app.mrkdwn import Style
from bot.metrics import Metrics
from bot.port import DeliveryError
from bot.replies import Attachment, Image, Reply

log = logging.getLogger("rebound.slack")

# Errors that will not go away by retrying: the person or the channel is gone or closed to us.
PERMANENT = frozenset({
    "user_not_found", "account_inactive", "user_disabled", "cannot_dm_bot", "channel_not_found",
    "not_in_channel", "is_archived", "invalid_users", "user_not_visible", "restricted_action",
})


class SlackPort:
    """Send replies to Slack channels, threads and DMs on the core's behalf."""

    name = "slack"

    def __init__(self, client: AsyncWebClient, style: Style, metrics: Metrics) -> None:
        self.client = client
        self._style = style
        self._metrics = metrics

    async def send_dm(self, workspace: str, user_id: str, reply: Reply) -> str:
        async with self._delivery():
            channel = await self.dm_channel(user_id)
            return await self._post(channel, reply, (user_id,))

    async def post_channel(
        self, workspace: str, channel_id: str, reply: Reply, mention_user_ids: tuple[str, ...] = ()
    ) -> str:
        async with self._delivery():
            return await self._post(channel_id, reply, mention_user_ids)

    async def open_thread(self, workspace: str, channel_id: str, title: str, reply: Reply) -> str:
        parent = replace(reply, text=f"**{title}**" + (f"\n{reply.text}" if reply.text else ""))
        async with self._delivery():
            return await self._post(channel_id, parent)

    async def post_thread(
        self, workspace: str, channel_id: str, thread_id: str, reply: Reply,
        mention_user_ids: tuple[str, ...] = (),
    ) -> str:
        async with self._delivery():
            return await self._post(channel_id, reply, mention_user_ids, thread_id)

    async def dm_channel(self, user_id: str) -> str:
        """Open (or find) the DM channel with a member."""
        response = await self.client.conversations_open(users=user_id)
        return response["channel"]["id"]

    async def upload(self, channel: str, file: Image | Attachment, thread: str = "") -> None:
        """Upload a picture (with its alt text) or a file into a channel or DM."""
        if isinstance(file, Image):
            await self.client.files_upload_v2(channel=channel, content=file.png, filename=file.filename,
                                              title=file.alt[:250], alt_txt=file.alt[:1000],
                                              thread_ts=thread or None)
        else:
            await self.client.files_upload_v2(channel=channel, content=file.data, filename=file.filename,
                                              title=file.filename, thread_ts=thread or None)

    async def _post(self, channel: str, reply: Reply, mentions: tuple[str, ...] = (),
                    thread: str = "") -> str:
        first = ""
        for message in reply_to_messages(reply, self._style, mentions):
            response = await self.client.chat_postMessage(
                channel=channel, text=message.text, blocks=message.blocks, thread_ts=thread or None,
                unfurl_links=False, unfurl_media=False)
            first = first or response["ts"]
        if reply.image:
            await self.upload(channel, reply.image, thread)
        return first

    @asynccontextmanager
    async def _delivery(self) -> AsyncIterator[None]:
        """Turn Slack failures into DeliveryError, counting each for /metrics."""
        try:
            yield
        except SlackApiError as exc:
            error = str(exc.response.get("error") or "unknown_error")
            if error == "ratelimited":
                self._metrics.rate_limited(self.name)
                raise DeliveryError(error, retry_after=_retry_after(exc)) from exc
            self._metrics.platform_error(self.name, error)
            log.warning("slack delivery failed error=%s", error)
            raise DeliveryError(error, permanent=error in PERMANENT) from exc
        except (aiohttp.ClientError, TimeoutError, SlackRequestError) as exc:
            self._metrics.platform_error(self.name, "network")
            log.warning("slack delivery failed error=%s", type(exc).__name__)
            raise DeliveryError(type(exc).__name__) from exc


def _retry_after(exc: SlackApiError) -> float:
    headers = exc.response.headers or {}
    raw = next((v for k, v in headers.items() if k.lower() == "retry-after"), "1")
    value = raw[0] if isinstance(raw, list) else raw
    try:
        return float(value)
    except ValueError:
        return 1.0
