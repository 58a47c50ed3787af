"""Settings come from the environment and rebound.toml, checked once with messages that help."""

from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from bot.config import ConfigError, Settings, load

DISCORD = "MTA5ODc2NTQzMjEwOTg3NjU0.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB"
KEY = Fernet.generate_key().decode()


def problems(env: dict[str, str], config: Path | None = None) -> str:
    with pytest.raises(ConfigError) as caught:
        load(env, config)
    return str(caught.value)


def test_defaults_need_nothing_but_a_database(tmp_path: Path):
    settings = load({"REBOUND_DB": str(tmp_path / "r.db")})
    assert settings.db_path == tmp_path / "r.db"
    assert (settings.timezone, settings.log_format, settings.metrics_port) == ("UTC", "keyvalue", None)
    assert settings.encryption_keys == () and settings.retention_days is None
    assert Settings(db_path=tmp_path / "x.db").log_level == "INFO"


def test_from_env_still_works_for_existing_callers(tmp_path: Path):
    settings = Settings.from_env({"REBOUND_DB": str(tmp_path / "r.db"), "REBOUND_LOG_LEVEL": "debug"})
    assert settings.log_level == "DEBUG"


def test_every_problem_is_reported_at_once_naming_the_setting(tmp_path: Path):
    text = problems({"REBOUND_DB": str(tmp_path / "r.db"), "REBOUND_TIMEZONE": "Europe/Berln",
                     "REBOUND_METRICS_PORT": "ninety", "REBOUND_RETENTION_DAYS": "0",
                     "REBOUND_LOG_FORMAT": "xml"})
    assert "REBOUND_TIMEZONE: expected an IANA time zone" in text and "Did you mean Europe/Berlin" in text
    assert "REBOUND_METRICS_PORT: expected a port number from 1 to 65535" in text
    assert "REBOUND_RETENTION_DAYS: expected a whole number of days" in text
    assert "REBOUND_LOG_FORMAT: expected one of keyvalue, json" in text


def test_an_unwritable_database_path_is_named(tmp_path: Path):
    # A folder cannot be made inside a plain file, not even by root.
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    text = problems({"REBOUND_DB": str(blocker / "sub" / "r.db")})
    assert f"REBOUND_DB: expected a path Rebound can create, but {blocker} is not a writable" in text


def test_a_folder_is_not_a_database_file(tmp_path: Path):
    assert "is a folder" in problems({"REBOUND_DB": str(tmp_path)})
    (tmp_path / "file").write_text("")
    text = problems({"REBOUND_DB": str(tmp_path / "file" / "r.db")})
    assert f"REBOUND_DB: expected a path Rebound can create, but {tmp_path / 'file'} is not" in text


@pytest.mark.parametrize("name, value, expected", [
    ("DISCORD_TOKEN", "1234567890", "three parts separated by dots"),
    ("DISCORD_TOKEN", f"Bot {DISCORD}", "remove the “Bot ” in front"),
    ("DISCORD_TOKEN", f'"{DISCORD}"', "without quotes"),
    ("SLACK_BOT_TOKEN", "xoxp-1234-5678-abcdefgh", "starts with “xoxp-”, which is a user token"),
    ("SLACK_SIGNING_SECRET", "not-hex", "32 hexadecimal characters"),
    ("REBOUND_ENCRYPTION_KEY", f"{KEY},short", "key number 2 is not one; create one with"),
])
def test_malformed_secrets_are_described_never_echoed(tmp_path: Path, name, value, expected):
    env = {"REBOUND_DB": str(tmp_path / "r.db"), name: value}
    if name.startswith("SLACK"):
        env.update(SLACK_MODE="http", SLACK_BOT_TOKEN=env.get("SLACK_BOT_TOKEN", "xoxb-1-2-abcdefgh"))
    text = problems(env)
    assert f"{name}: expected" in text and expected in text
    assert value not in text and "abcdefgh" not in text


def test_a_half_configured_slack_names_the_missing_token(tmp_path: Path):
    text = problems({"REBOUND_DB": str(tmp_path / "r.db"), "SLACK_APP_TOKEN": "xapp-1-A1-123456789"})
    assert "SLACK_BOT_TOKEN: missing" in text
    text = problems({"REBOUND_DB": str(tmp_path / "r.db"), "SLACK_BOT_TOKEN": "xoxb-1-2-abcdefgh"})
    assert "SLACK_APP_TOKEN: missing; Socket Mode needs" in text


def test_well_formed_tokens_pass_and_are_kept_out_of_repr(tmp_path: Path):
    settings = load({"REBOUND_DB": str(tmp_path / "r.db"), "DISCORD_TOKEN": DISCORD,
                     "SLACK_BOT_TOKEN": "xoxb-1-2-abcdefgh", "SLACK_APP_TOKEN": "xapp-1-A1-123456789",
                     "REBOUND_ENCRYPTION_KEY": KEY})
    assert settings.encryption_keys == (KEY,)
    assert DISCORD not in repr(settings) and KEY not in repr(settings)
    assert {DISCORD, KEY, "xoxb-1-2-abcdefgh"} <= set(settings.secrets)


def test_rebound_toml_sets_the_same_variables_and_the_environment_wins(tmp_path: Path):
    config = tmp_path / "rebound.toml"
    config.write_text(f'db = "{tmp_path / "file.db"}"\ntimezone = "Asia/Tokyo"\nmetrics_port = 9108\n'
                      f'encryption_key = ["{KEY}"]\n[discord]\ntoken = "{DISCORD}"\n')
    settings = load({"REBOUND_TIMEZONE": "Europe/Paris"}, config)
    assert settings.db_path == tmp_path / "file.db" and settings.metrics_port == 9108
    assert settings.timezone == "Europe/Paris" and settings.encryption_keys == (KEY,)
    assert settings.env["DISCORD_TOKEN"] == DISCORD and settings.config_file == config


def test_rebound_toml_problems_name_the_file_and_key(tmp_path: Path):
    config = tmp_path / "rebound.toml"
    config.write_text('db = "x.db"\ntimezone = "Mars/Base"\ncolour = "blue"\n[telegram]\ntoken = "x"\n')
    text = problems({}, config)
    assert "rebound.toml: timezone: expected an IANA time zone" in text
    assert "unknown setting “colour”" in text and "unknown table [telegram]" in text


def test_rebound_toml_is_found_through_rebound_config_or_the_working_folder(tmp_path: Path,
                                                                            monkeypatch):
    assert "REBOUND_CONFIG: expected an existing file" in problems(
        {"REBOUND_CONFIG": str(tmp_path / "missing.toml")})
    (tmp_path / "rebound.toml").write_text(f'db = "{tmp_path / "here.db"}"\n')
    monkeypatch.chdir(tmp_path)
    assert load({}).db_path == tmp_path / "here.db"


def test_broken_toml_is_reported(tmp_path: Path):
    config = tmp_path / "rebound.toml"
    config.write_text("db = \n")
    assert "is not valid TOML" in problems({}, config)


async def test_new_communities_start_in_the_configured_time_zone(tmp_path: Path, clock, library):
    from bot.app import build
    from tests.conftest import Member

    core = await build(Settings(db_path=tmp_path / "r.db", timezone="Asia/Tokyo"), clock, library)
    reply = await Member(core).say("/settings")
    await core.services.db.close()
    fields = {f.name: f.value for s in reply.sections for f in s.fields}
    assert fields["timezone"] == "Asia/Tokyo (the community’s)"
