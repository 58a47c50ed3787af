"""Deliver due outbox rows through the platform ports: once, paced, retried, recorded.

Each row is claimed (``sending``) in its own transaction just before its
request and marked ``sent`` right after, so a crash or restart never sends a
row twice: rows another process left in ``sending`` are recorded as
interrupted, not resent (at most once beats a duplicate nudge). Failures
follow :mod:`bot.scheduling.policy`: transient ones are retried with
backoff up to a bounded number of attempts, permanent ones stop at once,
and a member whose DMs fail permanently gets no more DMs.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, timedelta

from bot.clock import Clock, local_day
from bot.context import Services
from bot.port import DeliveryError, Platform
from bot.scheduling import policy
from bot.scheduling.messages import NotSent, Outgoing, compose_dm
from bot.scheduling.pacing import Pacer
from bot.scheduling.posts import compose_encouragement
from bot.scheduling.recap import compose_recap
from bot.scheduling.weekly import compose_checkin, compose_thread
from bot.storage.db import Database

log = logging.getLogger("rebound.outbox")

Composer = Callable[[Services, sqlite3.Row, datetime], Awaitable[Outgoing | NotSent]]
COMPOSERS: dict[str, Composer] = {
    "encouragement": compose_encouragement,
    "thread": compose_thread,
    "checkin": compose_checkin,
    "recap": compose_recap,
}
SEND_TIMEOUT = 30.0
# A row still being worked on; a row already sent, skipped or failed is never changed again.
_OPEN = "status IN ('pending', 'sending')"
# How delivery outcomes show on /metrics: held and retried sends are deferred.
_METRIC = {"sent": "sent", "failed": "failed", "retry": "deferred", "held": "deferred"}
_DUE_SQL = (
    "SELECT o.*, c.platform, c.workspace_id, m.platform_user_id AS user_id, "
    "COALESCE(m.timezone, c.timezone) AS member_zone, m.day_start AS member_day_start "
    "FROM outbox o JOIN communities c ON c.id = o.community_id "
    "LEFT JOIN members m ON m.id = o.member_id "
    "WHERE o.status = 'pending' AND o.due_at <= ? AND COALESCE(o.next_attempt_at, o.due_at) <= ? "
    "AND c.platform IN (SELECT value FROM json_each(?)) "
    "ORDER BY COALESCE(o.next_attempt_at, o.due_at), o.id LIMIT ?"
)  # a retry or a hold is always later than the row was due, so due_at <= now can use outbox_due


class Outbox:
    """Send what is due, through whichever platforms are connected right now."""

    def __init__(self, services: Services, ports: Mapping[str, Platform], pacer: Pacer, *,
                 run_id: str, clock: Clock | None = None, workers: int = 8) -> None:
        self.services = services
        self.clock = clock or services.clock
        self.ports = ports
        self.pacer = pacer
        self.run_id = run_id
        self.workers = workers
        self.stopping = False

    @property
    def db(self) -> Database:
        return self.services.db

    def now(self) -> datetime:
        return self.clock.now()

    async def recover(self) -> int:
        """Record rows left mid-send by an earlier process as interrupted (not resent)."""
        return await self.db.execute(
            "UPDATE outbox SET status = 'failed', last_error = 'interrupted mid-send; not resent "
            "to avoid a duplicate' WHERE status = 'sending' AND COALESCE(claimed_by, '') != ?",
            (self.run_id,))

    async def deliver_due(self, limit: int = 5000) -> Counter[str]:
        """Send every due row (up to ``limit``), several at a time; return outcomes by name.

        Rows for platforms that are not connected wait, still pending; when
        their platform connects, those past their grace are skipped.
        """
        now, connected = self.now().isoformat(), json.dumps(sorted(self.ports))
        rows = await self.db.fetchall(_DUE_SQL, (now, now, connected, limit))
        outcomes: Counter[str] = Counter()
        queue: asyncio.Queue[sqlite3.Row] = asyncio.Queue()
        for row in rows:
            queue.put_nowait(row)

        async def worker() -> None:
            while not queue.empty() and not self.stopping:
                outcomes[await self.deliver(queue.get_nowait())] += 1

        await asyncio.gather(*(worker() for _ in range(min(self.workers, len(rows)))))
        return outcomes

    async def deliver(self, row: sqlite3.Row) -> str:
        """Try to send one row now; return what happened ('sent', 'retry', 'held', ...)."""
        outcome = await self._attempt(row)
        if outcome in _METRIC:
            self.services.metrics.nudge(_METRIC[outcome], row["kind"])
        return outcome

    async def _attempt(self, row: sqlite3.Row) -> str:
        now = self.now()
        late = now - datetime.fromisoformat(row["next_attempt_at"] or row["due_at"])
        if late > policy.grace(row["kind"]):
            return await self._close(row, "skipped", f"overdue by {_minutes(late)} min")
        port = self.ports[row["platform"]]
        composed = await self._compose(row, now)
        if isinstance(composed, NotSent):
            if composed.until:
                await self._reschedule(row, composed.until, composed.reason, count=False)
                return "held"
            return await self._close(row, "skipped", composed.reason)
        claimed = await self._claim(row, self.now())
        if claimed != "claimed":
            return claimed
        # Paced after the claim, right before the request, so requests reach the platform as
        # evenly spaced as the pacer meant them (a claim can wait for the writer).
        await self.pacer.wait(row["platform"], composed.channel or f"dm:{row['member_id']}")
        return await self._send(row, port, composed)

    async def _compose(self, row: sqlite3.Row, now: datetime) -> Outgoing | NotSent:
        if json.loads(row["target"]).get("dm"):
            return await compose_dm(self.services, row, now)
        composer = COMPOSERS.get(row["kind"])
        if composer is None:
            return NotSent(f"unknown kind {row['kind']}")
        return await composer(self.services, row, now)

    async def _claim(self, row: sqlite3.Row, now: datetime) -> str:
        """Take the row for this process ('claimed'), holding members to their daily DM limit."""
        limit = policy.daily_limit(await self._config(row["community_id"]))
        day = row["day"]
        if day is None and row["member_id"]:
            day = local_day(now, row["member_zone"], row["member_day_start"]).isoformat()

        def claim(conn: sqlite3.Connection) -> str:
            if row["member_id"] and row["kind"] != "rejection_reminder":
                sent = conn.execute(
                    "SELECT COUNT(*) FROM outbox WHERE member_id = ? AND day = ? AND id != ? "
                    "AND status IN ('sending', 'sent')", (row["member_id"], day, row["id"])).fetchone()
                if sent[0] >= limit:
                    conn.execute("UPDATE outbox SET status = 'skipped', last_error = 'daily limit "
                                 "reached' WHERE id = ? AND status = 'pending'", (row["id"],))
                    return "skipped"
            taken = conn.execute(
                "UPDATE outbox SET status = 'sending', attempts = attempts + 1, claimed_by = ?, "
                "day = ? WHERE id = ? AND status = 'pending'", (self.run_id, day, row["id"]))
            return "claimed" if taken.rowcount == 1 else "taken"

        return await self.db.write(claim)

    async def _send(self, row: sqlite3.Row, port: Platform, out: Outgoing) -> str:
        try:
            sent_id = await asyncio.wait_for(_request(port, row["workspace_id"], row, out),
                                             SEND_TIMEOUT)
        except DeliveryError as exc:
            return await self._failed(row, exc.reason, exc.permanent, exc.retry_after)
        except TimeoutError:
            return await self._failed(row, "timed out", False, None)
        except Exception as exc:
            log.error("send raised outbox_id=%s kind=%s error=%s", row["id"], row["kind"],
                      type(exc).__name__)
            return await self._failed(row, type(exc).__name__, False, None)
        stamp = self.now().isoformat()

        def done(conn: sqlite3.Connection) -> None:
            conn.execute("UPDATE outbox SET status = 'sent', sent_at = ?, last_error = NULL "
                         "WHERE id = ?", (stamp, row["id"]))
            if out.record:
                out.record(conn, sent_id)

        await self.db.write(done)
        return "sent"

    async def _failed(self, row: sqlite3.Row, reason: str, permanent: bool,
                      retry_after: float | None) -> str:
        attempts = row["attempts"] + 1
        if retry_after:
            self.pacer.hold(row["platform"], retry_after)
        if permanent or attempts >= policy.MAX_ATTEMPTS:
            why = reason if permanent else f"gave up after {attempts} attempts: {reason}"
            log.warning("send failed outbox_id=%s kind=%s attempts=%d reason=%s", row["id"],
                        row["kind"], attempts, reason)
            if permanent and row["member_id"] and json.loads(row["target"]).get("dm"):
                await self.db.execute("UPDATE members SET dm_blocked_at = ? WHERE id = ?",
                                      (self.now().isoformat(), row["member_id"]))
            return await self._close(row, "failed", why)
        await self._reschedule(row, self.now() + policy.backoff(attempts, retry_after), reason)
        return "retry"

    async def _reschedule(self, row: sqlite3.Row, when: datetime, reason: str, *,
                          count: bool = True) -> None:
        await self.db.execute(
            "UPDATE outbox SET status = 'pending', next_attempt_at = ?, last_error = ? "
            f"WHERE id = ? AND {_OPEN}",
            (when.isoformat(), reason if count else f"held: {reason}", row["id"]))

    async def _close(self, row: sqlite3.Row, status: str, reason: str) -> str:
        await self.db.execute(f"UPDATE outbox SET status = ?, last_error = ? WHERE id = ? AND {_OPEN}",
                              (status, reason, row["id"]))
        return status

    async def _config(self, community_id: int) -> dict[str, str]:
        rows = await self.db.fetchall(
            "SELECT key, value FROM community_config WHERE community_id = ? AND key LIKE 'nudges.%'",
            (community_id,))
        return {r["key"]: r["value"] for r in rows}


def _minutes(late: timedelta) -> int:
    return int(late.total_seconds() // 60)


async def _request(port: Platform, workspace: str, row: sqlite3.Row, out: Outgoing) -> str:
    """Make the one platform call an outgoing message needs."""
    if out.channel is None:
        return await port.send_dm(workspace, row["user_id"], out.reply)
    if out.title:
        return await port.open_thread(workspace, out.channel, out.title, out.reply)
    if out.thread:
        return await port.post_thread(workspace, out.channel, out.thread, out.reply, out.mentions)
    return await port.post_channel(workspace, out.channel, out.reply, out.mentions)
