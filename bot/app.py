"""The composition root: build the core from settings, once."""

from __future__ import annotations

from bot.clock import Clock, SystemClock
from bot.commands.registry import all_actions, all_commands
from bot.config import Settings
from bot.content.library import DEFAULT_DIR, Library, load_library
from bot.context import Services
from bot.core import Rebound
from bot.crypto import Sealer
from bot.storage.db import Database


async def build(
    settings: Settings, clock: Clock | None = None, library: Library | None = None
) -> Rebound:
    """Open the database, load content (unless given) and wire the core together."""
    library = library or load_library(DEFAULT_DIR, settings.content_dir)
    db = await Database.open(settings.db_path)
    services = Services(db=db, library=library, clock=clock or SystemClock(), settings=settings,
                        commands=all_commands(), actions=all_actions(),
                        sealer=Sealer(settings.encryption_keys))
    return Rebound(services)
