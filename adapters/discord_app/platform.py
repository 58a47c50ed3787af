"""Plug Discord into `rebound run` and add `rebound discord invite-url`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping

import aiohttp
import discord
from discord.http import Route

from adapters.discord_app.client import ReboundClient
from adapters.discord_app.config import DiscordSettings, configured, endpoints
from adapters.discord_app.invite import application_id, invite_url
from adapters.discord_app.sync import state_path
from bot.config import Settings
from bot.core import Rebound
from bot.platforms import PlatformError, PlatformPlugin


async def run(core: Rebound, env: Mapping[str, str]) -> None:
    """Connect, serve until cancelled, then disconnect; a refused token ends with one line."""
    settings = DiscordSettings.from_env(env)
    with endpoints(settings):
        client = ReboundClient(core, settings, state_path(core.services.settings.db_path))
        try:
            async with client:
                await client.start(settings.token)
        except discord.LoginFailure:
            raise PlatformError("Discord did not accept DISCORD_TOKEN. Copy the bot token again "
                                "from the Developer Portal (Bot → Reset Token).") from None
        except aiohttp.ClientConnectionError as exc:
            raise PlatformError(f"Could not reach Discord at {Route.BASE}: {exc}") from None
        finally:
            core.ports.pop("discord", None)


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add `rebound discord invite-url`."""
    discord_cmd = sub.add_parser("discord", help="Discord helpers").add_subparsers(
        dest="discord", required=True)
    invite = discord_cmd.add_parser("invite-url", help="print the link that adds Rebound to a server")
    invite.set_defaults(func=print_invite_url)


def print_invite_url(args: argparse.Namespace, settings: Settings) -> int:
    """Print the install URL, or say what is missing to build it."""
    app_id = application_id(settings.env or os.environ)
    if app_id is None:
        print("Set DISCORD_APPLICATION_ID (Developer Portal → General Information → Application ID) "
              "or DISCORD_TOKEN to build the invite link.", file=sys.stderr)
        return 1
    print(invite_url(app_id))
    return 0


PLATFORM = PlatformPlugin(name="discord", add_commands=add_commands, configured=configured, run=run)
