"""How platforms plug into the `rebound` command without the core importing them.

Adapters register a :class:`PlatformPlugin` under the ``rebound.platforms``
entry point group (see pyproject.toml). The CLI discovers them at start.
"""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.core import Rebound

Runner = Callable[["Rebound", Mapping[str, str]], Awaitable[None]]


class PlatformError(Exception):
    """A platform cannot run (its token was refused, its server is unreachable).

    ``rebound run`` stops every platform cleanly and prints the message, which
    is written for the operator, as one line without a traceback.
    """


@dataclass(frozen=True)
class PlatformPlugin:
    """A platform's hooks: its own CLI subcommands, and how `rebound run` starts it.

    ``run(core, env)`` connects, puts its :class:`bot.port.Platform` into
    ``core.ports[name]`` once ready, serves until cancelled, then disconnects.
    """

    name: str
    add_commands: Callable[[argparse._SubParsersAction], None]
    configured: Callable[[Mapping[str, str]], bool] = lambda env: False
    run: Runner | None = None


def discover() -> list[PlatformPlugin]:
    """Load every installed platform plugin, console first."""
    plugins = [ep.load() for ep in entry_points(group="rebound.platforms")]
    return sorted(plugins, key=lambda p: (p.name != "console", p.name))
