"""Check each setting's value and say what was expected, never echoing a secret.

Every check takes the raw text and returns the parsed value, or raises
:class:`Invalid` with a sentence an operator can act on. Token checks look
only at shape (prefix, parts, characters): nothing here contacts a platform.
"""

from __future__ import annotations

import base64
import binascii
import difflib
import os
import re
from functools import cache
from pathlib import Path
from zoneinfo import available_timezones

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
LOG_FORMATS = ("keyvalue", "json")
NEW_KEY_HINT = "create one with `rebound db new-key`"
_DISCORD_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{16,}")
_SLACK_TOKEN = re.compile(r"[a-z]+-[A-Za-z0-9-]{8,}")
_HEX = re.compile(r"[0-9a-f]{32}")


class Invalid(ValueError):
    """A setting's value is not what was expected; the message says what was."""


def timezone(text: str) -> str:
    """An IANA time zone name, with near misses suggested."""
    if text in zones():
        return text
    close = difflib.get_close_matches(text, sorted(zones()), n=2, cutoff=0.75)
    hint = f" Did you mean {' or '.join(close)}?" if close else ""
    raise Invalid(f"expected an IANA time zone such as Europe/Berlin or America/New_York, "
                  f"got “{text[:40]}”.{hint}")


def writable_file(path: Path) -> Path:
    """A file we can create or write: the nearest existing folder must be writable."""
    if path.is_dir():
        raise Invalid(f"expected a file path, but {path} is a folder.")
    if path.exists():
        if not os.access(path, os.W_OK):
            raise Invalid(f"expected a database file Rebound can write, but {path} is read-only "
                          "for this user.")
        return path
    folder = next(p for p in path.parents if p.exists())
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise Invalid(f"expected a path Rebound can create, but {folder} is not a writable folder "
                      "for this user.")
    return path


def port(text: str) -> int:
    """A TCP port number."""
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise Invalid(f"expected a port number from 1 to 65535, got “{text[:20]}”.")
    return int(text)


def days(text: str) -> int:
    """A whole number of days, at least one."""
    if not text.isdigit() or int(text) < 1:
        raise Invalid(f"expected a whole number of days (1 or more), got “{text[:20]}”.")
    return int(text)


def choice(text: str, allowed: tuple[str, ...]) -> str:
    """One of a few words, case-insensitive."""
    lowered = text.lower()
    if lowered not in (a.lower() for a in allowed):
        raise Invalid(f"expected one of {', '.join(allowed)}, got “{text[:20]}”.")
    return lowered


def fernet_keys(text: str) -> tuple[str, ...]:
    """One or more Fernet keys, comma-separated, the one to encrypt with first."""
    keys = tuple(k.strip() for k in text.split(",") if k.strip())
    for index, key in enumerate(keys, start=1):
        _quotes(key)
        if not _is_fernet_key(key):
            which = "the key" if len(keys) == 1 else f"key number {index}"
            raise Invalid(f"expected Fernet keys (44 characters of URL-safe base64 each), but "
                          f"{which} is not one; {NEW_KEY_HINT}.")
    return keys


def discord_token(text: str) -> str:
    """A Discord bot token: three dot-separated parts of URL-safe base64."""
    if text.lower().startswith(("bot ", "bearer ")):
        raise Invalid("expected the bare bot token; remove the “Bot ” in front of it.")
    _quotes(text)
    if not _DISCORD_TOKEN.fullmatch(text):
        parts = len(text.split("."))
        raise Invalid(f"expected a bot token in three parts separated by dots (Developer Portal → "
                      f"your app → Bot → Reset Token), but this one has {parts} part"
                      f"{'' if parts == 1 else 's'}. An application id or client secret won't work.")
    return text


def slack_token(text: str, prefix: str, kind: str) -> str:
    """A Slack token of one kind, recognised by its prefix (``xoxb-``, ``xapp-``)."""
    _quotes(text)
    if not text.startswith(prefix) or not _SLACK_TOKEN.fullmatch(text):
        start = text.split("-", 1)[0] + "-" if "-" in text[:6] else "something else"
        raise Invalid(f"expected {kind} starting with “{prefix}”, but it starts with “{start}”"
                      f"{_which_slack_token(start)}.")
    return text


def signing_secret(text: str) -> str:
    """A Slack signing secret: 32 lower-case hexadecimal characters."""
    _quotes(text)
    if not _HEX.fullmatch(text):
        raise Invalid(f"expected the app's Signing Secret (32 hexadecimal characters, from Basic "
                      f"Information → App Credentials), but this value has {len(text)} characters "
                      "or other letters.")
    return text


def _quotes(text: str) -> None:
    if text[:1] in "\"'" or text[-1:] in "\"'":
        raise Invalid("expected the value without quotes around it; remove the quotes.")
    if any(c.isspace() for c in text):
        raise Invalid("expected one value without spaces; check for a stray space or line break.")


def _which_slack_token(start: str) -> str:
    known = {"xoxb-": "a bot token", "xapp-": "an app-level token", "xoxp-": "a user token"}
    return f", which is {known[start]}" if start in known else ""


def _is_fernet_key(key: str) -> bool:
    try:
        return len(base64.urlsafe_b64decode(key.encode("ascii"))) == 32 and len(key) == 44
    except (binascii.Error, UnicodeEncodeError, ValueError):
        return False


@cache
def zones() -> frozenset[str]:
    """Every IANA time zone name this machine knows."""
    return frozenset(available_timezones())
