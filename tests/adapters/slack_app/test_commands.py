"""Every member command through the real Bolt app, signed HTTP in, the fake Web API out."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot import config_store, members
from bot.commands.registry import all_commands
from bot.commands.spec import Command
from bot.context import Context
from bot.core import Rebound
from bot.replies import Reply, Visibility
from tests.adapters.slack_app.conftest import ANA
from tests.adapters.slack_app.fake_slack import TEAM, FakeSlack
from tests.adapters.slack_app.workspace import Workspace, action_ids, block_text
from tests.conftest import count_rows


def last_response(fake: FakeSlack) -> dict:
    return fake.calls_to("response_url")[-1].args


@pytest.mark.parametrize(("line", "shown"), [
    ("rejection company:Acme stage:interview feeling:2", "*One next step*"),
    ("goal set applied 5 week", "Goal set: 5 applications a week"),
    ("goal show", "`/rebound goal set activity:applied target:5 period:week`"),
    ("goal clear", "There was no goal to clear"),
    ("streak", "*Last 12 weeks*"),
    ("tip mindset", "*Mindset*:"),
    ("reflect history", "`/rebound reflect new`"),
    ("draft feedback company:Acme", "Acme"),
    ("practice", "*How to approach it*"),
    ("stats", "*Applications*\n0"),
    ("settings timezone:Europe/London", "Europe/London"),
    ("settings", "*timezone*"),
    ("privacy delete", "can’t be undone"),
    ("help", "`/rebound log`: Log job-search actions"),
    ("", "`/rebound checkin`"),
    ("help log", "`activity` (required)"),
    ("nope", "Type `/rebound help`"),
])
async def test_member_commands_answer_privately_in_block_kit(workspace: Workspace, fake: FakeSlack,
                                                             line: str, shown: str):
    sent = await workspace.command(ANA, line)
    assert (sent.status, sent.body) == (200, "")
    response = last_response(fake)
    assert response["response_type"] == "ephemeral"
    assert response["replace_original"] is False
    assert shown in block_text(response["blocks"])
    assert response["text"]


async def test_logging_checking_in_and_reflecting_store_rows(workspace: Workspace, core: Rebound):
    await workspace.command(ANA, "log applied 3")
    await workspace.command(ANA, "checkin 4 a steady day")
    await workspace.command(ANA, 'reflect new went_well:"the intro" next_steps:"practise SQL"')
    assert await core.services.db.fetchval("SELECT SUM(count) FROM activities") == 3
    assert await count_rows(core, "checkins") == 1
    assert await core.services.db.fetchval("SELECT next_steps FROM reflections") == "practise SQL"


async def test_rejection_offers_buttons_that_route_to_core_actions(workspace: Workspace, fake: FakeSlack):
    await workspace.command(ANA, "rejection company:Acme stage:final feeling:1")
    ids = action_ids(last_response(fake)["blocks"])
    assert ids[0].startswith("rb:draft:feedback:") and all(i.startswith("rb:") for i in ids)
    assert all(len(i) <= 100 for i in ids)


async def test_streak_picture_goes_to_the_members_dm_with_alt_text(workspace: Workspace, fake: FakeSlack):
    await workspace.command(ANA, "log applied")
    await workspace.command(ANA, "streak")
    assert "direct messages" in block_text(last_response(fake)["blocks"])
    url_call = fake.calls_to("files.getUploadURLExternal")[-1]
    assert url_call.args["filename"] == "streak.png"
    assert url_call.args["alt_txt"].startswith("Streak calendar")
    assert fake.calls_to("upload")[-1].args["data"].startswith(b"\x89PNG")
    assert fake.calls_to("files.completeUploadExternal")[-1].args["channel_id"] == "D" + ANA


async def test_export_is_uploaded_to_the_dm_as_json(workspace: Workspace, fake: FakeSlack):
    await workspace.command(ANA, "checkin 3")
    await workspace.command(ANA, "privacy export")
    exported = json.loads(fake.calls_to("upload")[-1].args["data"])
    assert exported["data"]["checkins"][0]["feeling"] == 3
    assert fake.calls_to("files.completeUploadExternal")[-1].args["channel_id"] == "D" + ANA


async def test_a_win_is_posted_in_the_channel_escaped_and_pinging_only_its_author(
        workspace: Workspace, fake: FakeSlack):
    # Slack escapes &, < and > in slash command text.
    await workspace.command(ANA, "win Got a call back &lt;@U999&gt; &amp; co &gt; all")
    post = fake.calls_to("chat.postMessage")[-1].args
    assert post["channel"] == "C1"
    text = block_text(post["blocks"])
    assert f"<@{ANA}>" in text
    assert "Got a call back &lt;@U999&gt; &amp; co &gt; all" in text
    assert "<@U999>" not in text and "<@U999>" not in post["text"]
    assert last_response(fake)["response_type"] == "ephemeral"


async def test_a_win_goes_to_the_configured_wins_channel(workspace: Workspace, fake: FakeSlack,
                                                         core: Rebound):
    community = await members.community_for(core.services.db, "slack", TEAM, core.services.clock.now())
    await config_store.put(core.services.db, community.id, {"channel.wins": "CWINS"})
    await workspace.command(ANA, "win landed a second interview")
    assert fake.calls_to("chat.postMessage")[-1].args["channel"] == "CWINS"


async def test_a_post_slack_refuses_is_explained_privately(workspace: Workspace, fake: FakeSlack):
    fake.fail("chat.postMessage", "not_in_channel")
    await workspace.command(ANA, "win finished my portfolio")
    texts = [block_text(c.args["blocks"]) for c in fake.calls_to("response_url")]
    assert any("couldn’t share that in the channel" in t for t in texts)


async def test_missing_required_options_open_a_modal_instead_of_failing(workspace: Workspace,
                                                                         fake: FakeSlack, core: Rebound):
    await workspace.command(ANA, "checkin", trigger="trigger-checkin")
    opened = fake.calls_to("views.open")[-1].args
    assert opened["trigger_id"] == "trigger-checkin"
    assert [b["block_id"] for b in opened["view"]["blocks"]] == ["feeling", "note"]
    assert opened["view"]["blocks"][0]["optional"] is False
    assert fake.calls_to("response_url") == []
    assert await count_rows(core, "checkins") == 0


async def test_a_command_with_a_form_opens_it_when_used_alone(workspace: Workspace, fake: FakeSlack):
    await workspace.command(ANA, "rejection")
    view = fake.calls_to("views.open")[-1].args["view"]
    assert view["title"]["text"] == "Log a rejection"
    assert {b["block_id"]: b["element"]["type"] for b in view["blocks"]}["stage"] == "static_select"


async def cheer(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Stand in for a command whose reply everyone in the channel should see."""
    return Reply(text="**Well done, everyone.**", visibility=Visibility.CHANNEL)


async def test_a_shared_reply_is_posted_in_the_channel(core: Rebound, workspace: Workspace,
                                                       fake: FakeSlack):
    core.services.commands["cheer"] = Command("cheer", "Cheer the channel on", cheer)
    await workspace.command(ANA, "cheer")
    response = last_response(fake)
    assert response["response_type"] == "in_channel"
    assert block_text(response["blocks"]) == "*Well done, everyone.*"


@pytest.mark.parametrize("name", [c.name for c in all_commands().values() if not c.admin_only])
async def test_every_declared_member_command_answers_or_opens_its_form(workspace: Workspace,
                                                                      fake: FakeSlack, name: str):
    await workspace.command(ANA, name)
    if fake.calls_to("views.open"):
        assert fake.calls_to("views.open")[-1].args["view"]["blocks"]
        return
    response = last_response(fake)
    assert response["blocks"] and "something went wrong" not in response["text"]
