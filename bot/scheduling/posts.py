"""Scheduled encouragement posts, drawn from content with no repeats until the pool is used up."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import date, datetime

from bot.content.choose import stable_hash
from bot.content.schema import WEEKDAYS, Post
from bot.context import Services
from bot.replies import Reply, Visibility
from bot.scheduling.messages import NotSent, Outgoing


def choose_post(posts: Sequence[Post], used: set[str], last: str | None, day: date,
                seed: object) -> tuple[Post, bool]:
    """Pick an unused post, preferring one written for this weekday, then any-day ones.

    Returns the post and whether the pool was used up (so the used list
    starts over). When it starts over, the post used last is not picked
    again straight away.
    """
    fresh = [p for p in posts if p.id not in used]
    exhausted = not fresh
    pool = fresh or [p for p in posts if p.id != last] or list(posts)
    weekday = WEEKDAYS[day.weekday()]

    def fit(post: Post) -> tuple[int, int]:
        written_for = 0 if weekday not in post.weekdays else 2 if len(post.weekdays) == 1 else 1
        return -written_for, stable_hash(seed, post.id)

    return min(pool, key=fit), exhausted


async def compose_encouragement(services: Services, row: sqlite3.Row,
                                now: datetime) -> Outgoing | NotSent:
    """Compose the day's encouragement post for a community channel."""
    community = row["community_id"]
    rows = await services.db.fetchall(
        "SELECT post_id FROM posts_used WHERE community_id = ? ORDER BY used_at DESC, rowid DESC",
        (community,))
    used = [r[0] for r in rows]
    day = date.fromisoformat(json.loads(row["payload"])["day"])
    post, exhausted = choose_post(services.library.posts, set(used), used[0] if used else None,
                                  day, (community, day))

    def record(conn: sqlite3.Connection, message_id: str) -> None:
        if exhausted:
            conn.execute("DELETE FROM posts_used WHERE community_id = ?", (community,))
        conn.execute("INSERT INTO posts_used (community_id, post_id, used_at) VALUES (?, ?, ?) "
                     "ON CONFLICT DO UPDATE SET used_at = excluded.used_at",
                     (community, post.id, now.isoformat()))

    channel = json.loads(row["target"])["channel"]
    return Outgoing(Reply(text=post.text, visibility=Visibility.CHANNEL), channel=channel,
                    record=record)
