"""Build a command's form (a modal) from the command's own declared options.

A form's id names the command it submits to, so a form opened before a
restart still finds its handler.
"""

from __future__ import annotations

from bot.commands.spec import Command, Option, OptionKind
from bot.replies import Form, FormField

FORM_PREFIX = "cmd:"


def form_for(command: Command) -> Form:
    """Build a command's form from its own options."""
    return Form(
        form_id=FORM_PREFIX + command.name,
        title=command.form_title,
        fields=tuple(_form_field(o) for o in command.options),
    )


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
