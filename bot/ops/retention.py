"""Forget members' free-text notes after ``retention_days``, keeping counts and streaks.

Only the words go: the rows stay, so totals, stats and streaks (which are
built from counts, days and stages) are unchanged. The scheduler runs
:func:`retention_job` daily and ``rebound run`` runs it once at start.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime, timedelta

from bot.context import Services
from bot.crypto import SEALED_COLUMNS
from bot.storage.db import Database

log = logging.getLogger(__name__)

# Columns that must hold something keep an empty string instead of NULL.
NOT_NULL = {("wins", "text")}


async def forget_old_notes(db: Database, now: datetime, days: int) -> int:
    """Clear free text written more than ``days`` days before ``now``; return rows changed."""
    cutoff = (now - timedelta(days=days)).isoformat()

    def clear(conn: sqlite3.Connection) -> int:
        changed = 0
        for table, columns in SEALED_COLUMNS.items():
            blank = {c: "''" if (table, c) in NOT_NULL else "NULL" for c in columns}
            sets = ", ".join(f"{c} = {blank[c]}" for c in columns)
            kept = " OR ".join(f"({c} IS NOT NULL AND {c} != '')" for c in columns)
            changed += conn.execute(
                f"UPDATE {table} SET {sets} WHERE created_at < ? AND ({kept})", (cutoff,)).rowcount
        return changed

    changed = await db.write(clear)
    if changed:
        # Cleared text must leave the write-ahead log as well as the table.
        await db.checkpoint()
    log.info("retention applied days=%d rows_cleared=%d", days, changed)
    return changed


async def retention_job(services: Services) -> int:
    """Apply the configured retention now (nothing happens when it is not set)."""
    days = services.settings.retention_days
    if days is None:
        return 0
    return await forget_old_notes(services.db, services.clock.now(), days)
