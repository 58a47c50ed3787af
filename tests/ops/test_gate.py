"""At shutdown the core turns new commands away and waits for the ones already running."""

import asyncio

from bot.commands.spec import Command
from bot.replies import Reply
from tests.conftest import count_rows


async def test_a_closed_gate_turns_commands_and_buttons_away_storing_nothing(core, ana):
    reply = await ana.say("/rejection company:Acme stage:final")
    core.gate.close()
    assert "restarting" in (await ana.say("/log applied")).text
    assert "restarting" in (await ana.press(reply, "Remind me in 3 days")).text
    assert await count_rows(core, "activities") == 0
    assert await count_rows(core, "outbox") == 0


async def test_drained_waits_for_commands_in_flight(core, ana):
    release = asyncio.Event()

    async def slow(ctx, opts):
        await release.wait()
        return Reply(text="done")

    core.services.commands["slow"] = Command("slow", "Waits", slow)
    running = asyncio.create_task(ana.say("/slow"))
    while core.gate.running == 0:
        await asyncio.sleep(0)
    core.gate.close()
    assert await core.gate.drained(timeout=0.01) is False
    release.set()
    assert await core.gate.drained(timeout=1) is True
    assert (await running).text == "done"
