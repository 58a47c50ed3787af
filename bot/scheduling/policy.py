"""The explicit rules for late, failed and repeated sends, in one place.

- Grace: a message that could not go out on time (the process was down, the
  platform was not connected) is still sent up to its kind's grace after it
  was due; later than that it is recorded as skipped, because a "good
  morning" at teatime or Monday's thread on Tuesday night helps nobody.
- Retries: 429s, 5xx and timeouts are retried with exponential backoff (or
  the platform's Retry-After), at most :data:`MAX_ATTEMPTS` times in all;
  the last error is kept with the row.
- Direct messages: at most ``nudges.daily_limit`` a member per local day
  (default 1), counted in the outbox, not in any trigger.
"""

from __future__ import annotations

from datetime import timedelta

MAX_ATTEMPTS = 5
FIRST_BACKOFF = timedelta(seconds=30)
MAX_BACKOFF = timedelta(minutes=30)
DEFAULT_DAILY_LIMIT = 1
MAX_DAILY_LIMIT = 3

_GRACE = {
    "encouragement": timedelta(hours=3),
    "thread": timedelta(hours=24),
    "checkin": timedelta(hours=4),
    "recap": timedelta(hours=6),
    "rejection_reminder": timedelta(hours=12),
}
DM_GRACE = timedelta(hours=2)


def grace(kind: str) -> timedelta:
    """How late a message of this kind may still be sent."""
    return _GRACE.get(kind, DM_GRACE)


def backoff(attempts: int, retry_after: float | None = None) -> timedelta:
    """How long to wait before the next attempt, after ``attempts`` failed ones."""
    if retry_after is not None:
        return timedelta(seconds=max(retry_after, 1.0))
    return min(FIRST_BACKOFF * 4 ** max(attempts - 1, 0), MAX_BACKOFF)


def daily_limit(config: dict[str, str]) -> int:
    """A community's direct-message limit per member per day."""
    value = config.get("nudges.daily_limit", "")
    return int(value) if value.isdigit() else DEFAULT_DAILY_LIMIT
