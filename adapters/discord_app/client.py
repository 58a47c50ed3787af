"""The discord.py client: least-privilege intents, no default pings, wired to the core."""

from __future__ import annotations

import logging
from pathlib import Path

import discord

from adapters.discord_app import buttons
from adapters.discord_app.commands_tree import build_tree
from adapters.discord_app.config import DiscordSettings
from adapters.discord_app.forms import FormDesk, is_form_modal
from adapters.discord_app.interactions import InteractionRouter
from adapters.discord_app.port import DiscordPort
from adapters.discord_app.sync import sync_if_changed
from bot.core import Rebound

log = logging.getLogger("rebound.discord")

MAX_RATELIMIT_WAIT = 60.0


class ReboundClient(discord.Client):
    """One bot connection; the core, settings and sync state are handed in."""

    def __init__(self, core: Rebound, settings: DiscordSettings, sync_state: Path) -> None:
        # Rebound never joins voice, so missing voice libraries are not worth a warning.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        super().__init__(
            intents=discord.Intents(guilds=True),
            allowed_mentions=discord.AllowedMentions.none(),
            guild_ready_timeout=settings.guild_ready_timeout,
            max_ratelimit_timeout=MAX_RATELIMIT_WAIT,
        )
        self.core = core
        self.settings = settings
        self.sync_state = sync_state
        self.port = DiscordPort(self, core.services.metrics)
        self.router = InteractionRouter(core, self.port, FormDesk())
        self.tree = build_tree(self, core.commands, self.router)

    async def setup_hook(self) -> None:
        """Route buttons by pattern (so old messages keep working), then sync commands."""
        self.add_dynamic_items(*buttons.ALL)
        assert self.application_id is not None, "login sets the application id"
        await sync_if_changed(self.tree, self.application_id, self.settings.dev_guild,
                              self.sync_state)

    async def on_ready(self) -> None:
        """Offer the port to scheduled work once Discord says we are connected."""
        self.core.ports[self.port.name] = self.port
        log.info("discord ready guilds=%d", len(self.guilds))

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """Take modal submissions here rather than from a modal kept in memory.

        A modal's custom_id says what it is for, so a form submitted after a
        restart is still answered.
        """
        if interaction.type is not discord.InteractionType.modal_submit:
            return
        custom_id = (interaction.data or {}).get("custom_id", "")
        if is_form_modal(str(custom_id)):
            await self.router.submit(interaction)
