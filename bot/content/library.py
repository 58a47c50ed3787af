"""Load the content library from YAML, merging a community's overrides on top."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.content import parse
from bot.content import schema as s

# The C loader is many times faster; PyYAML falls back to Python where it is missing.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "content" / "en"
FILES = ("tips", "rejections", "not_you", "reflection", "practice", "templates",
         "encouragement", "nudges", "replies", "care", "resources")


@dataclass(frozen=True)
class Library:
    """All validated content, ready for the core to choose from."""

    tips: tuple[s.Tip, ...]
    responses: dict[str, dict[str, tuple[str, ...]]]
    next_steps: dict[str, tuple[str, ...]]
    not_you: tuple[s.Reason, ...]
    prompts: tuple[s.Prompt, ...]
    questions: tuple[s.Question, ...]
    templates: dict[str, tuple[s.Template, ...]]
    posts: tuple[s.Post, ...]
    nudges: dict[str, tuple[str, ...]]
    replies: dict[str, tuple[str, ...]]
    care: dict[str, tuple[str, ...]]
    resources: s.Resources

    def tip(self, tip_id: str) -> s.Tip | None:
        """Find a tip by id."""
        return next((t for t in self.tips if t.id == tip_id), None)


def load_library(base: Path = DEFAULT_DIR, override: Path | None = None) -> Library:
    """Read, merge and validate every content file; raise ContentError on the first problem.

    Errors in a file a community overrides name the override file, so the
    person who edited it knows where to look.
    """
    raw = {name: _read(base / f"{name}.yaml") for name in FILES}
    label = {name: f"{name}.yaml" for name in FILES}
    if override is not None:
        if not override.is_dir():
            raise s.ContentError(str(override), "REBOUND_CONTENT_DIR", "an existing directory")
        for name in FILES:
            extra = override / f"{name}.yaml"
            if extra.exists() and (extra_raw := _read(extra)) is not None:
                raw[name] = merge(raw[name], extra_raw)
                label[name] = f"{extra} (merged over the bundled {name}.yaml)"
    check = {name: s.Checker(label[name]) for name in FILES}
    return Library(
        tips=parse.tips(raw["tips"], check["tips"]),
        responses=parse.responses(raw["rejections"], check["rejections"]),
        next_steps=parse.next_steps(raw["rejections"], check["rejections"]),
        not_you=parse.reasons(raw["not_you"], check["not_you"]),
        prompts=parse.prompts(raw["reflection"], check["reflection"]),
        questions=parse.questions(raw["practice"], check["practice"]),
        templates=parse.templates(raw["templates"], check["templates"]),
        posts=parse.posts(raw["encouragement"], check["encouragement"]),
        nudges=parse.nudges(raw["nudges"], check["nudges"]),
        replies=parse.replies(raw["replies"], check["replies"]),
        care=parse.care(raw["care"], check["care"]),
        resources=parse.resources(raw["resources"], check["resources"]),
    )


def merge(base: Any, extra: Any) -> Any:
    """Merge override YAML over the defaults.

    Mappings merge key by key; in lists of entries with ids, an entry with a
    known id is merged over that entry (so an override may change only its
    text) and an entry with a new id is added; any other value is replaced.
    """
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = merge(base[key], value) if key in base else value
        return merged
    if _has_ids(base) and _has_ids(extra):
        by_id = {entry["id"]: entry for entry in base}
        for entry in extra:
            known = by_id.get(entry["id"])
            by_id[entry["id"]] = merge(known, entry) if known is not None else entry
        return list(by_id.values())
    return extra


def _has_ids(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(e, dict) and "id" in e for e in value)


def _read(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_LOADER)
    except FileNotFoundError:
        raise s.ContentError(str(path), "(file)", "the file to exist") from None
    except yaml.YAMLError as exc:
        raise s.ContentError(str(path), "(syntax)", f"valid YAML ({exc})") from None
