"""The synced command payload, and syncing only when the declarations changed."""

from __future__ import annotations

from bot.commands.spec import Command, Option, OptionKind
from bot.core import Rebound
from bot.replies import Reply
from tests.adapters.discord_app import fake_payloads as p
from tests.adapters.discord_app.conftest import RunningBot
from tests.adapters.discord_app.fake_discord import FakeDiscord

GLOBAL = rf"applications/{p.APP_ID}/commands"


def by_name(items: list[dict]) -> dict[str, dict]:
    return {item["name"]: item for item in items}


async def test_every_declared_command_is_synced_guild_only_with_its_options(bot, fake, core):
    [sync] = fake.find("PUT", GLOBAL)
    synced = by_name(sync.body)
    assert set(synced) == {c.group for c in core.commands.values()}
    for name, command in synced.items():
        admin = all(c.admin_only for c in core.commands.values() if c.group == name)
        expected = p.MANAGE_GUILD if admin else None
        assert command["default_member_permissions"] == expected
    for command in synced.values():
        assert command["contexts"] == [0] and command["dm_permission"] is False
        assert command["integration_types"] == [0]
        assert 1 <= len(command["description"]) <= 100


async def test_options_carry_types_limits_choices_and_autocomplete(bot, fake):
    synced = by_name(fake.find("PUT", GLOBAL)[0].body)
    checkin = by_name(synced["checkin"]["options"])
    assert checkin["feeling"] == {**checkin["feeling"], "type": 4, "required": True,
                                  "min_value": 1, "max_value": 5}
    assert checkin["note"]["type"] == 3 and checkin["note"]["max_length"] == 1000
    log = by_name(synced["log"]["options"])
    assert {"name": "followed up", "value": "followed_up"} in log["activity"]["choices"]
    settings = by_name(synced["settings"]["options"])
    assert settings["timezone"]["autocomplete"] is True
    assert "choices" not in settings["timezone"]
    assert [c["value"] for c in settings["nudges"]["choices"]] == ["on", "off"]
    win = by_name(synced["win"]["options"])
    assert win["text"]["required"] is True and win["text"]["max_length"] == 500


async def test_subcommands_become_groups(bot, fake):
    synced = by_name(fake.find("PUT", GLOBAL)[0].body)
    for group, subs in {"goal": {"set", "show", "clear"}, "privacy": {"export", "delete"},
                        "reflect": {"new", "history"}}.items():
        options = synced[group]["options"]
        assert {o["name"] for o in options} == subs
        assert all(o["type"] == 1 for o in options)
    goal_set = by_name(by_name(synced["goal"]["options"])["set"]["options"])
    assert goal_set["target"]["min_value"] == 1 and goal_set["target"]["max_value"] == 100
    assert [o["name"] for o in by_name(synced["goal"]["options"])["set"]["options"]] == \
        ["activity", "target", "period"]


async def test_admin_commands_need_manage_server_and_deeper_names_nest(core, fake):
    async def noop(ctx, opts):
        return Reply(text="ok")

    core.commands["audit show"] = Command("audit show", "Show the audit", noop, admin_only=True)
    core.commands["audit channel set"] = Command(
        "audit channel set", "Pick the audit channel", noop, admin_only=True,
        options=(Option("channel", "Channel id", OptionKind.TEXT, required=True),))
    running = RunningBot(core, fake, fake.env())
    await running.start()
    await running.stop()
    audit = by_name(fake.find("PUT", GLOBAL)[0].body)["audit"]
    assert audit["default_member_permissions"] == p.MANAGE_GUILD
    channel = by_name(audit["options"])["channel"]
    assert channel["type"] == 2 and channel["options"][0]["name"] == "set"


async def test_restart_does_not_sync_unchanged_commands_again(core: Rebound, fake: FakeDiscord):
    for _ in range(2):
        running = RunningBot(core, fake, fake.env())
        await running.start()
        await running.stop()
    assert len(fake.find("PUT", GLOBAL)) == 1
    assert len(fake.find("GET", r"users/@me")) == 2


async def test_changed_declarations_sync_again(core: Rebound, fake: FakeDiscord):
    running = RunningBot(core, fake, fake.env())
    await running.start()
    await running.stop()

    async def noop(ctx, opts):
        return Reply(text="ok")

    core.commands["pause"] = Command("pause", "Take a break from reminders", noop)
    await running.start()
    await running.stop()
    syncs = fake.find("PUT", GLOBAL)
    assert len(syncs) == 2 and "pause" in by_name(syncs[1].body)


async def test_development_guild_gets_the_commands_instantly(core: Rebound, fake: FakeDiscord):
    running = RunningBot(core, fake, fake.env(DISCORD_DEV_GUILD=str(p.GUILD_ID)))
    await running.start()
    await running.stop()
    assert fake.find("PUT", GLOBAL) == []
    [sync] = fake.find("PUT", rf"applications/{p.APP_ID}/guilds/{p.GUILD_ID}/commands")
    assert "checkin" in by_name(sync.body)


async def test_only_the_guilds_intent_is_requested(bot, fake):
    assert fake.identifies[0]["intents"] == 1
