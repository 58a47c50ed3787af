"""The Discord adapter's fixtures (fake Discord, the running discord.py client), for weeks of work."""

from tests.adapters.discord_app.conftest import bot, fake  # noqa: F401
