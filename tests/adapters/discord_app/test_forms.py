"""Forms as modals: opened at once, split at five fields, answered after a restart."""

from __future__ import annotations

from typing import Any

from bot.commands.spec import Command, Option, OptionKind
from bot.replies import Reply
from tests.adapters.discord_app import fake_payloads as p
from tests.adapters.discord_app.conftest import RunningBot
from tests.adapters.discord_app.fake_discord import Call

MODAL = 9
DEFERRED = 5
MESSAGE = 4


def inputs(modal: Call) -> dict[str, dict[str, Any]]:
    """The inputs of a modal by custom_id, from its label components."""
    return {row["component"]["custom_id"]: row["component"] for row in modal.body["data"]["components"]}


def buttons(call: Call) -> list[dict[str, Any]]:
    body = call.body.get("data", call.body)
    return [c for row in body.get("components", []) for c in row["components"]]


async def test_rejection_opens_a_modal_without_waiting_for_the_database(bot, fake, core):
    async with core.services.db.transaction():  # the database is busy; the modal must not wait
        interaction = await bot.slash("rejection")
        modal = await fake.callback(interaction)
    assert modal.body["type"] == MODAL
    assert modal.body["data"]["custom_id"] == "rbm:cmd:rejection"
    assert modal.body["data"]["title"] == "Log a rejection"
    fields = inputs(modal)
    assert list(fields) == ["company", "role", "stage", "feeling", "note"]
    assert fields["stage"]["type"] == 3
    assert [o["value"] for o in fields["stage"]["options"]] == ["applied", "screen", "interview",
                                                                "final", "offer"]
    assert fields["company"] == {**fields["company"], "type": 4, "style": 1, "max_length": 100}
    assert fields["note"]["style"] == 2 and fields["note"]["required"] is False


async def test_submitting_the_rejection_modal_logs_it(bot, fake, core):
    submitted = await bot.submit("rbm:cmd:rejection",
                                 {"company": "Acme", "role": "", "stage": "interview",
                                  "feeling": "2", "note": ""}, selects=("stage",))
    assert (await fake.callback(submitted)).body == {"type": DEFERRED, "data": {"flags": 64}}
    [reply] = await fake.followups(submitted)
    assert any(e.get("title") == "One next step" for e in reply.body["embeds"])
    row = await core.services.db.fetchone("SELECT company, stage, feeling FROM rejections")
    assert tuple(row) == ("Acme", "interview", 2)


async def test_a_form_after_a_deferral_opens_from_a_button(bot, fake):
    logged = await bot.slash("rejection", company="Acme", feeling=3)
    [reply] = await fake.followups(logged)
    assert "stage" in reply.body["content"]
    [open_form] = buttons(reply)
    assert open_form["custom_id"].startswith("rbform:")
    pressed = await bot.press(fake.messages[_last_id(fake)], open_form["custom_id"])
    modal = await fake.callback(pressed)
    assert modal.body["type"] == MODAL
    assert inputs(modal)["company"]["value"] == "Acme"
    assert inputs(modal)["feeling"]["value"] == "3"


async def test_a_form_button_for_someone_else_or_after_a_restart_says_it_expired(bot, fake):
    logged = await bot.slash("rejection", company="Acme")
    [reply] = await fake.followups(logged)
    message, custom_id = fake.messages[_last_id(fake)], buttons(reply)[0]["custom_id"]
    by_ben = await fake.callback(await bot.press(message, custom_id, user=p.BEN_ID))
    await bot.stop()
    await bot.start()
    after_restart = await fake.callback(await bot.press(message, custom_id))
    for callback in (by_ben, after_restart):
        assert callback.body["type"] == MESSAGE and callback.body["data"]["flags"] == 64
        assert callback.body["data"]["content"].startswith("That form has expired")


async def test_a_long_form_is_split_into_modals_of_five(core, fake):
    async def survey(ctx, opts):
        return Reply(text=f"Thanks: {', '.join(sorted(opts))}.")

    options = tuple(Option(f"q{i}", f"Question {i}", OptionKind.TEXT) for i in range(7))
    core.commands["survey"] = Command("survey", "A long survey", survey, options=options,
                                      form_title="Survey")
    running = RunningBot(core, fake, fake.env())
    await running.start()
    first = await fake.callback(await running.slash("survey"))
    assert list(inputs(first)) == ["q0", "q1", "q2", "q3", "q4"]
    assert first.body["data"]["title"] == "Survey (1/2)"
    part = await running.submit(first.body["data"]["custom_id"], {f"q{i}": f"a{i}" for i in range(5)})
    prompt = await fake.callback(part)
    assert prompt.body["type"] == MESSAGE and prompt.body["data"]["flags"] == 64
    [next_button] = buttons(prompt)
    assert next_button["label"] == "Continue (2/2)"
    message = p.message(str(p.GENERAL_ID), prompt.body["data"], [])
    second = await fake.callback(await running.press(message, next_button["custom_id"]))
    assert list(inputs(second)) == ["q5", "q6"]
    done = await running.submit(second.body["data"]["custom_id"], {"q5": "a5", "q6": "a6"})
    [reply] = await fake.followups(done)
    await running.stop()
    assert reply.body["content"] == "Thanks: q0, q1, q2, q3, q4, q5, q6."


async def test_a_modal_submitted_after_a_restart_is_still_answered(bot, fake, core):
    await bot.stop()
    await bot.start()
    submitted = await bot.submit("rbm:cmd:reflect new", {"went_well": "Clear examples",
                                                         "next_steps": "System design"})
    [reply] = await fake.followups(submitted)
    assert reply.body["embeds"][0]["title"] == "Your next step"
    assert await core.services.db.fetchval("SELECT COUNT(*) FROM reflections") == 1


def _last_id(fake) -> str:
    return list(fake.messages)[-1]
