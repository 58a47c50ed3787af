"""`rebound schedule` lists what the bot will post and send, for an admin to check."""

import asyncio

from bot import cli
from bot.app import build
from bot.config import Settings
from bot.scheduling import preview
from tests.conftest import Member


async def test_the_plan_lists_posts_in_utc_and_local_time_and_counts_nudges(core, clock, admin):
    await admin.say("/setup timezone America/New_York")
    await admin.say("/setup channels encouragement:#cheer")
    for user in ("ana", "ben"):
        await Member(core, user=user).say("/settings nudges:on")
    await Member(core, user="cy").say("/settings nudges:on pause_until:2026-11-24")
    text = await preview.describe(core.services.db, clock.now(), days=3)
    assert text.splitlines() == [
        "Community 1 (console guild-1, America/New_York)",
        "  2026-11-23 14:00 UTC  Mon 23 Nov 09:00 local  encouragement post → #cheer",
        "  2026-11-23 14:00 UTC  Mon 23 Nov 09:00 local  accountability thread opens → no channel "
        "set: will be skipped",
        "  2026-11-25 14:00 UTC  Wed 25 Nov 09:00 local  encouragement post → #cheer",
        "  2026-11-25 17:00 UTC  Wed 25 Nov 12:00 local  mid-week check-in → no channel set: will be "
        "skipped",
        "  Personal nudges (at most 1 DM per member per day, by local time):",
        "    Mon 23 Nov: up to 2 members at their nudge time",
        "    Tue 24 Nov: up to 2 members at their nudge time",
        "    Wed 25 Nov: up to 3 members at their nudge time",
    ]


def test_the_rebound_schedule_command_prints_the_plan(tmp_path, monkeypatch, capsys, library):
    async def set_up() -> None:
        core = await build(Settings(db_path=tmp_path / "rebound.db"), library=library)
        await Member(core, user="admin", is_admin=True).say("/setup channels accountability:#weekly")
        await core.services.db.close()

    asyncio.run(set_up())
    monkeypatch.setenv("REBOUND_DB", str(tmp_path / "rebound.db"))
    assert cli.main(["schedule", "--community", "1", "--days", "7"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Community 1 (console guild-1, UTC)")
    assert "accountability thread opens → #weekly" in out
    assert cli.main(["schedule", "--community", "9"]) == 0
    assert capsys.readouterr().out.strip() == "No community 9."
