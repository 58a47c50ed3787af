"""Register Slack with `rebound`: the `slack manifest` command and how `rebound run` starts it."""

from __future__ import annotations

from adapters.slack_app.manifest import add_commands
from adapters.slack_app.serve import run
from adapters.slack_app.settings import configured
from bot.platforms import PlatformPlugin

PLATFORM = PlatformPlugin(name="slack", add_commands=add_commands, configured=configured, run=run)
