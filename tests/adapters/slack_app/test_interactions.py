"""Modals opened and submitted, buttons pressed (also after a restart), Home buttons."""

from __future__ import annotations

from adapters.slack_app.serve import start
from adapters.slack_app.settings import SlackSettings
from bot.core import Rebound
from tests.adapters.slack_app.conftest import ANA, SECRET
from tests.adapters.slack_app.fake_slack import FakeSlack
from tests.adapters.slack_app.workspace import Workspace, action_ids, block_text
from tests.conftest import count_rows


async def test_a_modal_opened_for_missing_options_is_submitted_and_answered_in_the_channel(
        workspace: Workspace, fake: FakeSlack, core: Rebound):
    await workspace.command(ANA, "log count:2")
    view = fake.calls_to("views.open")[-1].args["view"]
    activity = next(b for b in view["blocks"] if b["block_id"] == "activity")["element"]
    assert "initial_option" not in activity
    sent = await workspace.submit(ANA, view, activity="networked", count="2", day="today")
    assert (sent.status, sent.body) == (200, "")
    assert await core.services.db.fetchval("SELECT count FROM activities WHERE activity = 'networked'") == 2
    answer = fake.calls_to("chat.postEphemeral")[-1].args
    assert (answer["channel"], answer["user"]) == ("C1", ANA)
    assert answer["blocks"]


async def test_a_modal_value_the_core_rejects_keeps_the_modal_open_with_the_reason(
        workspace: Workspace, fake: FakeSlack, core: Rebound):
    await workspace.command(ANA, "checkin")
    view = fake.calls_to("views.open")[-1].args["view"]
    sent = await workspace.submit(ANA, view, feeling="9")
    assert sent.json()["response_action"] == "errors"
    assert "feeling can’t be 9" in sent.json()["errors"]["feeling"]
    assert await count_rows(core, "checkins") == 0
    assert fake.calls_to("chat.postEphemeral") == []


async def test_crisis_words_in_a_modal_get_care_before_any_field_error(
        workspace: Workspace, fake: FakeSlack, core: Rebound):
    await workspace.command(ANA, "checkin")
    view = fake.calls_to("views.open")[-1].args["view"]
    sent = await workspace.submit(ANA, view, feeling="0", note="i dont want to be alive anymore")
    assert sent.json() == {}
    care = block_text(fake.calls_to("chat.postEphemeral")[-1].args["blocks"])
    assert "findahelpline.com" in care
    assert await count_rows(core, "checkins") == 0


async def test_the_rejection_form_is_submitted_and_its_buttons_work(workspace: Workspace,
                                                                    fake: FakeSlack, core: Rebound):
    await workspace.command(ANA, "rejection")
    view = fake.calls_to("views.open")[-1].args["view"]
    await workspace.submit(ANA, view, company="Acme", stage="final", feeling="2")
    assert await core.services.db.fetchval("SELECT stage FROM rejections") == "final"
    reply = fake.calls_to("chat.postEphemeral")[-1].args
    draft = next(i for i in action_ids(reply["blocks"]) if i.startswith("rb:draft:feedback:"))
    await workspace.press(ANA, draft)
    shown = block_text(fake.calls_to("response_url")[-1].args["blocks"])
    assert "Acme" in shown and "```" in shown


async def test_a_confirmation_button_runs_the_core_action(workspace: Workspace, fake: FakeSlack,
                                                          core: Rebound):
    await workspace.command(ANA, "checkin 4")
    await workspace.command(ANA, "privacy delete")
    ids = action_ids(fake.calls_to("response_url")[-1].args["blocks"])
    assert ids == ["rb:privacy:delete", "rb:privacy:keep"]
    await workspace.press(ANA, "rb:privacy:keep")
    assert "Nothing was deleted" in block_text(fake.calls_to("response_url")[-1].args["blocks"])
    await workspace.press(ANA, "rb:privacy:delete")
    assert await count_rows(core, "checkins") == 0
    assert fake.calls_to("response_url")[-1].args["response_type"] == "ephemeral"


async def test_buttons_keep_working_after_a_restart(workspace: Workspace, fake: FakeSlack, core: Rebound,
                                                    settings: SlackSettings):
    await workspace.command(ANA, "privacy delete")
    button = action_ids(fake.calls_to("response_url")[-1].args["blocks"])[1]
    await workspace.running.close()
    restarted = await start(core, settings)
    try:
        await Workspace(fake, restarted, SECRET).press(ANA, button)
    finally:
        await restarted.close()
    assert "Nothing was deleted" in block_text(fake.calls_to("response_url")[-1].args["blocks"])


async def test_home_buttons_run_commands_privately_in_the_dm(workspace: Workspace, fake: FakeSlack):
    await workspace.press(ANA, "rb:run:tip", home=True)
    dm = fake.calls_to("chat.postMessage")[-1].args
    assert dm["channel"] == "D" + ANA and dm["blocks"]
    await workspace.press(ANA, "rb:run:reflect new", home=True)
    view = fake.calls_to("views.open")[-1].args["view"]
    assert view["title"]["text"] == "Reflect on an interview"
    await workspace.submit(ANA, view, went_well="Stayed calm")
    assert fake.calls_to("chat.postMessage")[-1].args["channel"] == "D" + ANA


async def test_a_private_answer_slack_cannot_show_in_the_channel_goes_to_the_dm(
        workspace: Workspace, fake: FakeSlack):
    await workspace.command(ANA, "draft")
    view = fake.calls_to("views.open")[-1].args["view"]
    fake.fail("chat.postEphemeral", "channel_not_found")
    await workspace.submit(ANA, view, kind="thank-you", company="Acme")
    dm = fake.calls_to("chat.postMessage")[-1].args
    assert dm["channel"] == "D" + ANA
    assert "Acme" in block_text(dm["blocks"])
