"""Fill content placeholders so text reads naturally whatever is known.

Two rules keep drafts natural with any detail missing:
- ``{field|fallback}`` uses the fallback when the field is unknown;
- ``[ ... {field} ... ]`` is an optional segment, dropped whole when any
  field inside it is unknown ("the {role} role[ at {company}]").
A bare ``{field}`` outside a segment is allowed only for values the core
always supplies (counts, streak lengths, activity names, a member mention).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.content.schema import Checker

FIELDS = ("company", "role", "interviewer", "name", "count", "activity", "streak", "member")
ALWAYS_KNOWN = ("count", "activity", "streak", "member")
_SEGMENT = re.compile(r"\[([^\[\]]*)\]")
_PLACEHOLDER = re.compile(r"\{(\w+)(?:\|([^{}]*))?\}")


def render(text: str, values: Mapping[str, object]) -> str:
    """Fill a content text with the known values."""
    known = {k: str(v) for k, v in values.items() if v not in (None, "")}

    def segment(match: re.Match[str]) -> str:
        inner = match.group(1)
        names = [m.group(1) for m in _PLACEHOLDER.finditer(inner)]
        return inner if all(n in known for n in names) else ""

    def placeholder(match: re.Match[str]) -> str:
        name, fallback = match.group(1), match.group(2)
        return known.get(name, fallback if fallback is not None else "")

    filled = _PLACEHOLDER.sub(placeholder, _SEGMENT.sub(segment, text))
    return re.sub(r"[ \t]{2,}", " ", filled).replace(" ,", ",").replace(" .", ".")


def check_template(text: str, checker: Checker, key: str, allowed: tuple[str, ...] = FIELDS) -> None:
    """Reject unknown fields and bare placeholders that could leave a gap."""
    for match in _PLACEHOLDER.finditer(text):
        if match.group(1) not in allowed:
            expected = ", ".join(f"{{{f}}}" for f in allowed) if allowed else "no placeholders"
            raise checker.fail(key, f"only {expected} here (found {{{match.group(1)}}})")
    outside = _SEGMENT.sub("", text)
    for match in _PLACEHOLDER.finditer(outside):
        name, fallback = match.group(1), match.group(2)
        if fallback is None and name not in ALWAYS_KNOWN:
            raise checker.fail(key, f"{{{name}|fallback}} or {{{name}}} inside a [segment]")
    bare = _PLACEHOLDER.sub("", text)
    if any(c in bare for c in "{}") or any(c in _SEGMENT.sub("", bare) for c in "[]"):
        raise checker.fail(key, "balanced {braces} and [segments]")
