"""Read ``rebound.toml`` into the same variables the environment sets.

Top-level keys name Rebound's own settings (``db`` is REBOUND_DB); the
``[discord]`` and ``[slack]`` tables hold the adapters' settings
(``[slack] bot_token`` is SLACK_BOT_TOKEN). Each value remembers where it
came from, so a problem can name the file and the key an operator wrote.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

OWN_PREFIX = "REBOUND_"
PLATFORM_TABLES = ("discord", "slack")


@dataclass
class FileValues:
    """Variables set by a configuration file, where each was written, and what was wrong."""

    values: dict[str, str] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def read(path: Path, known: Collection[str]) -> FileValues:
    """Translate a TOML file into variables; ``known`` lists Rebound's own variable names."""
    found = FileValues()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        found.problems.append(f"{path}: can't be read ({exc.strerror}).")
        return found
    except tomllib.TOMLDecodeError as exc:
        found.problems.append(f"{path}: is not valid TOML ({exc}).")
        return found
    for key, value in data.items():
        if isinstance(value, dict):
            _table(found, path, key, value)
        else:
            _own(found, path, key, value, known)
    return found


def _own(found: FileValues, path: Path, key: str, value: Any, known: Collection[str]) -> None:
    variable = OWN_PREFIX + key.upper()
    if variable not in known or variable == OWN_PREFIX + "CONFIG":
        names = ", ".join(sorted(k.removeprefix(OWN_PREFIX).lower() for k in known
                                 if k != OWN_PREFIX + "CONFIG"))
        found.problems.append(f"{path}: unknown setting “{key}”; expected one of {names}, "
                              f"or a [discord] or [slack] table.")
        return
    _store(found, path, key, variable, value)


def _table(found: FileValues, path: Path, name: str, table: dict[str, Any]) -> None:
    if name not in PLATFORM_TABLES:
        found.problems.append(f"{path}: unknown table [{name}]; expected [discord] or [slack].")
        return
    for key, value in table.items():
        _store(found, path, f"{name}.{key}", f"{name.upper()}_{key.upper()}", value)


def _store(found: FileValues, path: Path, key: str, variable: str, value: Any) -> None:
    text = _text(value)
    if text is None:
        found.problems.append(f"{path}: {key} should be a string or a number, "
                              f"not a {type(value).__name__}.")
        return
    found.values[variable] = text
    found.origins[variable] = f"{path.name}: {key}"


def _text(value: Any) -> str | None:
    """Turn a TOML value into the string an environment variable would hold."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ",".join(value)
    return None
