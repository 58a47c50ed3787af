"""A community's whole week through the real Bolt app and the fake Slack on 127.0.0.1."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.scheduling.pacing import Pacer
from bot.scheduling.scheduler import Scheduler
from tests.adapters.slack_app.conftest import ANA, BEN, SAM
from tests.adapters.slack_app.workspace import block_text
from tests.bot.scheduling.conftest import run_until

SUNDAY_NIGHT = datetime(2026, 11, 22, 23, tzinfo=UTC)
TUESDAY = datetime(2026, 11, 24, 12, tzinfo=UTC)
NEXT_SUNDAY = datetime(2026, 11, 29, 23, tzinfo=UTC)


async def test_posts_thread_check_in_and_recap_on_slack(core, clock, fake, workspace):
    clock.set(SUNDAY_NIGHT)
    for user, line in ((SAM, "setup timezone Europe/London"),
                       (SAM, "setup channels encouragement:<#C1|general> accountability:<#C2|weekly>"),
                       (ANA, "accountability join"), (ANA, "goal set applied 2 week")):
        await workspace.command(user, line)
    scheduler = Scheduler(core, pacer=Pacer({}))
    await run_until(scheduler, clock, TUESDAY)
    for user in (ANA, ANA, BEN):
        await workspace.command(user, "log applied")
    await run_until(scheduler, clock, NEXT_SUNDAY)

    posts = [c.args for c in fake.calls_to("chat.postMessage") if c.args["channel"] in ("C1", "C2")]
    texts = [(p["channel"], p.get("thread_ts"), block_text(p["blocks"])) for p in posts]
    assert [channel for channel, _, _ in texts].count("C1") == 3
    [parent] = [t for t in texts if t[2].startswith("*Week of 23 Nov: what will you do this week?*")]
    assert parent[:2] == ("C2", None)
    thread = await core.services.db.fetchval("SELECT thread_id FROM accountability_threads")
    in_thread = [text for channel, ts, text in texts if channel == "C2" and ts == thread]
    checkin, recap = in_thread
    assert f"<@{ANA}>" in checkin and f"<@{BEN}>" not in checkin
    assert "• *Ana*: applications 2 of 2 ✅" in recap and "Ben" not in recap
    assert "Together this week" not in recap  # two people logged: totals would give them away
    assert all("<!channel>" not in text and "<!here>" not in text for _, _, text in texts)
