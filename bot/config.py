"""Read Rebound's settings from the environment and an optional rebound.toml, once, at start.

Every setting has one environment variable; ``rebound.toml`` may set the
same ones (``db = ...`` for REBOUND_DB, ``[discord] token = ...`` for
DISCORD_TOKEN) and the environment wins. All values are checked together,
so an operator sees every problem at once, each naming the setting (or the
file and key) and what was expected. Secrets are never part of a message.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from platformdirs import user_data_dir

from bot import config_checks as check
from bot.config_file import FileValues, read

T = TypeVar("T")


@dataclass(frozen=True)
class Variable:
    """One setting as an operator sees it: its variable, what it means, its default."""

    name: str
    meaning: str
    default: str


VARIABLES = (
    Variable("REBOUND_CONFIG", "a `rebound.toml` holding any of these settings",
             "`./rebound.toml` if present"),
    Variable("REBOUND_DB", "SQLite database file", "`rebound.db` in your user data directory"),
    Variable("REBOUND_CONTENT_DIR", "a folder of YAML files merged over the bundled content", "none"),
    Variable("REBOUND_LOG_LEVEL", "`DEBUG`, `INFO`, `WARNING` or `ERROR`",
             "`INFO` (`WARNING` in the console)"),
    Variable("REBOUND_LOG_FORMAT", "`keyvalue` or `json` (or `rebound --log-json ...`)", "`keyvalue`"),
    Variable("REBOUND_TIMEZONE", "IANA time zone a new community starts with", "`UTC`"),
    Variable("REBOUND_ENCRYPTION_KEY", "Fernet key for members' notes at rest (`rebound db new-key`); "
             "several, comma-separated, while rotating", "none: required by `rebound run`"),
    Variable("REBOUND_RETENTION_DAYS", "forget members' free-text notes older than this many days "
             "(counts and streaks stay)", "keep notes"),
    Variable("REBOUND_METRICS_PORT", "port serving `/healthz` and Prometheus `/metrics`", "off"),
    Variable("REBOUND_METRICS_HOST", "address that port listens on", "`127.0.0.1`"),
)
NAMES = frozenset(v.name for v in VARIABLES)
SECRET_VARIABLES = ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET",
                    "REBOUND_ENCRYPTION_KEY")
CONFIG_FILE = "rebound.toml"


class ConfigError(Exception):
    """Settings are missing or malformed; ``problems`` has one sentence per setting."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Settings:
    """Operator settings; platform adapters read their own variables from ``env``."""

    db_path: Path
    content_dir: Path | None = None
    log_level: str = "INFO"
    log_format: str = "keyvalue"
    timezone: str = "UTC"
    encryption_keys: tuple[str, ...] = field(default=(), repr=False)
    retention_days: int | None = None
    metrics_port: int | None = None
    metrics_host: str = "127.0.0.1"
    config_file: Path | None = None
    # Every variable after merging rebound.toml under the environment.
    env: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, config: Path | None = None) -> Settings:
        """Build and check settings from the environment (and rebound.toml); see :func:`load`."""
        return load(env, config)

    @property
    def secrets(self) -> tuple[str, ...]:
        """Every secret value configured, so logs can redact them."""
        values = [self.env.get(name, "") for name in SECRET_VARIABLES]
        values += [v for value in values for v in value.split(",")] + list(self.encryption_keys)
        return tuple(sorted({v.strip() for v in values if len(v.strip()) >= 8}))


def load(env: Mapping[str, str] | None = None, config: Path | None = None) -> Settings:
    """Merge the environment over rebound.toml and check every value; raise ConfigError."""
    environ = {k: v for k, v in (os.environ if env is None else env).items()}
    problems: list[str] = []
    path = config or _config_path(environ, problems)
    found = read(path, NAMES) if path else FileValues()
    problems += found.problems
    merged = {**found.values, **environ}
    values = _Values(merged, environ, found.origins, problems)
    settings = Settings(
        db_path=values.get("REBOUND_DB", lambda t: check.writable_file(Path(t).expanduser()),
                           _default_db()),
        content_dir=values.get("REBOUND_CONTENT_DIR", lambda t: Path(t).expanduser(), None),
        log_level=values.get("REBOUND_LOG_LEVEL", lambda t: check.choice(t, check.LOG_LEVELS).upper(),
                             "INFO"),
        log_format=values.get("REBOUND_LOG_FORMAT", lambda t: check.choice(t, check.LOG_FORMATS),
                              "keyvalue"),
        timezone=values.get("REBOUND_TIMEZONE", check.timezone, "UTC"),
        encryption_keys=values.get("REBOUND_ENCRYPTION_KEY", check.fernet_keys, ()),
        retention_days=values.get("REBOUND_RETENTION_DAYS", check.days, None),
        metrics_port=values.get("REBOUND_METRICS_PORT", check.port, None),
        metrics_host=values.get("REBOUND_METRICS_HOST", str, "127.0.0.1"),
        config_file=path,
        env=merged,
    )
    _check_platforms(values, problems)
    if problems:
        raise ConfigError(problems)
    return settings


def _check_platforms(values: _Values, problems: list[str]) -> None:
    """Check token shapes, and name the token missing from a half-configured platform."""
    values.get("DISCORD_TOKEN", check.discord_token, None)
    bot = values.get("SLACK_BOT_TOKEN", lambda t: check.slack_token(t, "xoxb-", "a bot token"), None)
    app = values.get("SLACK_APP_TOKEN",
                     lambda t: check.slack_token(t, "xapp-", "an app-level token"), None)
    values.get("SLACK_SIGNING_SECRET", check.signing_secret, None)
    http = values.raw("SLACK_MODE").lower() == "http"
    if app and not values.raw("SLACK_BOT_TOKEN"):
        problems.append("SLACK_BOT_TOKEN: missing; SLACK_APP_TOKEN is set, and Slack also needs the "
                        "bot token (xoxb-) from OAuth & Permissions.")
    if bot and not http and not values.raw("SLACK_APP_TOKEN"):
        problems.append("SLACK_APP_TOKEN: missing; Socket Mode needs an app-level token (xapp-) "
                        "with connections:write, or set SLACK_MODE=http and SLACK_SIGNING_SECRET.")


class _Values:
    """Look up merged variables, parse them, and record problems under the right name."""

    def __init__(self, merged: dict[str, str], environ: Mapping[str, str], origins: dict[str, str],
                 problems: list[str]) -> None:
        self._merged, self._environ, self._origins = merged, environ, origins
        self._problems = problems

    def raw(self, name: str) -> str:
        return self._merged.get(name, "").strip()

    def get(self, name: str, parse: Callable[[str], T], default: T) -> T:
        """Parse a variable if it is set (an empty value counts as unset)."""
        text = self.raw(name)
        if not text:
            return default
        try:
            return parse(text)
        except check.Invalid as exc:
            where = name if name in self._environ else self._origins.get(name, name)
            self._problems.append(f"{where}: {exc}")
            return default


def _config_path(environ: Mapping[str, str], problems: list[str]) -> Path | None:
    named = environ.get("REBOUND_CONFIG", "").strip()
    if named:
        path = Path(named).expanduser()
        if not path.is_file():
            problems.append(f"REBOUND_CONFIG: expected an existing file, but {path} was not found.")
            return None
        return path
    local = Path(CONFIG_FILE)
    return local if local.is_file() else None


def _default_db() -> Path:
    return Path(user_data_dir("rebound", appauthor=False)) / "rebound.db"
