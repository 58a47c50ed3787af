"""Persistent buttons: every custom_id routes by pattern, so presses work after a restart.

Three kinds of ids reach us:

- ``rb:...``: a core action id (see :mod:`bot.actions`), pressed in a server.
- ``rbg:<guild>:rb:...``: the same in a DM, where Discord gives no server;
  the guild is carried in the id so the core finds the right community.
- ``rbform:<token>``: "open the form" for a form that could not open at once.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Protocol

import discord

from bot.actions import PREFIX
from bot.replies import Button, ButtonStyle

if TYPE_CHECKING:
    from discord import Interaction

MAX_CUSTOM_ID = 100
_STYLES = {
    ButtonStyle.PRIMARY: discord.ButtonStyle.primary,
    ButtonStyle.SECONDARY: discord.ButtonStyle.secondary,
    ButtonStyle.DANGER: discord.ButtonStyle.danger,
}


class Router(Protocol):
    """What a pressed button needs from the running bot."""

    async def press(self, interaction: Interaction, action_id: str, guild_id: str) -> None: ...

    async def open_form(self, interaction: Interaction, token: str) -> None: ...


def router(interaction: Interaction) -> Router:
    """Find the router of the client that received the interaction."""
    return interaction.client.router  # type: ignore[attr-defined]


class ActionButton(discord.ui.DynamicItem[discord.ui.Button], template=rf"{PREFIX}:.+"):
    """A core action button pressed in a server channel."""

    @classmethod
    async def from_custom_id(cls, interaction: Interaction, item: Any, match: re.Match[str]
                             ) -> ActionButton:
        return cls(item)

    async def callback(self, interaction: Interaction) -> None:
        await router(interaction).press(interaction, self.custom_id, str(interaction.guild_id or ""))


class GuildActionButton(discord.ui.DynamicItem[discord.ui.Button],
                        template=rf"rbg:(?P<guild>\d+):(?P<action>{PREFIX}:.+)"):
    """A core action button in a DM, carrying the server it belongs to."""

    def __init__(self, item: discord.ui.Button, guild: str, action: str) -> None:
        super().__init__(item)
        self.guild, self.action = guild, action

    @classmethod
    async def from_custom_id(cls, interaction: Interaction, item: Any, match: re.Match[str]
                             ) -> GuildActionButton:
        return cls(item, match["guild"], match["action"])

    async def callback(self, interaction: Interaction) -> None:
        await router(interaction).press(interaction, self.action, self.guild)


class FormButton(discord.ui.DynamicItem[discord.ui.Button], template=r"rbform:(?P<token>[0-9a-f]+)"):
    """Opens a form that had to wait for a button press (a modal must be a first answer)."""

    def __init__(self, item: discord.ui.Button, token: str) -> None:
        super().__init__(item)
        self.token = token

    @classmethod
    async def from_custom_id(cls, interaction: Interaction, item: Any, match: re.Match[str]
                             ) -> FormButton:
        return cls(item, match["token"])

    async def callback(self, interaction: Interaction) -> None:
        await router(interaction).open_form(interaction, self.token)


ALL = (ActionButton, GuildActionButton, FormButton)


def button_to_item(button: Button, dm_guild: str = "") -> discord.ui.Item:
    """Render a core button; in a DM, carry the guild in the id when it fits."""
    item = discord.ui.Button(label=button.label[:80], style=_STYLES[button.style],
                             custom_id=button.action_id)
    wrapped = f"rbg:{dm_guild}:{button.action_id}"
    if dm_guild and len(wrapped) <= MAX_CUSTOM_ID:
        item.custom_id = wrapped
        return GuildActionButton(item, dm_guild, button.action_id)
    return ActionButton(item)


def form_button(label: str, token: str) -> discord.ui.Item:
    """A button that opens a waiting form."""
    item = discord.ui.Button(label=label[:80], style=discord.ButtonStyle.primary,
                             custom_id=f"rbform:{token}")
    return FormButton(item, token)


def buttons_to_view(buttons: tuple[Button, ...], dm_guild: str = "",
                    extra: tuple[discord.ui.Item, ...] = ()) -> discord.ui.View | None:
    """Put buttons in a view that never times out.

    Every item is a dynamic item, so discord.py routes presses by custom_id
    and keeps no per-message state that a restart would lose.
    """
    items = [button_to_item(b, dm_guild) for b in buttons] + list(extra)
    if not items:
        return None
    view = discord.ui.View(timeout=None)
    for item in items[:25]:
        view.add_item(item)
    return view
