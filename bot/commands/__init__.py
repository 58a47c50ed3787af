"""Commands: one module per command group, collected by :mod:`bot.commands.registry`."""
