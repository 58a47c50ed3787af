"""Answer every interaction: acknowledge first, ask the core, then deliver its reply.

Discord allows three seconds for a first answer, so nothing here touches
the database before answering. A form that needs no storage opens at once
as a modal; everything else is deferred (ephemerally, unless the command
hints that its reply is for the channel) and answered by follow-up.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from typing import Any

import discord

from adapters.discord_app.buttons import form_button
from adapters.discord_app.forms import FormDesk, modal_values
from adapters.discord_app.port import DiscordPort
from adapters.discord_app.render import Outgoing, reply_to_messages
from bot.commands.spec import Command
from bot.core import Rebound
from bot.port import DeliveryError
from bot.replies import ChannelPost, Reply, Visibility
from bot.requests import Address, Request

log = logging.getLogger("rebound.discord")

EXPIRED = "That form has expired. Please run the command again; nothing was saved."
SERVER_ONLY = "Rebound’s commands work inside a server, where your community is."
NEXT_PART = "Thanks, that part is saved for now. One more to go:"


def interaction_to_address(interaction: discord.Interaction, guild_id: str = "") -> Address:
    """Where an interaction came from; a thread is kept apart from its channel."""
    channel = interaction.channel
    channel_id, thread = str(interaction.channel_id or ""), ""
    if isinstance(channel, discord.Thread):
        channel_id, thread = str(channel.parent_id), str(channel.id)
    return Address("discord", guild_id or str(interaction.guild_id or ""), channel_id,
                   str(interaction.user.id), thread)


def interaction_is_admin(interaction: discord.Interaction) -> bool:
    """Discord's view of admin rights: Manage Server (or Administrator) here."""
    permissions = interaction.permissions
    return permissions.manage_guild or permissions.administrator


def interaction_to_request(interaction: discord.Interaction, command: str,
                           values: dict[str, Any]) -> Request:
    """A core request from a slash command's typed values."""
    return Request(interaction_to_address(interaction), command, values,
                   interaction.user.display_name, interaction_is_admin(interaction))


class InteractionRouter:
    """Route slash commands, buttons and modal submissions to the core."""

    def __init__(self, core: Rebound, port: DiscordPort, forms: FormDesk) -> None:
        self.core = core
        self.port = port
        self.forms = forms

    async def command(self, interaction: discord.Interaction, command: Command,
                      values: dict[str, Any]) -> None:
        """Run a slash command."""
        if interaction.guild_id is None:
            await interaction.response.send_message(SERVER_ONLY, ephemeral=True)
            return
        request = interaction_to_request(interaction, command.name, values)
        form = self.core.form_to_open(request)
        if form is not None:
            await interaction.response.send_modal(self.forms.modal(form, request.address.user))
            return
        await interaction.response.defer(ephemeral=command.ephemeral_hint, thinking=True)
        await self._answer(interaction, command.ephemeral_hint, self.core.handle(request))

    async def press(self, interaction: discord.Interaction, action_id: str, guild_id: str) -> None:
        """Run the core action behind a pressed button."""
        if not guild_id:
            await interaction.response.send_message(SERVER_ONLY, ephemeral=True)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        address = interaction_to_address(interaction, guild_id)
        await self._answer(interaction, True, self.core.handle_action(
            address, action_id, interaction.user.display_name, interaction_is_admin(interaction)))

    async def open_form(self, interaction: discord.Interaction, token: str) -> None:
        """Open the next modal of a form that waited for a button press."""
        modal = self.forms.modal_for(token, str(interaction.user.id))
        if modal is None:
            await interaction.response.send_message(EXPIRED, ephemeral=True)
            return
        await interaction.response.send_modal(modal)

    async def submit(self, interaction: discord.Interaction) -> None:
        """Take a submitted modal: ask for the next part, or run the form's command."""
        data: Any = interaction.data or {}
        values = modal_values(data.get("components", []))
        done = self.forms.submit(data.get("custom_id", ""), str(interaction.user.id), values)
        if done.expired:
            await interaction.response.send_message(EXPIRED, ephemeral=True)
            return
        if done.continue_token:
            next_part = Outgoing(content=NEXT_PART, extra=(form_button(done.next_part,
                                                                       done.continue_token),))
            await interaction.response.send_message(**next_part.kwargs(), ephemeral=True)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        await self._answer(interaction, True, self.core.handle_form(
            interaction_to_address(interaction), done.form_id, done.values,
            interaction.user.display_name, interaction_is_admin(interaction)))

    async def _answer(self, interaction: discord.Interaction, ephemeral: bool,
                      pending: Awaitable[Reply]) -> None:
        try:
            await self.deliver(interaction, await pending, ephemeral)
        except discord.HTTPException:
            log.exception("reply failed interaction=%s", interaction.id)

    async def deliver(self, interaction: discord.Interaction, reply: Reply, ephemeral: bool) -> None:
        """Send a reply after a deferral, then its side posts.

        A reply meant for the channel after an ephemeral deferral is posted in
        the channel and the private placeholder removed; a private reply after
        a public deferral does the opposite.
        """
        extra = ()
        if reply.form is not None:
            token = self.forms.keep(reply.form, str(interaction.user.id))
            extra = (form_button(reply.form.title or "Open the form", token),)
        messages = reply_to_messages(reply, extra)
        private = reply.visibility is Visibility.PRIVATE
        if private == ephemeral:
            await self._follow_up(interaction, messages, ephemeral)
        elif private:
            await interaction.delete_original_response()
            await self._follow_up(interaction, messages, True)
        else:
            await interaction.delete_original_response()
            await self._post(interaction_to_address(interaction), ChannelPost(reply), interaction)
        for post in reply.posts:
            await self._post(interaction_to_address(interaction), post, interaction)

    async def _follow_up(self, interaction: discord.Interaction, messages: list[Outgoing],
                         ephemeral: bool) -> None:
        for message in messages:
            await interaction.followup.send(**message.kwargs(), ephemeral=ephemeral, wait=True)

    async def _post(self, here: Address, post: ChannelPost, interaction: discord.Interaction) -> None:
        """Post in the named channel, or where the command was used; say so privately if it fails."""
        channel = post.channel_id or here.channel
        thread = post.thread_id or ("" if post.channel_id else here.thread)
        try:
            if thread:
                await self.port.post_thread(here.workspace, channel, thread, post.reply,
                                            post.mention_user_ids)
            else:
                await self.port.post_channel(here.workspace, channel, post.reply,
                                             post.mention_user_ids)
        except DeliveryError as exc:
            log.warning("channel post failed reason=%s", exc.reason)
            target = thread or channel
            where = f"<#{target}>" if target.isdigit() else target
            await interaction.followup.send(
                f"I couldn’t post in {where}: I may not have access there. "
                "An admin can check my permissions for that channel.", ephemeral=True)
