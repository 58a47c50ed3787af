"""Benchmark the core: simulated members issuing a realistic mix of commands.

Run:  .venv/bin/python bench/core_bench.py [--members 200] [--rounds 10]

Every member runs its commands concurrently with the others through the real
core (parser, validation, handlers, SQLite on a file), twice: saturated (each
member back to back, which gives throughput; latency there is mostly queueing)
and at half that rate with random think time (the latency a member feels on
a busy server). The same run measures
this machine's raw aiosqlite single-row insert+commit rate with the same
pragmas, as the ceiling a write-per-command design could reach; the ratio of
the two is the figure to watch. The last lines print the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import aiosqlite

from bot.app import build
from bot.clock import ManualClock
from bot.config import Settings
from bot.requests import Address

MIX = (
    ("/log applied 2", 30), ("/log networked", 10), ("/checkin 3 steady day", 15), ("/tip", 10),
    ("/streak", 10), ("/stats", 10), ("/rejection company:Acme stage:interview feeling:3", 5),
    ("/goal show", 5), ("/practice", 5),
)


async def ceiling(path: Path, count: int) -> float:
    """Raw single-row insert+commit rate on this machine, same pragmas as Rebound."""
    conn = await aiosqlite.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "secure_delete=ON"):
        await conn.execute(f"PRAGMA {pragma}")
    await conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    started = time.perf_counter()
    for i in range(count):
        await conn.execute("BEGIN IMMEDIATE")
        await conn.execute("INSERT INTO t (v) VALUES (?)", (f"row {i}",))
        await conn.commit()
    elapsed = time.perf_counter() - started
    await conn.close()
    return count / elapsed


async def member(core, index: int, rounds: int, think: float, latencies: list[float],
                 rng: random.Random) -> None:
    """One simulated member: a weighted random mix of commands, with optional pauses."""
    address = Address("bench", f"guild-{index % 5}", "general", f"user-{index}")
    lines, weights = zip(*MIX, strict=True)
    for line in rng.choices(lines, weights, k=rounds):
        if think:
            await asyncio.sleep(rng.expovariate(1 / think))
        started = time.perf_counter()
        await core.handle_text(address, line, f"User {index}")
        latencies.append(time.perf_counter() - started)


async def phase(core, members: int, rounds: int, think: float) -> tuple[float, list[float]]:
    """Run every member once through the mix; return commands/s and latencies."""
    latencies: list[float] = []
    rng = random.Random(7)
    started = time.perf_counter()
    await asyncio.gather(*(member(core, i, rounds, think, latencies, rng) for i in range(members)))
    return len(latencies) / (time.perf_counter() - started), latencies


def percentiles(latencies: list[float]) -> str:
    cuts = statistics.quantiles(latencies, n=100)
    return f"p50_ms={cuts[49] * 1000:.1f} p99_ms={cuts[98] * 1000:.1f}"


async def main(members: int, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        raw = await ceiling(Path(folder) / "raw.db", 2000)
        clock = ManualClock(datetime(2026, 11, 23, 12, tzinfo=UTC))
        core = await build(Settings(db_path=Path(folder) / "bench.db"), clock)
        for i in range(members):
            address = Address("bench", f"guild-{i % 5}", "general", f"user-{i}")
            await core.handle_text(address, "/goal set applied 2 day", f"User {i}")
        rate, busy = await phase(core, members, rounds, think=0.0)
        # Half the measured capacity, spread over the members as think time.
        _, paced = await phase(core, members, rounds, think=members / (rate * 0.5))
        await core.services.db.close()
    print(f"members={members} commands_per_phase={len(busy)}")
    print(f"saturated: commands_per_s={rate:.0f} {percentiles(busy)} (every member back to back)")
    print(f"half_load: offered_per_s={rate * 0.5:.0f} {percentiles(paced)}")
    print(f"raw_insert_commit_per_s={raw:.0f}")
    print(f"ratio={rate / raw:.2f} (saturated commands/s over raw insert+commit/s)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    asyncio.run(main(args.members, args.rounds))
