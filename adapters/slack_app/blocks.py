"""Render a core reply as Block Kit messages that stay inside Slack's limits.

Long text is split across sections and over-long replies across messages,
so a reply is never refused for its size.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from adapters.slack_app.mrkdwn import Style
from bot.replies import Button, ButtonStyle, Field, Reply, Section
from bot.text import shorten

MAX_BLOCKS = 50
MAX_TEXT = 3000
MAX_FIELDS = 10
MAX_FIELD_TEXT = 2000
MAX_BUTTONS = 25
MAX_BUTTON_TEXT = 75
FALLBACK_TEXT = 3000

Block = dict[str, Any]


@dataclass(frozen=True)
class Message:
    """One Slack message: notification text and at most 50 blocks."""

    text: str
    blocks: list[Block]


def reply_to_messages(reply: Reply, style: Style, mentions: Collection[str] = (),
                      max_blocks: int = MAX_BLOCKS) -> list[Message]:
    """Render a reply's text, sections and buttons as one or more messages."""
    blocks = reply_to_blocks(reply, style, mentions)
    if not blocks:
        return []
    fallback = shorten(style.mrkdwn(reply.plain_text(), mentions), FALLBACK_TEXT) or " "
    chunks = [blocks[i:i + max_blocks] for i in range(0, len(blocks), max_blocks)]
    return [Message(fallback, chunk) for chunk in chunks]


def reply_to_blocks(reply: Reply, style: Style, mentions: Collection[str] = ()) -> list[Block]:
    """Render a reply as a flat list of blocks (text, sections, context, buttons)."""
    blocks = text_blocks(style.mrkdwn(reply.text, mentions)) if reply.text else []
    for section in reply.sections:
        blocks.extend(section_blocks(section, style, mentions))
    blocks.extend(button_blocks(reply.buttons, style))
    return blocks


def section_blocks(section: Section, style: Style, mentions: Collection[str] = ()) -> list[Block]:
    """Render a titled section, its fields, or an italic footnote as a context block."""
    if not section.title and not section.fields and _is_footnote(section.text):
        return [_context(style.mrkdwn(section.text, mentions))]
    body = style.mrkdwn(section.text, mentions) if section.text else ""
    if section.title:
        title = "*" + style.mrkdwn(section.title, mentions).replace("*", "") + "*"
        body = f"{title}\n{body}" if body else title
    blocks = text_blocks(body) if body else []
    fields = field_blocks(section.fields, style, mentions)
    if blocks and fields and "fields" in fields[0]:
        # A section block holds text and fields together: keep a heading with its fields.
        blocks[-1]["fields"] = fields.pop(0)["fields"]
    return blocks + fields


def field_blocks(fields: tuple[Field, ...], style: Style, mentions: Collection[str] = ()) -> list[Block]:
    """Put inline fields side by side (10 to a section) and wide ones on their own."""
    blocks: list[Block] = []
    inline: list[Block] = []
    for f in fields:
        text = f"*{style.mrkdwn(f.name, mentions)}*\n{style.mrkdwn(f.value, mentions)}"
        if f.inline:
            inline.append({"type": "mrkdwn", "text": shorten(text, MAX_FIELD_TEXT)})
        else:
            blocks.extend(text_blocks(text))
    for start in range(0, len(inline), MAX_FIELDS):
        blocks.append({"type": "section", "fields": inline[start:start + MAX_FIELDS]})
    return blocks


def button_blocks(buttons: tuple[Button, ...], style: Style) -> list[Block]:
    """Lay buttons out in actions blocks of at most 25, one per distinct action id."""
    unique = list({b.action_id: b for b in buttons}.values())
    return [{"type": "actions", "elements": [button_element(b, style) for b in unique[i:i + MAX_BUTTONS]]}
            for i in range(0, len(unique), MAX_BUTTONS)]


def button_element(button: Button, style: Style) -> Block:
    """A Block Kit button whose action id routes back to the core."""
    element: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": shorten(style.plain(button.label), MAX_BUTTON_TEXT),
                 "emoji": True},
        "action_id": button.action_id,
        "value": button.action_id,
    }
    if button.style is ButtonStyle.PRIMARY:
        element["style"] = "primary"
    elif button.style is ButtonStyle.DANGER:
        element["style"] = "danger"
    return element


def text_blocks(mrkdwn: str) -> list[Block]:
    """Split mrkdwn into section blocks of at most 3,000 characters each."""
    return [{"type": "section", "text": {"type": "mrkdwn", "text": chunk}}
            for chunk in split_text(mrkdwn, MAX_TEXT)]


def split_text(text: str, limit: int) -> list[str]:
    """Cut text at line breaks (or spaces) into pieces that fit, keeping code fences closed."""
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = _cut_point(rest, limit - 3)
        piece, rest = rest[:cut].rstrip("\n"), rest[cut:].lstrip("\n")
        if piece.count("```") % 2:
            piece, rest = piece + "```", "```" + rest
        pieces.append(piece)
    if rest.strip():
        pieces.append(rest)
    return pieces


def _cut_point(text: str, limit: int) -> int:
    for sep in ("\n", " "):
        cut = text.rfind(sep, 0, limit)
        if cut > limit // 2:
            return cut + 1
    return _outside_entities(text, limit)


def _outside_entities(text: str, cut: int) -> int:
    """Move a hard cut back so it never splits `&amp;` or `<@U123>` in two."""
    for opener, closer, reach in (("&", ";", 8), ("<", ">", 40)):
        start = text.rfind(opener, max(0, cut - reach), cut)
        if start > 0 and closer not in text[start:cut]:
            cut = start
    return cut


def _context(mrkdwn: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": shorten(mrkdwn, MAX_TEXT)}]}


def _is_footnote(text: str) -> bool:
    return len(text) > 2 and text.startswith("_") and text.endswith("_") and "\n" not in text
