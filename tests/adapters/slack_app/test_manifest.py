"""`rebound slack manifest`, the settings Slack reads, and how `rebound` finds the Slack platform."""

from __future__ import annotations

import json

import pytest

from adapters.slack_app.manifest import BOT_SCOPES, build_manifest
from adapters.slack_app.settings import SlackConfigError, SlackSettings, configured
from bot.cli import main, parser
from bot.commands.registry import all_commands
from bot.config import Settings
from bot.platforms import discover


def test_the_manifest_is_generated_from_the_declarations_for_socket_mode():
    commands = all_commands()
    manifest = build_manifest(commands)
    slash = manifest["features"]["slash_commands"][0]
    assert slash["command"] == "/rebound" and "url" not in slash
    groups = {c.group for c in commands.values() if not c.admin_only}
    assert all(g in slash["usage_hint"] for g in groups)
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert manifest["settings"]["interactivity"] == {"is_enabled": True}
    assert manifest["settings"]["event_subscriptions"]["bot_events"] == ["app_home_opened"]
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert manifest["oauth_config"]["scopes"]["bot"] == list(BOT_SCOPES)


def test_an_http_manifest_points_every_request_url_at_the_server():
    url = "https://rebound.example.org/slack/events"
    manifest = build_manifest(all_commands(), command="/cheer", http_url=url)
    slash = manifest["features"]["slash_commands"][0]
    assert (slash["command"], slash["url"]) == ("/cheer", url)
    assert manifest["settings"]["socket_mode_enabled"] is False
    assert manifest["settings"]["interactivity"]["request_url"] == url
    assert manifest["settings"]["event_subscriptions"]["request_url"] == url


def test_the_cli_prints_the_manifest(capsys: pytest.CaptureFixture[str]):
    assert main(["slack", "manifest", "--command", "cheer", "--name", "Cheer"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["features"]["slash_commands"][0]["command"] == "/cheer"
    assert printed["display_information"]["name"] == "Cheer"


def test_the_manifest_names_the_command_set_in_rebound_toml(tmp_path, capsys: pytest.CaptureFixture[str]):
    config = tmp_path / "rebound.toml"
    config.write_text('[slack]\ncommand = "cheer"\n', encoding="utf-8")
    args = parser().parse_args(["slack", "manifest"])
    assert args.func(args, Settings.from_env({}, config=config)) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["features"]["slash_commands"][0]["command"] == "/cheer"


def test_rebound_discovers_the_slack_platform():
    assert "slack" in [p.name for p in discover()]


def test_settings_default_to_socket_mode_and_read_every_variable():
    settings = SlackSettings.from_env({
        "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1", "SLACK_COMMAND": "cheer",
        "SLACK_ADMIN_IDS": "U1, U2", "SLACK_API_BASE": "https://slack-gov.com/api/"})
    assert (settings.mode, settings.command, settings.admin_ids) == ("socket", "/cheer",
                                                                     frozenset({"U1", "U2"}))
    assert settings.api_base == "https://slack-gov.com/api/"
    http = SlackSettings.from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_MODE": "http",
                                   "SLACK_SIGNING_SECRET": "s", "SLACK_PORT": "8080"})
    assert (http.mode, http.port, http.path) == ("http", 8080, "/slack/events")


@pytest.mark.parametrize(("env", "names"), [
    ({}, "SLACK_BOT_TOKEN"),
    ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_APP_TOKEN"),
    ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_MODE": "http"}, "SLACK_SIGNING_SECRET"),
    ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_MODE": "webhook"}, "SLACK_MODE"),
    ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "x", "SLACK_PORT": "eighty"}, "SLACK_PORT"),
])
def test_bad_settings_name_the_variable(env: dict[str, str], names: str):
    with pytest.raises(SlackConfigError, match=names):
        SlackSettings.from_env(env)


def test_slack_is_configured_by_its_bot_token():
    assert configured({"SLACK_BOT_TOKEN": "xoxb-1"}) and not configured({"DISCORD_TOKEN": "x"})
