"""One member's conversation in the console: commands, forms and buttons.

Interactive use and ``--script`` share this state machine: a form asks its
fields one line at a time, and a number after a reply with buttons presses
that button.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from adapters.console.port import ConsolePlatform
from adapters.console.render import reply_to_text
from bot.core import Rebound
from bot.replies import Button, Form, FormField, Reply
from bot.requests import Address

WORKSPACE = "console"
CHANNEL = "general"


class ConsoleSession:
    """Feed typed lines in; replies, posts and DMs come out through ``write``."""

    def __init__(self, core: Rebound, user: str, write: Callable[[str], None], *,
                 is_admin: bool = False, files: Path | None = None) -> None:
        self.core = core
        self.user = user
        self.is_admin = is_admin
        self.write = write
        self.port = ConsolePlatform(write)
        self.files = files or Path.cwd()
        self.address = Address("console", WORKSPACE, CHANNEL, user.lower())
        self._buttons: tuple[Button, ...] = ()
        self._form: Form | None = None
        self._answers: dict[str, str] = {}

    @property
    def prompt(self) -> str:
        """What to show before the next line is typed."""
        if self._form:
            return _field_prompt(self._form.fields[len(self._answers)])
        return f"{self.user}> "

    async def feed(self, line: str) -> None:
        """Handle one typed line."""
        line = line.strip()
        if self._form is not None:
            await self._answer(line)
        elif line.isdigit() and self._buttons:
            await self._press(int(line))
        elif line.startswith("/"):
            await self._show(await self.core.handle_text(self.address, line, self.user, self.is_admin))
        elif line and not line.startswith("#"):
            self.write("Commands start with a slash, like /checkin 3 or /help.")

    async def _press(self, number: int) -> None:
        if not 1 <= number <= len(self._buttons):
            self.write(f"Pick a button from 1 to {len(self._buttons)}.")
            return
        button = self._buttons[number - 1]
        self.write(f"(pressed: {button.label})")
        await self._show(await self.core.handle_action(self.address, button.action_id, self.user,
                                                       self.is_admin))

    async def _answer(self, line: str) -> None:
        assert self._form is not None
        if line.lower() == "/cancel":
            self._form, self._answers = None, {}
            self.write("Form cancelled; nothing was saved.")
            return
        field = self._form.fields[len(self._answers)]
        value = line or field.value
        if field.required and not value:
            self.write(f"{field.label} is needed. (Type /cancel to stop.)")
            return
        self._answers[field.name] = value
        if len(self._answers) == len(self._form.fields):
            form, answers = self._form, self._answers
            self._form, self._answers = None, {}
            await self._show(await self.core.handle_form(self.address, form.form_id, answers,
                                                         self.user, self.is_admin))

    async def _show(self, reply: Reply) -> None:
        text = reply_to_text(reply)
        if text:
            self.write(text)
        self._buttons = reply.buttons
        for post in reply.posts:
            if post.thread_id:
                await self.port.post_thread(WORKSPACE, post.channel_id or CHANNEL, post.thread_id,
                                            post.reply, post.mention_user_ids)
            else:
                await self.port.post_channel(WORKSPACE, post.channel_id or CHANNEL, post.reply,
                                             post.mention_user_ids)
        if reply.attachment:
            path = self.files / f"{self.address.user}-{reply.attachment.filename}"
            path.write_bytes(reply.attachment.data)
            self.write(f"  [saved {reply.attachment.filename} to {path}]")
        if reply.form:
            self._form, self._answers = reply.form, {}
            self.write(f"── {reply.form.title} ── (press Enter to skip optional fields, "
                       "/cancel to stop)")


def _field_prompt(field: FormField) -> str:
    need = "" if field.required else " (optional)"
    choices = f" [{'/'.join(field.choices)}]" if field.choices else ""
    default = f" ({field.value})" if field.value else ""
    hint = f" — {field.placeholder}" if field.placeholder and not field.choices else ""
    return f"{field.label}{need}{choices}{default}{hint}: "
