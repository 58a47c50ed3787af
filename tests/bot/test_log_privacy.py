"""Members' words never reach a log line, even at DEBUG and even when a handler fails."""

import logging

from bot.commands.options import note
from bot.commands.spec import Command

SECRET = "my-manager-was-awful-zebra"


async def test_free_text_never_appears_in_logs(core, ana, caplog):
    async def broken(ctx, opts):
        raise RuntimeError("failed")

    core.services.commands["broken"] = Command("broken", "Breaks", broken, options=(note(),))
    with caplog.at_level(logging.DEBUG):
        await ana.say(f"/checkin 2 {SECRET}")
        await ana.say(f"/rejection company:{SECRET} stage:final note:{SECRET}")
        await ana.say(f"/win {SECRET}")
        await ana.say(f"/broken {SECRET}")
        await ana.say(f"/log applied note:{SECRET} extra:{SECRET}")
    text = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert "command=checkin" in text and "outcome=error" in text
    assert SECRET not in text
