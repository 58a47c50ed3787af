"""Find or create communities and members, and read their settings."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime

from bot.clock import local_day, parse_utc
from bot.requests import Address
from bot.storage.db import Database


@dataclass(frozen=True)
class Community:
    """A Discord guild or Slack workspace using Rebound."""

    id: int
    platform: str
    workspace_id: str
    timezone: str


@dataclass(frozen=True)
class Member:
    """A person in one community, with their personal settings."""

    id: int
    community_id: int
    user_id: str
    display_name: str
    timezone: str
    own_timezone: str | None
    day_start: int
    reminder_time: str | None
    quiet_hours: str | None
    nudges: bool
    pause_until: date | None
    compassion_until: datetime | None
    crisis_until: datetime | None
    # Set once a DM to the member failed for good (DMs closed, left the server).
    dm_blocked: bool = False

    def today(self, now: datetime) -> date:
        """The member's own calendar day at a UTC moment."""
        return local_day(now, self.timezone, self.day_start)

    def paused_on(self, day: date) -> bool:
        """Whether a pause covers the day."""
        return self.pause_until is not None and day <= self.pause_until

    def in_crisis(self, now: datetime) -> bool:
        """Whether the member asked for care recently (productivity pushes stop)."""
        return self.crisis_until is not None and now < self.crisis_until


async def ensure(db: Database, address: Address, name: str, now: datetime,
                 timezone: str = "UTC") -> tuple[Community, Member]:
    """Return the community and member for an address, creating them on first use.

    A new community starts in ``timezone`` (the operator's REBOUND_TIMEZONE).
    """
    row = await _member_row(db, address)
    if row is None or (name and row["display_name"] != name):
        def create(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO communities (platform, workspace_id, timezone, created_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (platform, workspace_id) DO NOTHING",
                (address.platform, address.workspace, timezone, now.isoformat()),
            )
            conn.execute(
                "INSERT INTO members (community_id, platform_user_id, display_name, created_at) "
                "SELECT id, ?, ?, ? FROM communities WHERE platform = ? AND workspace_id = ? "
                "ON CONFLICT (community_id, platform_user_id) "
                "DO UPDATE SET display_name = excluded.display_name",
                (address.user, name, now.isoformat(), address.platform, address.workspace),
            )

        await db.write(create)
        row = await _member_row(db, address)
    assert row is not None
    return _community(row), _member(row)


async def community_for(db: Database, platform: str, workspace: str, now: datetime) -> Community:
    """Return a community, creating it on first use (for admin setup and schedules)."""
    await db.execute(
        "INSERT INTO communities (platform, workspace_id, created_at) VALUES (?, ?, ?) "
        "ON CONFLICT (platform, workspace_id) DO NOTHING",
        (platform, workspace, now.isoformat()),
    )
    row = await db.fetchone(
        "SELECT id, platform, workspace_id, timezone FROM communities "
        "WHERE platform = ? AND workspace_id = ?",
        (platform, workspace),
    )
    return Community(row["id"], row["platform"], row["workspace_id"], row["timezone"])


async def find(db: Database, address: Address) -> Member | None:
    """Load the member at an address without creating anyone (for read-only views)."""
    row = await _member_row(db, address)
    return _member(row) if row else None


async def by_id(db: Database, member_id: int) -> Member | None:
    """Load a member by database id (scheduled work keeps ids, not addresses)."""
    row = await db.fetchone(_SELECT + " WHERE m.id = ?", (member_id,))
    return _member(row) if row else None


async def _member_row(db: Database, address: Address) -> sqlite3.Row | None:
    return await db.fetchone(
        _SELECT + " WHERE c.platform = ? AND c.workspace_id = ? AND m.platform_user_id = ?",
        (address.platform, address.workspace, address.user),
    )


_SELECT = (
    "SELECT m.*, c.platform, c.workspace_id, c.timezone AS community_tz "
    "FROM members m JOIN communities c ON c.id = m.community_id"
)


def _community(row: sqlite3.Row) -> Community:
    return Community(row["community_id"], row["platform"], row["workspace_id"], row["community_tz"])


def _member(row: sqlite3.Row) -> Member:
    def moment(key: str) -> datetime | None:
        return parse_utc(row[key]) if row[key] else None

    return Member(
        id=row["id"],
        community_id=row["community_id"],
        user_id=row["platform_user_id"],
        display_name=row["display_name"],
        timezone=row["timezone"] or row["community_tz"],
        own_timezone=row["timezone"],
        day_start=row["day_start"],
        reminder_time=row["reminder_time"],
        quiet_hours=row["quiet_hours"],
        nudges=bool(row["nudges"]),
        pause_until=date.fromisoformat(row["pause_until"]) if row["pause_until"] else None,
        compassion_until=moment("compassion_until"),
        crisis_until=moment("crisis_until"),
        dm_blocked=row["dm_blocked_at"] is not None,
    )
