"""Send a reply back to whoever asked: ephemeral or in channel, modals, files and side posts.

Private replies use the interaction's response_url when there is one, then
chat.postEphemeral, then a DM (App Home has no channel). Files cannot be
ephemeral on Slack, so private pictures and exports go to the member's DM.
Failures are logged by error code and never crash a listener.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from dataclasses import dataclass, replace
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.webhook.async_client import AsyncWebhookClient

from adapters.slack_app.blocks import Message, reply_to_messages
from adapters.slack_app.modals import FormMeta, form_to_view
from adapters.slack_app.mrkdwn import Style
from adapters.slack_app.port import SlackPort
from bot.port import DeliveryError
from bot.replies import ChannelPost, Form, Reply, Section, Visibility
from bot.requests import Address

log = logging.getLogger("rebound.slack")

FILE_NOTE = "_I’ve sent the {what} to our direct messages, since files can’t be private here._"
POST_FAILED = ("I couldn’t share that in the channel. If I’m not a member there, anyone in it can "
               "add me with `/invite @Rebound`.")
NO_CHANNEL = "That would be shared in a channel, so run it from a channel to share it."


@dataclass(frozen=True)
class Target:
    """Where an interaction came from, so its answers go back to the same place."""

    address: Address
    trigger_id: str = ""
    response_url: str = ""


class Replier:
    """Deliver core replies for interactions (commands, buttons, modals)."""

    def __init__(self, port: SlackPort, style: Style) -> None:
        self._port = port
        self._style = style

    async def send(self, reply: Reply, target: Target) -> None:
        """Show everything a reply holds: form, messages, files and channel posts."""
        if reply.form:
            await self.open_form(reply.form, target)
        reply = self._with_file_note(reply, target)
        await self._messages(reply, target)
        if reply.image:
            where = await self._file_channel(target, private=reply.visibility is Visibility.PRIVATE)
            if where:
                await attempt("upload image", self._port.upload(where, reply.image))
        if reply.attachment:
            where = await self._file_channel(target, private=True)
            if where:
                await attempt("upload file", self._port.upload(where, reply.attachment))
        for post in reply.posts:
            await self._post(post, target)

    async def open_form(self, form: Form, target: Target) -> None:
        """Open a form as a modal, remembering the channel it belongs to."""
        meta = FormMeta(form.form_id, target.address.channel, target.address.thread)
        await attempt("views.open", self._port.client.views_open(
            trigger_id=target.trigger_id, view=form_to_view(form, meta)))

    async def _messages(self, reply: Reply, target: Target) -> None:
        user = target.address.user
        shared = reply.visibility is Visibility.CHANNEL
        for message in reply_to_messages(reply, self._style, (user,)):
            if target.response_url:
                await self._respond(target.response_url, message, shared)
            elif shared and target.address.channel:
                await attempt("chat.postMessage", self._port.client.chat_postMessage(
                    channel=target.address.channel, text=message.text, blocks=message.blocks,
                    thread_ts=target.address.thread or None))
            else:
                await self._privately(message, target.address)

    async def _respond(self, url: str, message: Message, shared: bool) -> None:
        webhook = AsyncWebhookClient(url, retry_handlers=self._port.client.retry_handlers)
        response = await attempt("response_url", webhook.send(
            text=message.text, blocks=message.blocks, replace_original=False,
            response_type="in_channel" if shared else "ephemeral"))
        if response is not None and response.status_code != 200:
            log.warning("response_url failed status=%d", response.status_code)

    async def _privately(self, message: Message, address: Address) -> None:
        """Post ephemerally in the channel, or in the member's DM when that is not possible."""
        if address.channel:
            sent = await attempt("chat.postEphemeral", self._port.client.chat_postEphemeral(
                channel=address.channel, user=address.user, text=message.text, blocks=message.blocks,
                thread_ts=address.thread or None))
            if sent is not None:
                return
        channel = await attempt("conversations.open", self._port.dm_channel(address.user))
        if channel:
            await attempt("chat.postMessage", self._port.client.chat_postMessage(
                channel=channel, text=message.text, blocks=message.blocks))

    async def _file_channel(self, target: Target, *, private: bool) -> str | None:
        if not private and target.address.channel:
            return target.address.channel
        return await attempt("conversations.open", self._port.dm_channel(target.address.user))

    async def _post(self, post: ChannelPost, target: Target) -> None:
        address = target.address
        channel = post.channel_id or address.channel
        if not channel:
            await self._messages(Reply(text=NO_CHANNEL), target)
            return
        try:
            if post.thread_id:
                await self._port.post_thread(address.workspace, channel, post.thread_id, post.reply,
                                             post.mention_user_ids)
            else:
                await self._port.post_channel(address.workspace, channel, post.reply,
                                              post.mention_user_ids)
        except DeliveryError:
            await self._messages(Reply(text=POST_FAILED), target)

    def _with_file_note(self, reply: Reply, target: Target) -> Reply:
        """Say where a private file went when the reply itself is shown elsewhere."""
        if not target.address.channel:
            return reply
        private_image = reply.image and reply.visibility is Visibility.PRIVATE
        what = "file" if reply.attachment else "picture" if private_image else ""
        if not what or not (reply.text or reply.sections):
            return reply
        return replace(reply, sections=(*reply.sections, Section(text=FILE_NOTE.format(what=what))))


async def attempt(what: str, call: Awaitable[Any]) -> Any | None:
    """Await one Slack call; log a failure by its error code and return None instead of raising."""
    try:
        return await call
    except SlackApiError as exc:
        log.warning("slack call failed call=%s error=%s", what, exc.response.get("error"))
    except (aiohttp.ClientError, TimeoutError, SlackRequestError) as exc:
        log.warning("slack call failed call=%s error=%s", what, type(exc).__name__)
    return None
