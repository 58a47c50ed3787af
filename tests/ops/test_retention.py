"""Old free-text notes are forgotten; counts, stats and streaks stay as they were."""

from dataclasses import replace

from bot.crypto import SEALED_COLUMNS
from bot.ops.retention import forget_old_notes, retention_job
from tests.conftest import count_rows


async def texts(core) -> list:
    found = []
    for table, columns in SEALED_COLUMNS.items():
        for row in await core.services.db.fetchall(f"SELECT {', '.join(columns)} FROM {table}"):
            found += [row[c] for c in columns if row[c]]
    return found


async def log_everything(ana):
    await ana.say("/rejection company:Acme stage:interview feeling:2 note:tough")
    await ana.say("/checkin 3 note:okay")
    await ana.say("/log applied 3 note:three-good-ones")
    await ana.say('/reflect new went_well:"calm" hard:"salary" company:Acme')
    await ana.say("/win first-interview")


async def test_notes_older_than_the_limit_are_cleared_and_counts_stay(core, ana, clock):
    await log_everything(ana)
    clock.advance(days=20)
    await ana.say("/checkin 4 note:recent")
    streak_before = (await ana.say("/streak")).text
    stats_before = (await ana.say("/stats")).sections

    cleared = await forget_old_notes(core.services.db, clock.now(), days=14)

    assert cleared == 5
    assert await texts(core) == ["recent"]
    for table in ("rejections", "checkins", "activities", "reflections", "wins"):
        assert await count_rows(core, table) >= 1, table
    assert (await ana.say("/streak")).text == streak_before
    assert (await ana.say("/stats")).sections == stats_before
    assert "No reflections yet" in (await ana.say("/reflect history")).text
    assert await forget_old_notes(core.services.db, clock.now(), days=14) == 0


async def test_the_job_follows_the_setting(core, ana, clock):
    await log_everything(ana)
    clock.advance(days=40)
    assert await retention_job(core.services) == 0
    assert len(await texts(core)) == 7
    core.services.settings = replace(core.services.settings, retention_days=30)
    assert await retention_job(core.services) == 5
    assert await texts(core) == []


async def test_the_scheduler_applies_retention_daily(core, ana, clock):
    from bot.scheduling.scheduler import Scheduler

    await log_everything(ana)
    clock.advance(days=40)
    core.services.settings = replace(core.services.settings, retention_days=30)
    assert await Scheduler(core).forget_old_notes() == 5
    assert await texts(core) == []
