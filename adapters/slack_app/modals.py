"""Show core forms as Slack modals and read submitted modals back into option values."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot.replies import Form, FormField
from bot.text import shorten

CALLBACK_ID = "rebound_form"
MAX_TITLE = 24
MAX_LABEL = 2000
MAX_PLACEHOLDER = 150
MAX_INPUT = 3000
MAX_OPTIONS = 100
MAX_OPTION_TEXT = 75
MAX_OPTION_VALUE = 150

View = dict[str, Any]


@dataclass(frozen=True)
class FormMeta:
    """What a modal must remember until it is submitted: its form and where it was opened."""

    form_id: str
    channel: str = ""
    thread: str = ""

    def to_json(self) -> str:
        return json.dumps({"form": self.form_id, "channel": self.channel, "thread": self.thread})

    @classmethod
    def from_json(cls, text: str) -> FormMeta:
        """Read metadata back; an unreadable one yields an empty form id the core refuses kindly."""
        try:
            data = json.loads(text or "{}")
        except ValueError:
            data = {}
        return cls(str(data.get("form", "")), str(data.get("channel", "")), str(data.get("thread", "")))


def form_to_view(form: Form, meta: FormMeta) -> View:
    """Render a form as a modal view with one input block per field."""
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "private_metadata": meta.to_json(),
        "title": _plain(shorten(form.title or "Rebound", MAX_TITLE)),
        "submit": _plain(shorten(form.submit_label or "Save", MAX_TITLE)),
        "close": _plain("Cancel"),
        "blocks": [field_to_block(f) for f in form.fields],
    }


def field_to_block(field: FormField) -> dict[str, Any]:
    """An input block: a menu for a short list of choices, a text box otherwise."""
    return {
        "type": "input",
        "block_id": field.name,
        "optional": not field.required,
        "label": _plain(shorten(field.label, MAX_LABEL)),
        "element": _select(field) if _fits_menu(field.choices) else _text_input(field),
    }


def view_to_values(view: dict[str, Any]) -> dict[str, str]:
    """Read each input's typed text or chosen option from a submitted view."""
    values: dict[str, str] = {}
    for block_id, actions in view.get("state", {}).get("values", {}).items():
        for state in actions.values():
            chosen = state.get("selected_option") or {}
            value = chosen.get("value") if state.get("type") == "static_select" else state.get("value")
            if value:
                values[block_id] = value
    return values


def choice_label(choice: str) -> str:
    """Show a choice in words: `followed_up` reads as `followed up`."""
    return shorten(choice.replace("_", " "), MAX_OPTION_TEXT)


def _select(field: FormField) -> dict[str, Any]:
    options = [{"text": _plain(choice_label(c)), "value": c} for c in field.choices]
    element: dict[str, Any] = {"type": "static_select", "action_id": field.name,
                               "placeholder": _plain("Choose one"), "options": options}
    initial = _matching(field.choices, field.value)
    if initial:
        element["initial_option"] = next(o for o in options if o["value"] == initial)
    return element


def _text_input(field: FormField) -> dict[str, Any]:
    # A long choice list falls back to a text box, which must fit the longest choice.
    limit = min(max(field.max_length, *(len(c) for c in field.choices), 1), MAX_INPUT)
    element: dict[str, Any] = {"type": "plain_text_input", "action_id": field.name,
                               "multiline": field.multiline, "max_length": limit}
    if field.min_length:
        element["min_length"] = min(field.min_length, limit)
    if field.placeholder:
        element["placeholder"] = _plain(shorten(field.placeholder, MAX_PLACEHOLDER))
    if field.value:
        element["initial_value"] = field.value[:limit]
    return element


def _fits_menu(choices: tuple[str, ...]) -> bool:
    return 0 < len(choices) <= MAX_OPTIONS and all(len(c) <= MAX_OPTION_VALUE for c in choices)


def _matching(choices: tuple[str, ...], typed: str) -> str | None:
    key = typed.strip().lower().replace("-", "_")
    return next((c for c in choices if key and c.replace("-", "_") == key), None)


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}
