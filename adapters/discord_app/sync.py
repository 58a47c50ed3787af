"""Register slash commands with Discord only when their declarations changed.

Discord limits how often commands may be registered, and a bot restarts
far more often than its commands change. The hash of the last payload sent
is kept in a small JSON file next to the database, per application and
target (global, or the development guild).
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

import discord
from discord import app_commands

log = logging.getLogger("rebound.discord")


def state_path(db_path: Path) -> Path:
    """Where the last synced hash is kept: beside the database it belongs with."""
    return db_path.with_name(f"{db_path.stem}-discord-commands.json")


def commands_payload(tree: app_commands.CommandTree, guild: discord.Object | None) -> list[dict[str, Any]]:
    """The exact JSON Discord receives for the tree (or its copy in one guild)."""
    return [command.to_dict(tree) for command in tree.get_commands(guild=guild)]


def payload_hash(payload: list[dict[str, Any]]) -> str:
    """A stable digest of a command payload."""
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


async def sync_if_changed(tree: app_commands.CommandTree, application_id: int,
                          dev_guild: int | None, path: Path) -> bool:
    """Sync globally (or instantly to the development guild) when the payload changed.

    Return whether a sync happened. A failed sync is logged and the old
    commands stay in place; the next start tries again.
    """
    guild = discord.Object(dev_guild) if dev_guild else None
    if guild is not None:
        tree.copy_global_to(guild=guild)
    key = f"{application_id}:{dev_guild or 'global'}"
    digest = payload_hash(commands_payload(tree, guild))
    stored = _read(path)
    if stored.get(key) == digest:
        log.info("slash commands unchanged; not syncing target=%s", dev_guild or "global")
        return False
    try:
        synced = await tree.sync(guild=guild)
    except discord.HTTPException as exc:
        log.error("slash command sync failed status=%s code=%s", exc.status, exc.code)
        return False
    stored[key] = digest
    path.write_text(json.dumps(stored, indent=2, sort_keys=True), encoding="utf-8")
    log.info("slash commands synced count=%d target=%s", len(synced), dev_guild or "global")
    return True


def _read(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
