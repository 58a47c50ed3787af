"""Show core forms as Discord modals, and read the answers back.

A modal holds at most five inputs. A form that fits is sent with the custom_id
``rbm:<form id>``: its submission carries everything needed, so it works even
if the bot restarted while the member was typing. A longer form is split into
parts; the answers gathered so far wait here under a random token
(``rbmp:<token>``) and a "Continue" button opens the next part.
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import discord

from bot.replies import Form, FormField
from bot.text import shorten

FIELDS_PER_MODAL = 5
TITLE_LIMIT = 45
LABEL_LIMIT = 45
PLACEHOLDER_LIMIT = 100
TEXT_LIMIT = 4000
SELECT_LIMIT = 25
SINGLE = "rbm:"
MULTI = "rbmp:"
MAX_CUSTOM_ID = 100


@dataclass
class WaitingForm:
    """A form opened for one member, with the answers of the parts already sent."""

    form: Form
    user_id: str
    part: int = 0
    values: dict[str, str] = field(default_factory=dict)

    @property
    def parts(self) -> list[tuple[FormField, ...]]:
        return form_parts(self.form)


@dataclass(frozen=True)
class Submission:
    """What a submitted modal means: a complete form, the next part to open, or expired."""

    form_id: str = ""
    values: Mapping[str, str] = field(default_factory=dict)
    continue_token: str = ""
    next_part: str = ""

    @property
    def expired(self) -> bool:
        return not self.form_id and not self.continue_token


class FormDesk:
    """Turn forms into modals and collect their answers, part by part."""

    def __init__(self, capacity: int = 500) -> None:
        self._waiting: OrderedDict[str, WaitingForm] = OrderedDict()
        self._capacity = capacity

    def modal(self, form: Form, user_id: str) -> discord.ui.Modal:
        """The first modal of a form: self-contained when the form fits in one."""
        if _fits_one(form):
            return form_to_modal(form, form.fields, SINGLE + form.form_id)
        token = self.keep(form, user_id)
        return self._next_modal(token, self._waiting[token])

    def keep(self, form: Form, user_id: str) -> str:
        """Hold a form for a member until they open it; return its token."""
        token = secrets.token_hex(8)
        self._waiting[token] = WaitingForm(form, user_id)
        while len(self._waiting) > self._capacity:
            self._waiting.popitem(last=False)
        return token

    def modal_for(self, token: str, user_id: str) -> discord.ui.Modal | None:
        """The next modal of a held form, or None when it expired or is someone else's."""
        waiting = self._waiting.get(token)
        if waiting is None or waiting.user_id != user_id:
            return None
        if _fits_one(waiting.form):
            del self._waiting[token]
            return form_to_modal(waiting.form, waiting.form.fields, SINGLE + waiting.form.form_id)
        return self._next_modal(token, waiting)

    def _next_modal(self, token: str, waiting: WaitingForm) -> discord.ui.Modal:
        parts = waiting.parts
        title = f"{waiting.form.title} ({waiting.part + 1}/{len(parts)})"
        return form_to_modal(waiting.form, parts[waiting.part], MULTI + token, title)

    def submit(self, custom_id: str, user_id: str, values: Mapping[str, str]) -> Submission:
        """Take one modal's answers; say whether the form is complete."""
        if custom_id.startswith(SINGLE):
            return Submission(form_id=custom_id[len(SINGLE):], values=dict(values))
        token = custom_id[len(MULTI):]
        waiting = self._waiting.get(token)
        if waiting is None or waiting.user_id != user_id:
            return Submission()
        waiting.values.update(values)
        waiting.part += 1
        if waiting.part < len(waiting.parts):
            label = f"Continue ({waiting.part + 1}/{len(waiting.parts)})"
            return Submission(continue_token=token, next_part=label)
        del self._waiting[token]
        return Submission(form_id=waiting.form.form_id, values=waiting.values)


def _fits_one(form: Form) -> bool:
    """Whether a form fits one self-contained modal (five fields, an id Discord accepts)."""
    return len(form.fields) <= FIELDS_PER_MODAL and len(SINGLE + form.form_id) <= MAX_CUSTOM_ID


def is_form_modal(custom_id: str) -> bool:
    """Whether a submitted modal is one of ours."""
    return custom_id.startswith((SINGLE, MULTI))


def form_parts(form: Form) -> list[tuple[FormField, ...]]:
    """Split a form's fields into modal-sized parts, in order."""
    fields = form.fields
    return [fields[i:i + FIELDS_PER_MODAL] for i in range(0, len(fields), FIELDS_PER_MODAL)] or [()]


def form_to_modal(form: Form, fields: tuple[FormField, ...], custom_id: str,
                  title: str = "") -> discord.ui.Modal:
    """Build a modal; submissions are routed by custom_id, not kept in memory for long."""
    modal = discord.ui.Modal(title=shorten(title or form.title, TITLE_LIMIT), custom_id=custom_id,
                             timeout=900)
    for item in fields:
        modal.add_item(field_to_label(item))
    return modal


def field_to_label(item: FormField) -> discord.ui.Label:
    """A labelled input: a select for a short list of choices, otherwise a text box."""
    if item.choices and len(item.choices) <= SELECT_LIMIT:
        component: discord.ui.Item[Any] = discord.ui.Select(
            custom_id=item.name,
            placeholder=shorten(item.placeholder, PLACEHOLDER_LIMIT) or None,
            options=[discord.SelectOption(label=choice_label(c), value=c, default=c == item.value)
                     for c in item.choices],
            min_values=1 if item.required else 0,
            max_values=1,
            required=item.required,
        )
    else:
        component = discord.ui.TextInput(
            custom_id=item.name,
            style=discord.TextStyle.paragraph if item.multiline else discord.TextStyle.short,
            placeholder=shorten(_hint(item), PLACEHOLDER_LIMIT) or None,
            default=item.value or None,
            required=item.required,
            min_length=item.min_length or None,
            max_length=min(item.max_length, TEXT_LIMIT),
        )
    return discord.ui.Label(text=shorten(item.label, LABEL_LIMIT), component=component)


def choice_label(choice: str) -> str:
    """Show a choice value the way people write it (``followed_up`` as "Followed up")."""
    return choice.replace("_", " ").capitalize()


def modal_values(components: list[dict[str, Any]]) -> dict[str, str]:
    """Read every answer of a submitted modal from the raw interaction payload."""
    values: dict[str, str] = {}
    for component in _walk(components):
        if "custom_id" not in component:
            continue
        if "values" in component:
            chosen = component["values"]
            values[component["custom_id"]] = str(chosen[0]) if chosen else ""
        elif "value" in component:
            values[component["custom_id"]] = str(component["value"] or "")
    return values


def _walk(components: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for component in components:
        yield component
        yield from _walk(component.get("components", []))
        if "component" in component:
            yield from _walk([component["component"]])


def _hint(item: FormField) -> str:
    if item.choices:
        return " / ".join(item.choices)
    return item.placeholder
