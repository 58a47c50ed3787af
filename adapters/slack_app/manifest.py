"""Generate the Slack app manifest from the command declarations (`rebound slack manifest`)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from adapters.slack_app.settings import command_name
from bot.commands.registry import all_commands
from bot.commands.spec import Command
from bot.config import Settings
from bot.text import shorten

# Only what the adapter calls: the slash command, messages, posts in channels it was
# not invited to, opening DMs, reading names and admin flags, and uploading files.
BOT_SCOPES = ("commands", "chat:write", "chat:write.public", "im:write", "users:read", "files:write")
BOT_EVENTS = ("app_home_opened",)
DESCRIPTION = "Peer support for your job search: turn each rejection into a small, kind next step."


def build_manifest(commands: dict[str, Command], *, command: str = "/rebound", name: str = "Rebound",
                   http_url: str = "") -> dict[str, Any]:
    """Describe the app: one slash command, interactivity, App Home, and Socket Mode or HTTP."""
    slash: dict[str, Any] = {
        "command": command,
        "description": f"Peer support for your job search. Try: {command} help",
        "usage_hint": shorten("[" + " | ".join(_groups(commands)) + "] [options]", 1000),
        "should_escape": False,
    }
    settings: dict[str, Any] = {
        "event_subscriptions": {"bot_events": list(BOT_EVENTS)},
        "interactivity": {"is_enabled": True},
        "org_deploy_enabled": False,
        "socket_mode_enabled": not http_url,
        "token_rotation_enabled": False,
    }
    if http_url:
        slash["url"] = http_url
        settings["event_subscriptions"]["request_url"] = http_url
        settings["interactivity"]["request_url"] = http_url
    return {
        "display_information": {"name": name, "description": DESCRIPTION,
                                "background_color": "#2f4858"},
        "features": {
            "app_home": {"home_tab_enabled": True, "messages_tab_enabled": True,
                         "messages_tab_read_only_enabled": True},
            "bot_user": {"display_name": name, "always_online": True},
            "slash_commands": [slash],
        },
        "oauth_config": {"scopes": {"bot": list(BOT_SCOPES)}},
        "settings": settings,
    }


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add `rebound slack manifest`."""
    slack = sub.add_parser("slack", help="Slack helpers").add_subparsers(dest="slack", required=True)
    manifest = slack.add_parser("manifest", help="print a Slack app manifest built from the commands")
    manifest.add_argument("--http-url", default="",
                          help="public URL of HTTP mode, e.g. https://rebound.example.org/slack/events "
                               "(default: Socket Mode, no public URL)")
    manifest.add_argument("--command", default="", help="slash command name (default: SLACK_COMMAND, "
                                                        "from the environment or rebound.toml, or /rebound)")
    manifest.add_argument("--name", default="Rebound", help="the app's display name")
    manifest.set_defaults(func=print_manifest)


def print_manifest(args: argparse.Namespace, settings: Settings) -> int:
    """Print the manifest as JSON, ready to paste into "Create an app from a manifest"."""
    command = command_name(args.command or settings.env.get("SLACK_COMMAND", ""))
    print(json.dumps(build_manifest(all_commands(), command=command, name=args.name,
                                    http_url=args.http_url), indent=2, ensure_ascii=False))
    return 0


def _groups(commands: dict[str, Command]) -> list[str]:
    """The command words members can use, in help order."""
    return list(dict.fromkeys(c.group for c in commands.values() if not c.admin_only))
