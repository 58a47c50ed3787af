"""Turn raw option values from any platform into checked, typed values.

Discord hands us typed values, Slack and the console hand us strings; both
pass through here so the same limits apply everywhere and nothing invalid
reaches storage.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.commands.spec import Command, Option, OptionKind
from bot.errors import InputError
from bot.text import clean, literal, mass_mention


def validate(command: Command, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Check every option of a request and fill defaults; raise InputError on the first problem."""
    unknown = [name for name in raw if command.option(name) is None]
    if unknown:
        allowed = ", ".join(o.name for o in command.options) or "no options"
        raise InputError(
            f"`/{command.name}` has no option called **{unknown[0]}**. It takes: {allowed}.",
            unknown[0],
        )
    values: dict[str, Any] = {}
    for option in command.options:
        value = raw.get(option.name)
        if isinstance(value, str) and not value.strip():
            value = None
        if value is None:
            if option.required:
                raise InputError(f"**{option.name}** is needed here: {describe(option)}.", option.name)
            if option.default is not None:
                values[option.name] = option.default
            continue
        values[option.name] = _convert(option, value)
    return values


def _convert(option: Option, value: Any) -> Any:
    """Convert and check a single value according to its option's kind."""
    if option.kind is OptionKind.INTEGER:
        return _integer(option, value)
    if option.kind is OptionKind.CHOICE:
        return _choice(option, value)
    return _text(option, value)


def _integer(option: Option, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InputError(f"**{option.name}** should be a whole number: {describe(option)}.", option.name)
    try:
        number = int(str(value).strip())
    except ValueError:
        raise InputError(
            f"**{option.name}** should be a whole number, not “{_echo(value)}”: {describe(option)}.",
            option.name,
        ) from None
    low, high = option.min_value, option.max_value
    if (low is not None and number < low) or (high is not None and number > high):
        raise InputError(f"**{option.name}** can’t be {number}: {describe(option)}.", option.name)
    return number


def _choice(option: Option, value: Any) -> str:
    typed = str(value).strip().lower().replace("-", "_").replace(" ", "_")
    for choice in option.choices:
        if typed == choice.replace("-", "_"):
            return choice
    raise InputError(
        f"**{option.name}** can’t be “{_echo(value)}”: {describe(option)}.", option.name
    )


def _text(option: Option, value: Any) -> Any:
    if not isinstance(value, str):
        value = str(value)
    text = clean(value, multiline=option.multiline)
    if len(text) > option.max_length:
        raise InputError(
            f"**{option.name}** can be up to {option.max_length:,} characters; this one has "
            f"{len(text):,}. Could you trim it a little?",
            option.name,
        )
    ping = mass_mention(text)
    if ping:
        raise InputError(
            f"**{option.name}** contains `{ping}`, which would ping a whole group. "
            "Please leave it out: Rebound never pings everyone, here or roles.",
            option.name,
        )
    if not text:
        raise InputError(f"**{option.name}** is empty: {describe(option)}.", option.name)
    return option.check(text) if option.check else text


def describe(option: Option) -> str:
    """Say what an option accepts, for error messages and help."""
    if option.kind is OptionKind.CHOICE:
        return "one of " + ", ".join(option.choices)
    if option.kind is OptionKind.INTEGER:
        return f"a whole number from {option.min_value} to {option.max_value}"
    text = option.description.rstrip(".") if option.description else "Some text"
    return text[:1].lower() + text[1:]


def _echo(value: Any) -> str:
    """Repeat a bad value back safely, shortened, without formatting."""
    text = str(value).replace("`", "'")
    return literal(text if len(text) <= 30 else text[:29] + "…")
