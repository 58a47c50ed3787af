"""Encode button ids that carry everything their handler needs.

An id looks like ``rb:draft:feedback:42``: a prefix, the action name and its
arguments. Nothing is kept in memory, so a button pressed after a restart
works exactly like one pressed a second after it was sent. Ids stay under
Discord's 100-character custom_id limit.
"""

from __future__ import annotations

from bot.errors import InputError

PREFIX = "rb"
MAX_LENGTH = 100


def action_id(name: str, *args: object) -> str:
    """Build an id for a button that runs the named action with these arguments."""
    parts = [PREFIX, name, *(str(a) for a in args)]
    if any(":" in p for p in parts[1:]):
        raise ValueError("action ids cannot contain ':' inside a part")
    encoded = ":".join(parts)
    if len(encoded) > MAX_LENGTH:
        raise ValueError(f"action id too long: {encoded!r}")
    return encoded


def parse_action_id(encoded: str) -> tuple[str, tuple[str, ...]]:
    """Split an id back into its action name and arguments."""
    parts = encoded.split(":")
    if len(parts) < 2 or parts[0] != PREFIX:
        raise InputError("That button is from an older version of Rebound. Try the command again.")
    return parts[1], tuple(parts[2:])


def is_ours(encoded: str) -> bool:
    """Whether a platform custom id belongs to Rebound."""
    return encoded.startswith(PREFIX + ":")
