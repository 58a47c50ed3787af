"""The shapes of the content files, and the checks that keep them sound.

Each loader names the file and the key that is wrong and what was expected,
so a community editing its own content sees exactly what to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

TOPICS = ("mindset", "feedback", "resilience", "preparation", "networking", "momentum",
          "skills", "wellbeing")
STAGES = ("applied", "screen", "interview", "final", "offer")
BANDS = ("low", "medium", "high")
PROMPT_GROUPS = ("went_well", "hard", "next", "feelings")
CATEGORIES = ("behavioural", "motivation", "strengths", "role", "situational", "ask-them")
DRAFT_KINDS = ("thank-you", "feedback", "follow-up", "keep-in-touch")
KEEP_APPLYING = "keep-applying"
TAGS = {f"stage:{s}" for s in STAGES} | {"mood:low", "fresh", "day-after", "silence",
                                         "before-interview", KEEP_APPLYING}
THEMES = ("momentum", "mindset", "community", "rest", "feedback", "skills", "networking",
          "celebration")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
NUDGE_KINDS = (
    "daily_reminder", "interview_followup", "rejection_followup", "streak_at_risk", "comeback",
    "quiet_checkin", "milestone_first_log", "milestone_streak_7", "milestone_streak_30",
    "milestone_streak_100", "milestone_applications_10", "milestone_applications_50",
    "milestone_first_interview_after_rejection",
)
REPLY_KINDS = ("checkin_up", "checkin_down", "checkin_steady", "checkin_low", "checkin_first",
               "log_done", "goal_met", "win_shared", "reflection_saved")
CARE_KINDS = ("opening", "again", "not_saved", "can_save", "grounding", "safety_note",
              "person_posted", "person_already", "person_unavailable", "person_post",
              "shared", "share_post", "saved", "save_gone", "save_incomplete")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class ContentError(ValueError):
    """A content file does not match its schema."""

    def __init__(self, file: str, key: str, expected: str) -> None:
        super().__init__(f"{file}: {key}: expected {expected}")
        self.file, self.key, self.expected = file, key, expected


@dataclass(frozen=True)
class Tip:
    id: str
    topic: str
    text: str
    try_this: str
    tags: frozenset[str]


@dataclass(frozen=True)
class Reason:
    id: str
    text: str


@dataclass(frozen=True)
class Prompt:
    id: str
    group: str
    text: str


@dataclass(frozen=True)
class Question:
    id: str
    category: str
    question: str
    approach: str


@dataclass(frozen=True)
class Template:
    id: str
    kind: str
    subject: str
    body: str


@dataclass(frozen=True)
class Post:
    id: str
    text: str
    themes: tuple[str, ...]
    weekdays: tuple[str, ...]


@dataclass(frozen=True)
class HelpLine:
    region: str
    name: str
    contact: str


@dataclass(frozen=True)
class Resources:
    intro: str
    lines: tuple[HelpLine, ...]
    emergency: str


class Checker:
    """Read values from parsed YAML, failing with the file and key path."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, key: str, expected: str) -> ContentError:
        return ContentError(self.file, key, expected)

    def mapping(self, value: Any, key: str, allowed: tuple[str, ...] = ()) -> dict:
        """A mapping; with ``allowed``, a misspelt key is an error rather than silently ignored."""
        if not isinstance(value, dict):
            raise self.fail(key, "a mapping of names to values")
        unknown = [k for k in value if allowed and k not in allowed]
        if unknown:
            raise self.fail(f"{key}.{unknown[0]}", "only the keys " + ", ".join(allowed))
        return value

    def items(self, value: Any, key: str, minimum: int = 1) -> list:
        if not isinstance(value, list) or len(value) < minimum:
            raise self.fail(key, f"a list of at least {minimum} entries")
        return value

    def text(self, value: Any, key: str, limit: int, optional: bool = False) -> str:
        if value is None and optional:
            return ""
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "some text")
        if len(value) > limit:
            raise self.fail(key, f"at most {limit} characters (has {len(value)})")
        return value.strip()

    def texts(self, value: Any, key: str, limit: int, minimum: int = 1) -> tuple[str, ...]:
        entries = self.items(value, key, minimum)
        return tuple(self.text(v, f"{key}[{i}]", limit) for i, v in enumerate(entries))

    def ident(self, value: Any, key: str, seen: set[str]) -> str:
        if not isinstance(value, str) or not _ID.match(value):
            raise self.fail(key, "an id in lowercase-kebab-case")
        if value in seen:
            raise self.fail(key, f"a unique id ({value!r} is used twice)")
        seen.add(value)
        return value

    def choice(self, value: Any, key: str, allowed: tuple[str, ...] | set[str]) -> str:
        if value not in allowed:
            raise self.fail(key, "one of " + ", ".join(sorted(allowed)))
        return value


def entry_key(list_key: str, index: int, entry: Any) -> str:
    """Name a list entry by its id when it has one, so errors survive merging and reordering."""
    ident = entry.get("id") if isinstance(entry, dict) else None
    return f"{list_key}[{ident}]" if isinstance(ident, str) and ident else f"{list_key}[{index}]"
