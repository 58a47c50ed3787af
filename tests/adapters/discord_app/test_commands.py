"""Every member command through discord.py, asserting on what Discord receives."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.commands.registry import all_commands
from bot.commands.spec import Command, OptionKind
from bot.replies import Reply
from tests.adapters.discord_app import fake_payloads as p
from tests.adapters.discord_app.conftest import RunningBot
from tests.adapters.discord_app.fake_discord import Call

DEFERRED = 5
MODAL = 9
AUTOCOMPLETE = 8
EPHEMERAL = 64
NO_PINGS = {"parse": []}


async def answer(bot, fake, name: str, **values: Any) -> list[Call]:
    """Use a command; check it was deferred privately; return its follow-ups."""
    interaction = await bot.slash(name, **values)
    callback = await fake.callback(interaction)
    assert callback.body == {"type": DEFERRED, "data": {"flags": EPHEMERAL}}
    followups = await fake.followups(interaction)
    assert all(f.flags & EPHEMERAL for f in followups)
    assert all(f.body["allowed_mentions"] == NO_PINGS for f in followups)
    return followups


def components(call: Call) -> list[dict[str, Any]]:
    return [c for row in call.body.get("components", []) for c in row["components"]]


def sample(command: Command) -> dict[str, Any]:
    """The smallest valid-looking option values a member could send."""
    values: dict[str, Any] = {}
    for option in command.options:
        if option.required:
            values[option.name] = (option.choices[0] if option.kind is OptionKind.CHOICE else
                                   option.min_value or 1 if option.kind is OptionKind.INTEGER else
                                   "Acme")
    return values


@pytest.mark.parametrize("name", list(all_commands()))
async def test_every_declared_command_answers_through_discord(bot, fake, name):
    command = bot.core.commands[name]
    interaction = await bot.slash(name, **sample(command))
    callback = await fake.callback(interaction)
    if callback.body["type"] == MODAL:
        assert callback.body["data"]["custom_id"] == f"rbm:cmd:{name}"
        return
    assert callback.body["type"] == DEFERRED
    [first, *_] = await fake.followups(interaction)
    assert first.body.get("content") or first.body.get("embeds")


async def test_checkin_is_private_and_pings_nobody(bot, fake):
    [reply] = await answer(bot, fake, "checkin", feeling=4, note="Good call with a recruiter")
    assert reply.body["content"]
    assert reply.query == {"wait": "1", "with_components": "0"}


async def test_log_then_goal_set_show_and_clear(bot, fake):
    [logged] = await answer(bot, fake, "log", activity="applied", count=2)
    assert "2" in logged.body["content"]
    [goal] = await answer(bot, fake, "goal set", activity="applied", target=5, period="week")
    assert goal.body["content"].startswith("Goal set: 5 applications a week")
    [shown] = await answer(bot, fake, "goal show")
    assert "2 this week" in shown.body["embeds"][0]["description"]
    [cleared] = await answer(bot, fake, "goal clear", activity="applied")
    assert cleared.body["content"].startswith("Cleared your applied goal")


async def test_streak_attaches_the_calendar_with_alt_text(bot, fake):
    await answer(bot, fake, "log", activity="practiced")
    [reply] = await answer(bot, fake, "streak")
    [(filename, png)] = reply.files
    assert filename == "streak.png" and png.startswith(b"\x89PNG")
    [attachment] = reply.body["attachments"]
    assert attachment["filename"] == "streak.png" and len(attachment["description"]) > 20
    image_embed = reply.body["embeds"][-1]
    assert image_embed["image"]["url"] == "attachment://streak.png"
    assert image_embed["description"] == attachment["description"]
    assert any(e.get("title") == "Last 12 weeks" for e in reply.body["embeds"])


async def test_tip_practice_and_draft(bot, fake):
    [tip] = await answer(bot, fake, "tip", topic="networking")
    assert tip.body["content"].startswith("**Networking**")
    [question] = await answer(bot, fake, "practice")
    assert question.body.get("content") or question.body.get("embeds")
    [draft] = await answer(bot, fake, "draft", kind="thank-you", company="Acme")
    subject = draft.body["embeds"][0]
    assert subject["title"].startswith("Subject:") and subject["description"].startswith("```")


async def test_reflect_history_stats_and_help(bot, fake):
    [history] = await answer(bot, fake, "reflect history")
    assert "No reflections yet" in history.body["content"]
    [stats] = await answer(bot, fake, "stats")
    fields = {f["name"]: f["value"] for f in stats.body["embeds"][0]["fields"]}
    assert fields["Applications"] == "0" and fields["This week"] == "0 actions"
    [help_] = await answer(bot, fake, "help")
    assert "`/checkin`" in help_.body["embeds"][0]["description"]


async def test_rejection_with_options_offers_persistent_buttons(bot, fake):
    [reply] = await answer(bot, fake, "rejection", company="Acme", stage="final", feeling=2)
    titles = [e.get("title") for e in reply.body["embeds"]]
    assert "One next step" in titles
    ids = [c["custom_id"] for c in components(reply)]
    assert ids[0].startswith("rb:draft:feedback:") and all(i.startswith("rb:") for i in ids)
    assert components(reply)[0]["style"] == 1


async def test_win_is_posted_in_the_channel_pinging_only_the_winner(bot, fake):
    [private] = await answer(bot, fake, "win", text="Got a second interview @everyone")
    assert "everyone" in private.body["content"]  # the core refuses the mass mention
    [private] = await answer(bot, fake, "win", text="Got a second interview!")
    [post] = await fake.posts(p.GENERAL_ID)
    assert f"<@{p.ANA_ID}>" in post.body["content"]
    assert post.body["allowed_mentions"] == {"parse": [], "users": [p.ANA_ID]}
    assert "flags" not in post.body or not post.body["flags"] & EPHEMERAL


async def test_settings_suggests_time_zones_and_saves_one(bot, fake):
    interaction = await bot.autocomplete("settings", "timezone", timezone="europe/lon")
    callback = await fake.callback(interaction)
    assert callback.body["type"] == AUTOCOMPLETE
    assert {"name": "Europe/London", "value": "Europe/London"} in callback.body["data"]["choices"]
    [saved] = await answer(bot, fake, "settings", timezone="Europe/London", day_start=4)
    assert saved.body["content"].startswith("Saved.")
    [shown] = await answer(bot, fake, "settings")
    fields = {f["name"]: f["value"] for f in shown.body["embeds"][0]["fields"]}
    assert fields["timezone"] == "Europe/London" and fields["day_start"] == "4:00"


async def test_privacy_export_attaches_the_json(bot, fake):
    await answer(bot, fake, "checkin", feeling=3)
    [reply] = await answer(bot, fake, "privacy export")
    [(filename, data)] = reply.files
    assert filename == "rebound-export.json"
    assert json.loads(data)["data"]["checkins"][0]["feeling"] == 3


async def test_privacy_delete_asks_with_buttons(bot, fake):
    [reply] = await answer(bot, fake, "privacy delete")
    buttons = components(reply)
    assert [(b["custom_id"], b["style"]) for b in buttons] == [("rb:privacy:delete", 4),
                                                               ("rb:privacy:keep", 2)]


async def test_admin_command_is_refused_without_manage_server(core, fake):
    async def audit(ctx, opts):
        return Reply(text="Audit: all fine.")

    core.commands["audit"] = Command("audit", "Check the community setup", audit, admin_only=True)
    running = RunningBot(core, fake, fake.env())
    await running.start()
    refused = await running.slash("audit", user=p.BEN_ID)
    allowed = await running.slash("audit", user=p.OWNER_ID, admin=True)
    [no] = await fake.followups(refused)
    [yes] = await fake.followups(allowed)
    await running.stop()
    assert no.body["content"].startswith("Only this community’s admins can use `/audit`")
    assert yes.body["content"] == "Audit: all fine."
