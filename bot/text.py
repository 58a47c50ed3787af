"""Clean member-written text and keep it from formatting or pinging anything."""

from __future__ import annotations

import re
import unicodedata

# Broadcast and role pings on Discord and Slack, in their raw and typed forms.
_MASS_MENTION = re.compile(
    r"@(everyone|here|channel)\b|<@&\d+>|<!(everyone|here|channel)\b[^>]*>|<!subteam\^[^>]*>",
    re.IGNORECASE,
)
_MARKDOWN_SPECIALS = re.compile(r"([\\*_~`|>\[\]#])")
_CONTROL = {"Cc", "Cf", "Co", "Cs"}
# Joiners are format characters too, but emoji sequences (👩🏽‍💻) need them.
_JOINERS = {"\u200c", "\u200d"}


def clean(text: str, *, multiline: bool) -> str:
    """Normalise unicode, drop invisible control characters and trim.

    Newlines survive only in multi-line fields; zero-width and bidi control
    characters are removed so text cannot hide or reorder what others see.
    """
    text = unicodedata.normalize("NFC", text)
    kept = []
    for char in text:
        if char == "\n" and multiline:
            kept.append(char)
        elif char in "\r\n\t":
            kept.append(" " if char != "\r" else "")
        elif char in _JOINERS or unicodedata.category(char) not in _CONTROL:
            kept.append(char)
    lines = ("".join(kept)).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines).strip()


def mass_mention(text: str) -> str | None:
    """Return the first broadcast or role mention in the text, if any."""
    found = _MASS_MENTION.search(text)
    return found.group(0) if found else None


def literal(text: str) -> str:
    """Escape the reply-markdown characters so member text shows exactly as typed."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def unescape(text: str) -> str:
    """Undo :func:`literal` for surfaces that show plain text (the console)."""
    return re.sub(r"\\(.)", r"\1", text)


def shorten(text: str, limit: int) -> str:
    """Cut text at a word boundary so it fits a limit, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] or text[: limit - 1]
    return cut.rstrip() + "…"
