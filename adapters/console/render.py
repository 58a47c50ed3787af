"""Turn the neutral reply model into plain terminal text."""

from __future__ import annotations

import re

from bot.replies import Reply
from bot.text import unescape

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_MENTION = re.compile(r"<@([^>]+)>")


def reply_to_text(reply: Reply) -> str:
    """Render text, sections, buttons as numbered choices, and a note for pictures."""
    parts = []
    if reply.text:
        parts.append(_inline(reply.text))
    for section in reply.sections:
        lines = [f"  » {_inline(section.title)}"] if section.title else []
        if section.text:
            lines += [f"  {line}" for line in _inline(section.text).splitlines()]
        lines += [f"  {f.name}: {_inline(f.value)}" for f in section.fields]
        parts.append("\n".join(lines))
    if reply.image:
        parts.append(f"  [picture: {reply.image.alt}]")
    if reply.buttons:
        choices = "  ".join(f"[{i}] {b.label}" for i, b in enumerate(reply.buttons, 1))
        parts.append(f"  {choices}")
    return "\n".join(parts)


def _inline(text: str) -> str:
    """Strip reply markdown the terminal can't show, keeping member text exact."""
    text = _BOLD.sub(r"\1", text)
    text = text.replace("```\n", "").replace("\n```", "").replace("```", "")
    text = _MENTION.sub(r"@\1", text)
    return unescape(text)
