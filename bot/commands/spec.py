"""Declare commands once: names, options, limits, permissions and handlers.

Every adapter generates its surface from these declarations (Discord's
command tree, the Slack router and manifest, the console parser and help),
so adding a command never touches an adapter.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.context import Context
    from bot.replies import Reply

Handler = Callable[["Context", dict[str, Any]], Awaitable["Reply"]]
ActionHandler = Callable[["Context", tuple[str, ...]], Awaitable["Reply"]]


class OptionKind(StrEnum):
    """The value type of an option, as every platform understands it."""

    TEXT = "text"
    INTEGER = "integer"
    CHOICE = "choice"


@dataclass(frozen=True)
class Option:
    """One typed command option with the limits the core enforces."""

    name: str
    description: str
    kind: OptionKind = OptionKind.TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    min_value: int | None = None
    max_value: int | None = None
    max_length: int = 100
    default: Any = None
    multiline: bool = False
    label: str = ""
    check: Callable[[str], Any] | None = None
    autocomplete: str = ""
    # Optional as an option (so the bare command can open its form) but needed in the form.
    form_required: bool = False

    @property
    def title(self) -> str:
        """A human label for forms and error messages."""
        return self.label or self.name.replace("_", " ").capitalize()


@dataclass(frozen=True)
class Command:
    """A command or subcommand (``"goal set"``) with its handler.

    ``form_title`` makes the command open a form when it is used with no
    options; the form's fields are the command's own options.
    """

    name: str
    description: str
    handler: Handler
    options: tuple[Option, ...] = ()
    admin_only: bool = False
    form_title: str = ""
    ephemeral_hint: bool = True

    def __post_init__(self) -> None:
        if len(self.description) > 100:
            raise ValueError(f"{self.name}: description is over 100 characters")

    @property
    def group(self) -> str:
        """The top-level command word (``goal`` for ``goal set``)."""
        return self.name.split(" ", 1)[0]

    @property
    def sub(self) -> str:
        """The subcommand word, or an empty string."""
        parts = self.name.split(" ", 1)
        return parts[1] if len(parts) > 1 else ""

    def option(self, name: str) -> Option | None:
        """Find an option by name."""
        return next((o for o in self.options if o.name == name), None)


@dataclass(frozen=True)
class Action:
    """A button handler, found by the name at the start of a button's action id."""

    name: str
    handler: ActionHandler
