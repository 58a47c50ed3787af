"""Turn the neutral reply model into Discord messages: content, embeds, files and buttons.

The core's markup (``**bold**``, ``_italic_``, ``- `` bullets, code fences,
``<@id>`` mentions and backslash-escaped member text) is Discord markdown
already, so text passes through unchanged. What this module adds is fitting
Discord's limits: long text and many sections are split across messages
instead of being cut or rejected.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import discord

from adapters.discord_app.buttons import buttons_to_view
from bot.replies import Attachment, Button, Image, Reply, Section
from bot.text import shorten

CONTENT_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FIELDS_PER_EMBED = 25
EMBEDS_PER_MESSAGE = 10
EMBED_TOTAL_LIMIT = 6000
ALT_TEXT_LIMIT = 1024
COLOUR = discord.Colour(0xE8915B)
FENCE = "```"
BLANK_NAME = "\u200b"


@dataclass
class Outgoing:
    """One Discord message to send. Files are rebuilt per send: discord.py consumes them."""

    content: str = ""
    embeds: list[discord.Embed] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    attachment: Attachment | None = None
    buttons: tuple[Button, ...] = ()
    extra: tuple[discord.ui.Item, ...] = ()

    def kwargs(self, dm_guild: str = "") -> dict[str, Any]:
        """Keyword arguments for ``send``: only the parts this message has."""
        args: dict[str, Any] = {}
        if self.content:
            args["content"] = self.content
        if self.embeds:
            args["embeds"] = self.embeds
        files = [image_to_file(i) for i in self.images]
        if self.attachment:
            files.append(discord.File(io.BytesIO(self.attachment.data), self.attachment.filename))
        if files:
            args["files"] = files
        view = buttons_to_view(self.buttons, dm_guild, self.extra)
        if view is not None:
            args["view"] = view
        return args


def reply_to_messages(reply: Reply, extra: tuple[discord.ui.Item, ...] = ()) -> list[Outgoing]:
    """Render a reply as one or more messages, in reading order.

    Text comes first, then sections as embeds, then the picture; the export
    file and the buttons ride on the last message, so they sit below it all.
    """
    messages = [Outgoing(content=chunk) for chunk in split_text(reply.text)]
    embeds = [e for s in reply.sections for e in section_to_embeds(s)]
    image_embed = image_to_embed(reply.image) if reply.image else None
    if image_embed is not None:
        embeds.append(image_embed)
    for group in pack_embeds(embeds):
        if not messages or messages[-1].embeds:
            messages.append(Outgoing())
        messages[-1].embeds = group
        if any(e is image_embed for e in group):
            messages[-1].images = [reply.image]  # type: ignore[list-item]
    if not messages:
        messages.append(Outgoing())
    messages[-1].attachment = reply.attachment
    messages[-1].buttons = reply.buttons
    messages[-1].extra = extra
    return messages


def split_text(text: str, limit: int = CONTENT_LIMIT) -> list[str]:
    """Split text at line breaks (then spaces) into chunks that fit, keeping code fences whole.

    A chunk that ends inside a fence closes it, and the next one reopens it.
    """
    text = text.strip("\n")
    if not text:
        return []
    room = limit - len(FENCE) - 1  # space left to close a fence
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    in_fence = False
    for piece in _pieces(text, room - len(FENCE) - 1):
        if current and size + len(piece) + 1 > room:
            chunks.append(_close("\n".join(current), in_fence))
            current, size = ([FENCE], len(FENCE)) if in_fence else ([], 0)
        current.append(piece)
        size += len(piece) + 1
        if piece.lstrip().startswith(FENCE):
            in_fence = not in_fence
    chunks.append("\n".join(current))
    return chunks


def _close(chunk: str, in_fence: bool) -> str:
    return f"{chunk}\n{FENCE}" if in_fence else chunk


def _pieces(text: str, room: int) -> Iterator[str]:
    """Yield lines, cutting any line longer than the room at spaces."""
    for line in text.split("\n"):
        while len(line) > room:
            cut = line.rfind(" ", 0, room)
            cut = cut if cut > 0 else room
            yield line[:cut]
            line = line[cut:].lstrip(" ")
        yield line


def section_to_embeds(section: Section) -> list[discord.Embed]:
    """One embed per section, or several when its text or fields overflow one."""
    if not (section.title or section.text.strip() or section.fields):
        return []  # Discord refuses an empty embed
    parts = split_text(section.text, DESCRIPTION_LIMIT) or [""]
    embeds = [discord.Embed(description=part or None, colour=COLOUR) for part in parts]
    if section.title:
        embeds[0].title = shorten(section.title, TITLE_LIMIT)
    fields = [f for item in section.fields for f in _field_parts(item.name, item.value, item.inline)]
    for index, (name, value, inline) in enumerate(fields):
        if index and index % FIELDS_PER_EMBED == 0:
            embeds.append(discord.Embed(colour=COLOUR))
        embeds[-1].add_field(name=name, value=value, inline=inline)
    return embeds


def _field_parts(name: str, value: str, inline: bool) -> list[tuple[str, str, bool]]:
    """A field, split into follow-on fields when its value is longer than Discord allows."""
    values = split_text(value, FIELD_VALUE_LIMIT) or [BLANK_NAME]
    names = [shorten(name, FIELD_NAME_LIMIT) or BLANK_NAME] + [BLANK_NAME] * (len(values) - 1)
    return [(n, v, inline and len(values) == 1) for n, v in zip(names, values, strict=True)]


def pack_embeds(embeds: list[discord.Embed]) -> list[list[discord.Embed]]:
    """Group embeds into messages of at most 10 embeds and 6,000 characters."""
    groups: list[list[discord.Embed]] = []
    size = 0
    for embed in embeds:
        if not groups or len(groups[-1]) == EMBEDS_PER_MESSAGE or size + len(embed) > EMBED_TOTAL_LIMIT:
            groups.append([])
            size = 0
        groups[-1].append(embed)
        size += len(embed)
    return groups


def image_to_embed(image: Image) -> discord.Embed:
    """Show the attached picture inside an embed, described by its alt text."""
    embed = discord.Embed(description=shorten(image.alt, DESCRIPTION_LIMIT), colour=COLOUR)
    embed.set_image(url=f"attachment://{image.filename}")
    return embed


def image_to_file(image: Image) -> discord.File:
    """Attach the PNG with its alt text, which screen readers announce."""
    return discord.File(io.BytesIO(image.png), image.filename,
                        description=shorten(image.alt, ALT_TEXT_LIMIT))
