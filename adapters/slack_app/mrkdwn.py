"""Turn the core's text markup into Slack mrkdwn that can never ping anyone by accident.

The core writes ``**bold**``, ``_italic_``, ``- `` bullets, code fences and
``<@USER>`` for intended mentions; member text arrives backslash-escaped
(``\\*``, ``\\>``...). Here escapes are undone, then ``&``, ``<`` and ``>`` are
escaped for Slack, so ``<!here>`` or ``<@U…>`` typed by a member show as text.
Only mentions of the people a message is meant for survive.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

_FENCE = re.compile(r"```\n?(.*?)\n?```", re.DOTALL)
# A core escape, an intended mention, or a bold marker, in that priority.
_TOKEN = re.compile(r"\\(.)|<@([A-Za-z0-9]+)>|\*\*", re.DOTALL)
_BULLET = re.compile(r"^- ", re.MULTILINE)


def escape(text: str) -> str:
    """Escape the three characters Slack treats as control characters in mrkdwn."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def from_slack(text: str) -> str:
    """Undo Slack's escaping of a slash command's text so the core sees what was typed."""
    return html.unescape(text) if "&" in text else text


@dataclass(frozen=True)
class Style:
    """How core text is shown on Slack: the slash command name and the known command words."""

    slash: str = "/rebound"
    commands: frozenset[str] = frozenset()

    @classmethod
    def for_commands(cls, slash: str, names: Iterable[str]) -> Style:
        """Build a style that rewrites `/<command>` for every declared command group."""
        return cls(slash, frozenset(name.split(" ", 1)[0] for name in names))

    def mrkdwn(self, text: str, mentions: Collection[str] = ()) -> str:
        """Render core text as mrkdwn, keeping only the allowed mentions."""
        text = self._rewrite_commands(text)
        parts, pos = [], 0
        for fence in _FENCE.finditer(text):
            parts.append(_prose(text[pos:fence.start()], mentions))
            parts.append("```" + escape(fence.group(1)) + "```")
            pos = fence.end()
        parts.append(_prose(text[pos:], mentions))
        return "".join(parts)

    def plain(self, text: str) -> str:
        """Render core text as plain words, for notifications, labels and modal errors."""
        text = self._rewrite_commands(text).replace("**", "")
        return re.sub(r"\\(.)", r"\1", text.replace("```", ""))

    def _rewrite_commands(self, text: str) -> str:
        """Say `/rebound log` where the core says `/log`, since Slack has one command.

        A slash inside a word (`Europe/London`, `and/or`) or after a backslash
        is left alone.
        """
        if not self.commands:
            return text
        words = "|".join(sorted((re.escape(c) for c in self.commands), key=len, reverse=True))
        return re.sub(rf"(?<![\w\\/])/({words})\b", rf"{self.slash} \1", text)


def _prose(text: str, mentions: Collection[str]) -> str:
    out, pos = [], 0
    for token in _TOKEN.finditer(text):
        out.append(escape(text[pos:token.start()]))
        escaped, user = token.group(1), token.group(2)
        if escaped is not None:
            out.append(escape(escaped))
        elif user is not None:
            out.append(f"<@{user}>" if user in mentions else "@" + escape(user))
        else:
            out.append("*")
        pos = token.end()
    out.append(escape(text[pos:]))
    return _BULLET.sub("• ", "".join(out))
