"""Benchmark scheduled nudges: SQL planning at scale, and paced dispatch to a rate-limited fake Discord.

Run:  .venv/bin/python bench/nudge_bench.py [--members 100000] [--dms 5000]

1. Planning: 100,000 members in 50 communities across 30 time zones (with
   goals, streaks, rejections and check-ins to look at) in a SQLite file.
   Times the real planner (bot.scheduling.planner.plan) for single minutes
   at busy moments (aim < 200 ms each) and for every minute of a whole day.
2. Dispatch: 5,000 due DMs sent by the real outbox through the real pacer to
   a Discord-like HTTP server on 127.0.0.1 that enforces Discord's limits
   (50 requests/s globally, 5 messages per 5 s per channel) and answers 429
   when they are broken. Prints the achieved rate against the paced rate
   (aim >= 0.9) and how many 429s came back (aim 0).

The last lines print the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sqlite3
import statistics
import tempfile
import time
from collections import deque
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
from aiohttp import web

from bot.app import build
from bot.clock import SystemClock
from bot.config import Settings
from bot.port import DeliveryError
from bot.replies import Reply
from bot.scheduling import planner
from bot.scheduling.outbox import Outbox
from bot.scheduling.pacing import Pacer
from bot.storage.db import Database

ZONES = (
    "UTC", "Europe/London", "Europe/Paris", "Europe/Berlin", "Europe/Athens", "Europe/Moscow",
    "Africa/Lagos", "Africa/Nairobi", "Africa/Johannesburg", "Asia/Dubai", "Asia/Karachi",
    "Asia/Kolkata", "Asia/Kathmandu", "Asia/Dhaka", "Asia/Bangkok", "Asia/Singapore",
    "Asia/Shanghai", "Asia/Tokyo", "Australia/Adelaide", "Australia/Sydney", "Pacific/Auckland",
    "America/Sao_Paulo", "America/Argentina/Buenos_Aires", "America/New_York", "America/Chicago",
    "America/Denver", "America/Phoenix", "America/Los_Angeles", "America/Anchorage",
    "Pacific/Honolulu",
)
COMMUNITIES = 50
DAY = datetime(2026, 11, 24, tzinfo=UTC)
BUSY_MINUTES = tuple(DAY + timedelta(hours=h) for h in (1, 8, 13, 14, 17, 22))


def populate(path: Path, members: int, rng: random.Random) -> None:
    """Fill the database with communities, members and a fortnight of history."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    stamp = (DAY - timedelta(days=30)).isoformat()
    conn.executemany("INSERT INTO communities (id, platform, workspace_id, timezone, created_at) "
                     "VALUES (?, 'discord', ?, ?, ?)",
                     [(c + 1, f"guild-{c}", ZONES[c % len(ZONES)], stamp) for c in range(COMMUNITIES)])
    rows = []
    for m in range(1, members + 1):
        times = f"{rng.randrange(6, 22):02d}:{rng.choice((0, 15, 30, 45)):02d}"
        rows.append((m, m % COMMUNITIES + 1, f"user-{m}", f"User {m}",
                     rng.choice(ZONES) if rng.random() < 0.25 else None,
                     4 if rng.random() < 0.1 else 0,
                     times if rng.random() < 0.8 else None,
                     "22:00-07:00" if rng.random() < 0.3 else None,
                     int(rng.random() < 0.6), stamp))
    conn.executemany("INSERT INTO members (id, community_id, platform_user_id, display_name, timezone, "
                     "day_start, reminder_time, quiet_hours, nudges, created_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    _history(conn, range(1, members + 1), rng)
    conn.commit()
    conn.close()


def _history(conn: sqlite3.Connection, ids: range, rng: random.Random) -> None:
    """Day totals, streaks, rejections and check-ins for a realistic share of members."""
    today = DAY.date()
    totals, streaks, rejections, checkins = {}, [], [], []
    for m in ids:
        if rng.random() < 0.5:
            for _ in range(5):
                day = (today - timedelta(days=rng.randrange(1, 15))).isoformat()
                activity = rng.choice(("applied", "applied", "networked", "interviewed", "rejection"))
                totals[(m, day, activity)] = rng.randrange(1, 4)
        if rng.random() < 0.3:
            last = today - timedelta(days=rng.choice((1, 1, 2)))
            streaks.append((m, rng.randrange(1, 40), last.toordinal(), rng.randrange(0, 3)))
        if rng.random() < 0.1:
            day = (today - timedelta(days=rng.randrange(1, 10))).isoformat()
            rejections.append((m, rng.choice(("screen", "interview", "final")), day,
                               day if rng.random() < 0.5 else None))
        if rng.random() < 0.2:
            day = (today - timedelta(days=rng.randrange(1, 8))).isoformat()
            checkins.append((m, rng.randrange(1, 6), day))
    conn.executemany("INSERT INTO day_totals (member_id, day, activity, count) VALUES (?, ?, ?, ?)",
                     [(*key, n) for key, n in totals.items()])
    conn.executemany("INSERT INTO streaks (member_id, key, current, best, freezes, earned, last_unit) "
                     "VALUES (?, 'active', ?, 40, ?, 0, ?)",
                     [(m, cur, freezes, last) for m, cur, last, freezes in streaks])
    conn.executemany("INSERT INTO rejections (member_id, stage, day, followed_up_at, created_at) "
                     "VALUES (?, ?, ?, ?, ?)", [(*r, r[2]) for r in rejections])
    conn.executemany("INSERT INTO checkins (member_id, feeling, day, created_at) VALUES (?, ?, ?, ?)",
                     [(*c, c[2]) for c in checkins])


async def plan_minutes(db: Database, minutes: list[datetime]) -> tuple[list[float], int]:
    """Plan each minute's window on its own; return the time each took and rows added."""
    timings, added = [], 0
    for minute in minutes:
        await db.execute("INSERT INTO scheduler_state (key, value) VALUES ('planned_through', ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                         ((minute - timedelta(minutes=1)).isoformat(),))
        started = time.perf_counter()
        report = await planner.plan(db, minute)
        timings.append(time.perf_counter() - started)
        added += sum(report.added.values()) + sum(report.skipped.values())
    return timings, added


async def planning(folder: Path, members: int) -> list[str]:
    path = folder / "plan.db"
    await (await Database.open(path)).close()
    started = time.perf_counter()
    populate(path, members, random.Random(11))
    loaded = time.perf_counter() - started
    db = await Database.open(path)
    busy, busy_rows = await plan_minutes(db, list(BUSY_MINUTES))
    day = [DAY + timedelta(days=1, minutes=i + 1) for i in range(24 * 60)]
    whole, day_rows = await plan_minutes(db, day)
    await db.close()
    return [
        f"setup: members={members} communities={COMMUNITIES} zones={len(ZONES)} load_s={loaded:.1f}",
        f"plan_one_minute: median_ms={statistics.median(busy) * 1000:.1f} "
        f"max_ms={max(busy) * 1000:.1f} rows_per_minute={busy_rows / len(busy):.0f} "
        f"(busiest minutes tried: {len(busy)})",
        f"plan_whole_day: total_s={sum(whole):.1f} minutes={len(whole)} rows={day_rows} "
        f"mean_ms={statistics.mean(whole) * 1000:.1f} max_ms={max(whole) * 1000:.1f}",
    ]


class FakeDiscord:
    """A Discord-like HTTP API that enforces the real limits and counts its 429s."""

    def __init__(self) -> None:
        self.recent: deque[float] = deque()
        self.per_channel: dict[str, deque[float]] = {}
        self.accepted = 0
        self.refused = 0
        self.peak = 0

    async def create_message(self, request: web.Request) -> web.Response:
        now = time.monotonic()
        channel = request.match_info["channel"]
        await request.json()
        for window, limit, seconds, is_global in ((self.recent, 50, 1.0, True),
                                                  (self.per_channel.setdefault(channel, deque()),
                                                   5, 5.0, False)):
            while window and window[0] <= now - seconds:
                window.popleft()
            if len(window) >= limit:
                self.refused += 1
                retry = window[0] + seconds - now
                return web.json_response({"message": "You are being rate limited.",
                                          "retry_after": retry, "global": is_global}, status=429)
        self.recent.append(now)
        self.per_channel[channel].append(now)
        self.accepted += 1
        self.peak = max(self.peak, len(self.recent))
        return web.json_response({"id": str(self.accepted), "channel_id": channel})


class HttpDiscordPort:
    """The platform port over HTTP to the fake, as a Discord adapter would send a DM."""

    name = "discord"

    def __init__(self, session: aiohttp.ClientSession, base: str) -> None:
        self.session = session
        self.base = base

    async def send_dm(self, workspace: str, user_id: str, reply: Reply) -> str:
        async with self.session.post(f"{self.base}/channels/dm-{user_id}/messages",
                                     json={"content": reply.plain_text()}) as response:
            body = await response.json()
            if response.status == 429:
                raise DeliveryError("HTTP 429", retry_after=body["retry_after"])
            if response.status >= 500:
                raise DeliveryError(f"HTTP {response.status}")
            return body["id"]


async def dispatch(folder: Path, count: int) -> list[str]:
    clock = SystemClock()
    core = await build(Settings(db_path=folder / "dispatch.db"), clock)
    now = clock.now()
    day = now.date().isoformat()
    await core.services.db.write(lambda conn: _due_dms(conn, count, now, day))
    fake = FakeDiscord()
    app = web.Application()
    app.router.add_post("/api/v10/channels/{channel}/messages", fake.create_message)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    port = runner.addresses[0][1]
    pacer = Pacer()
    async with aiohttp.ClientSession() as session:
        ports = {"discord": HttpDiscordPort(session, f"http://127.0.0.1:{port}/api/v10")}
        outbox = Outbox(core.services, ports, pacer, run_id="bench", clock=clock)
        started = time.perf_counter()
        outcomes = await outbox.deliver_due(limit=count)
        while await core.services.db.fetchval("SELECT COUNT(*) FROM outbox WHERE status = 'pending'"):
            await asyncio.sleep(0.5)  # retries after a 429 would be due again shortly
            outcomes.update(await outbox.deliver_due(limit=count))
        elapsed = time.perf_counter() - started
    await runner.cleanup()
    await core.services.db.close()
    allowed = pacer.allowed_rate("discord") or 0.0
    achieved = fake.accepted / elapsed
    return [f"dispatch: dms={fake.accepted} elapsed_s={elapsed:.1f} outcomes={dict(outcomes)}",
            f"dispatch_rate: achieved_per_s={achieved:.1f} allowed_per_s={allowed:.0f} "
            f"ratio={achieved / allowed:.2f} http_429={fake.refused} "
            f"busiest_second_at_server={fake.peak} (Discord allows 50)"]


def _due_dms(conn: sqlite3.Connection, count: int, now: datetime, day: str) -> None:
    """Members who opted in, and one due daily reminder each."""
    stamp = (now - timedelta(seconds=1)).isoformat()
    conn.executemany("INSERT INTO communities (id, platform, workspace_id, created_at) "
                     "VALUES (?, 'discord', ?, ?)", [(c, f"guild-{c}", stamp) for c in range(1, 6)])
    conn.executemany("INSERT INTO members (id, community_id, platform_user_id, nudges, created_at) "
                     "VALUES (?, ?, ?, 1, ?)",
                     [(m, m % 5 + 1, f"{10**17 + m}", stamp) for m in range(1, count + 1)])
    conn.executemany("INSERT INTO outbox (dedup_key, community_id, member_id, kind, target, payload, "
                     "due_at, day, created_at) VALUES (?, ?, ?, 'daily_reminder', ?, ?, ?, ?, ?)",
                     [(f"nudge:m{m}:{day}", m % 5 + 1, m, json.dumps({"dm": True}),
                       json.dumps({"day": day}), stamp, day, stamp) for m in range(1, count + 1)])


async def main(members: int, dms: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        lines = await planning(Path(folder), members)
        lines += await dispatch(Path(folder), dms)
    print("\n".join(lines))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--dms", type=int, default=5_000)
    args = parser.parse_args()
    asyncio.run(main(args.members, args.dms))
