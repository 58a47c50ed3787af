"""The neutral message model every handler returns and every adapter renders.

Handlers never build Discord embeds or Slack blocks: they describe what to
say (text, sections, buttons, a form, an image) and who may see it, and each
adapter translates that into its platform's shapes.

Text uses a tiny markdown subset that every platform can show: ``**bold**``,
``_italic_`` and lines starting with ``- `` for bullets. Member-written text
is passed through :func:`bot.text.literal` first so it cannot add formatting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Visibility(StrEnum):
    """Who may see a reply: only the member, or everyone in the channel."""

    PRIVATE = "private"
    CHANNEL = "channel"


class ButtonStyle(StrEnum):
    """How prominent a button is; adapters map these to platform styles."""

    PRIMARY = "primary"
    SECONDARY = "secondary"
    DANGER = "danger"


@dataclass(frozen=True)
class Field:
    """A short labelled value, shown side by side where the platform can."""

    name: str
    value: str
    inline: bool = True


@dataclass(frozen=True)
class Section:
    """A block of text with an optional heading and fields."""

    text: str = ""
    title: str = ""
    fields: tuple[Field, ...] = ()


@dataclass(frozen=True)
class Button:
    """A button whose action id routes back to a core action handler.

    The id is self-contained (see :mod:`bot.actions`), so a button pressed
    after a restart still finds its handler and its data.
    """

    label: str
    action_id: str
    style: ButtonStyle = ButtonStyle.SECONDARY


@dataclass(frozen=True)
class FormField:
    """One input of a form; limits mirror the command option it fills."""

    name: str
    label: str
    required: bool = False
    multiline: bool = False
    max_length: int = 100
    min_length: int = 0
    choices: tuple[str, ...] = ()
    placeholder: str = ""
    value: str = ""


@dataclass(frozen=True)
class Form:
    """A modal form; submitting it runs the command named by ``form_id``."""

    form_id: str
    title: str
    fields: tuple[FormField, ...]
    submit_label: str = "Save"


@dataclass(frozen=True)
class Image:
    """A PNG picture with the alt text that describes it for screen readers."""

    png: bytes
    alt: str
    filename: str = "image.png"


@dataclass(frozen=True)
class Attachment:
    """A file for the member to download, such as their data export."""

    data: bytes
    filename: str
    mime: str = "application/octet-stream"


@dataclass(frozen=True)
class ChannelPost:
    """A message to post in a channel (or a thread) as a side effect of a command.

    ``channel_id`` of None means "the channel the command was used in".
    ``mention_user_ids`` lists the only people the post may ping.
    """

    reply: Reply
    channel_id: str | None = None
    thread_id: str | None = None
    mention_user_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reply:
    """What the bot says back to one request."""

    text: str = ""
    sections: tuple[Section, ...] = ()
    buttons: tuple[Button, ...] = ()
    form: Form | None = None
    image: Image | None = None
    attachment: Attachment | None = None
    visibility: Visibility = Visibility.PRIVATE
    posts: tuple[ChannelPost, ...] = field(default=())

    def plain_text(self) -> str:
        """Flatten the reply into readable text, for consoles, logs of tests and fallbacks."""
        parts = [self.text] if self.text else []
        for section in self.sections:
            lines = [f"**{section.title}**"] if section.title else []
            if section.text:
                lines.append(section.text)
            lines.extend(f"{f.name}: {f.value}" for f in section.fields)
            parts.append("\n".join(lines))
        return "\n\n".join(parts)
