"""Build a command's form (a modal) from the command's own declared options.

A form's id names the command it submits to, so a form opened before a
restart still finds its handler.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from bot.commands.spec import Command, Option, OptionKind
from bot.replies import Form, FormField

FORM_PREFIX = "cmd:"


def form_for(command: Command, typed: Mapping[str, Any] | None = None) -> Form:
    """Build a command's form from its own options, prefilled with anything already typed."""
    typed = typed or {}
    return Form(
        form_id=FORM_PREFIX + command.name,
        title=command.form_title or command.name.capitalize(),
        fields=tuple(replace(_form_field(o), value=str(typed.get(o.name) or ""))
                     for o in command.options),
    )


def missing_required(command: Command, typed: Mapping[str, Any]) -> bool:
    """Whether a request leaves out an option the command needs."""
    return any(o.required and not str(typed.get(o.name) or "").strip() for o in command.options)


def _form_field(option: Option) -> FormField:
    limit = option.max_length if option.kind is OptionKind.TEXT else 3
    return FormField(
        name=option.name,
        label=option.title,
        required=option.required or option.form_required,
        multiline=option.multiline,
        max_length=limit,
        choices=option.choices,
        placeholder=_placeholder(option),
    )


def _placeholder(option: Option) -> str:
    if option.kind is OptionKind.INTEGER:
        return f"{option.min_value}–{option.max_value}"
    return option.description[:100]
