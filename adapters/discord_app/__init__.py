"""Discord community: slash commands, modals, buttons, threads and DMs through discord.py."""
