"""The deploy files use only commands and settings that exist. Nothing is built: CI has no Docker."""

import argparse
import configparser
import importlib.util
import itertools
import json
import re
import shlex
from pathlib import Path

import pytest
import yaml

from bot.cli import parser
from bot.config import NAMES, VARIABLES, load
from bot.config_file import read
from bot.ops.runner import DRAIN_SECONDS
from bot.scheduling.scheduler import STOP_WAIT

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
UNITS = ("rebound.service", "rebound-backup.service")
ADAPTER_SOURCE = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "adapters").rglob("*.py"))


def known_variable(name: str) -> bool:
    """Rebound's own settings, or a platform variable an adapter actually reads."""
    if name.startswith(("DISCORD_", "SLACK_")):
        return f'"{name}"' in ADAPTER_SOURCE
    return name in NAMES


def command_problem(words: list[str]) -> str | None:
    """Walk the CLI's subcommands; name the first word that is not one."""
    current = parser()
    for word in words:
        choices = next((a.choices for a in current._actions
                        if isinstance(a, argparse._SubParsersAction)), None)
        if choices is None:
            return None
        if word not in choices:
            return f"`{word}` is not a subcommand here (one of {', '.join(choices)})"
        current = choices[word]
    return None


def parses(argv: list[str]) -> bool:
    try:
        parser().parse_args(argv)
    except SystemExit:
        return False
    return True


def dockerfile() -> list[tuple[str, str]]:
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [(line.split(None, 1)[0], line.split(None, 1)[1]) for line in lines]


def unit(name: str) -> configparser.RawConfigParser:
    config = configparser.RawConfigParser(strict=False)
    config.optionxform = str
    config.read(DEPLOY / name, encoding="utf-8")
    return config


def test_the_image_runs_rebound_run_as_a_non_root_user_with_a_health_check():
    steps = dockerfile()
    entry = " ".join(w for k, v in steps if k in ("ENTRYPOINT", "CMD") for w in json.loads(v))
    assert entry.split()[0] == "rebound" and parses(entry.split()[1:])
    assert [v for k, v in steps if k == "USER"] == ["rebound"]
    health = next(v for k, v in steps if k == "HEALTHCHECK")
    module = re.search(r'"-m", "([\w.]+)"', health).group(1)
    assert importlib.util.find_spec(module) is not None
    copied = [v.split()[0] for k, v in steps if k == "COPY"]
    assert all((ROOT / source).exists() for source in copied)
    runs = " ".join(v for k, v in steps if k == "RUN")
    assert parses(re.search(r"&& rebound ([a-z][a-z -]*)", runs).group(1).split())


def test_the_image_sets_only_real_settings_and_keeps_the_database_on_its_volume():
    steps = dockerfile()
    env = dict(re.findall(r"(\w+)=(\S+)", " ".join(v for k, v in steps if k == "ENV")))
    assert all(known_variable(name) or name.startswith(("PYTHON", "PIP_")) for name in env)
    volume = next(v for k, v in steps if k == "VOLUME").strip('[]"')
    assert Path(env["REBOUND_DB"]).parent == Path(volume)
    assert f"EXPOSE {env['REBOUND_METRICS_PORT']}" in " ".join(f"{k} {v}" for k, v in steps)


def test_compose_builds_the_image_with_real_settings_and_enough_time_to_stop():
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text(encoding="utf-8"))
    service = compose["services"]["rebound"]
    context = (DEPLOY / service["build"]["context"]).resolve()
    assert context == ROOT and (context / service["build"]["dockerfile"]).is_file()
    assert (DEPLOY / (service["env_file"] + ".example")).is_file()
    assert all(known_variable(name) for name in service["environment"])
    mounted = {volume.split(":")[1] for volume in service["volumes"]}
    assert str(Path(service["environment"]["REBOUND_DB"]).parent) in mounted
    assert any(p.endswith(f":{service['environment']['REBOUND_METRICS_PORT']}")
               for p in service["ports"])
    assert int(service["stop_grace_period"].rstrip("s")) > DRAIN_SECONDS + STOP_WAIT
    assert parses(service.get("command", "run").split())


@pytest.mark.parametrize("name", UNITS)
def test_systemd_units_run_real_commands_with_real_settings(name):
    service = unit(name)["Service"]
    command = re.sub(r"\$\([^)]*\)", "DATE", service["ExecStart"].replace("%%", "%"))
    words = shlex.split(command)
    if words[0] == "/bin/sh":
        words = shlex.split(words[2])
    start = next(i for i, w in enumerate(words) if w.endswith("/bin/rebound"))
    assert parses(words[start + 1:]), command
    variables = re.findall(r"(\w+)=", service["Environment"])
    assert variables and all(known_variable(v) for v in variables)
    assert service["EnvironmentFile"] == "/etc/rebound/rebound.env"


def test_the_service_stops_gracefully_and_the_timer_starts_the_backup():
    service = unit("rebound.service")["Service"]
    assert service["KillSignal"] == "SIGTERM" and service["User"] != "root"
    assert int(service["TimeoutStopSec"]) > DRAIN_SECONDS + STOP_WAIT
    assert "OnCalendar" in unit("rebound-backup.timer")["Timer"]
    assert (DEPLOY / "rebound-backup.service").is_file()


def test_env_example_names_real_settings_and_every_rebound_one():
    text = (DEPLOY / ".env.example").read_text(encoding="utf-8")
    named = re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE)
    assert [n for n in named if not known_variable(n)] == []
    assert sorted(NAMES - {"REBOUND_CONFIG"} - set(named)) == []


def test_the_example_toml_loads_and_maps_to_real_settings(tmp_path):
    example = DEPLOY / "rebound.example.toml"
    assert [v for v in read(example, NAMES).values if not known_variable(v)] == []
    settings = load({"REBOUND_DB": str(tmp_path / "r.db")}, example)
    assert settings.timezone == "UTC" and settings.encryption_keys == ()


def command_problems(text: str) -> list[str]:
    """Every `rebound ...` in a text whose subcommands don't exist."""
    # `docker compose exec <service> <command>`: the service is also called rebound.
    text = text.replace("rebound rebound ", "rebound ")
    problems = []
    for match in re.finditer(r"(?<![\w./-])(?<!-u )(?:[\w./-]*/bin/)?rebound(?![\w.-])([^\n;'#&`]*)",
                             text):
        words = [w for w in match.group(1).split() if not w.startswith("-")]
        chain = list(itertools.takewhile(lambda w: re.fullmatch(r"[a-z][a-z-]*", w), words))
        problem = command_problem(chain[:2])
        if problem:
            problems.append(f"{match.group(0).strip()}: {problem}")
    return problems


def test_the_deploy_guide_links_files_that_exist_and_commands_that_exist():
    guide = (DEPLOY / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", guide)
    assert {"discord.md", "slack.md", ".env.example", "rebound.example.toml"} <= set(links)
    assert [link for link in links if not (DEPLOY / link).exists()] == []
    assert command_problems(guide) == []
    assert command_problems("rebound db restor x.db") != []


def test_the_readme_points_to_the_guide_and_lists_every_setting():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    deploy = readme.split("## Deploy", 1)[1].split("\n## ", 1)[0]
    assert "deploy/README.md" in deploy and command_problems(deploy) == []
    rows = [f"| `{v.name}` | {v.meaning} | {v.default} |" for v in VARIABLES]
    assert [row for row in rows if row not in readme] == []
