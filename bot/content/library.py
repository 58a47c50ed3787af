"""Load the content library from YAML, merging a community's overrides on top."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.content import schema as s
from bot.content.render import check_template

# The C loader is many times faster; PyYAML falls back to Python where it is missing.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "content" / "en"
FILES = ("tips", "rejections", "not_you", "reflection", "practice", "templates",
         "encouragement", "nudges", "replies", "resources")


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
    resources: s.Resources

    def tip(self, tip_id: str) -> s.Tip | None:
        """Find a tip by id."""
        return next((t for t in self.tips if t.id == tip_id), None)


def load_library(base: Path = DEFAULT_DIR, override: Path | None = None) -> Library:
    """Read, merge and validate every content file; raise ContentError on the first problem."""
    raw = {name: _read(base / f"{name}.yaml") for name in FILES}
    if override is not None:
        if not override.is_dir():
            raise s.ContentError(str(override), "REBOUND_CONTENT_DIR", "an existing directory")
        for name in FILES:
            extra = override / f"{name}.yaml"
            if extra.exists():
                raw[name] = merge(raw[name], _read(extra))
    return Library(
        tips=_tips(raw["tips"]),
        responses=_responses(raw["rejections"]),
        next_steps=_next_steps(raw["rejections"]),
        not_you=_reasons(raw["not_you"]),
        prompts=_prompts(raw["reflection"]),
        questions=_questions(raw["practice"]),
        templates=_templates(raw["templates"]),
        posts=_posts(raw["encouragement"]),
        nudges=_keyed_texts(raw["nudges"], "nudges.yaml", "nudges", s.NUDGE_KINDS, 300),
        replies=_keyed_texts(raw["replies"], "replies.yaml", "replies", s.REPLY_KINDS, 300),
        resources=_resources(raw["resources"]),
    )


def merge(base: Any, extra: Any) -> Any:
    """Merge override YAML over the defaults.

    Mappings merge key by key; lists of entries with ids replace entries of
    the same id and append new ones; any other value is replaced.
    """
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = merge(base[key], value) if key in base else value
        return merged
    if _has_ids(base) and _has_ids(extra):
        by_id = {entry["id"]: entry for entry in base}
        by_id.update({entry["id"]: entry for entry in extra})
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


def _tips(raw: Any) -> tuple[s.Tip, ...]:
    c, seen = s.Checker("tips.yaml"), set()
    tips = []
    for i, entry in enumerate(c.items(c.mapping(raw, "(top)").get("tips"), "tips", 8)):
        key = f"tips[{i}]"
        entry = c.mapping(entry, key)
        tags = c.items(entry.get("tags", []) or [], f"{key}.tags", 0)
        tips.append(s.Tip(
            id=c.ident(entry.get("id"), f"{key}.id", seen),
            topic=c.choice(entry.get("topic"), f"{key}.topic", s.TOPICS),
            text=c.text(entry.get("text"), f"{key}.text", 400),
            try_this=c.text(entry.get("try"), f"{key}.try", 200, optional=True),
            tags=frozenset(c.choice(t, f"{key}.tags", s.TAGS) for t in tags),
        ))
    missing = set(s.TOPICS) - {t.topic for t in tips}
    if missing:
        raise c.fail("tips", "at least one tip for each topic (none for " + ", ".join(sorted(missing)) + ")")
    return tuple(tips)


def _responses(raw: Any) -> dict[str, dict[str, tuple[str, ...]]]:
    c = s.Checker("rejections.yaml")
    top = c.mapping(c.mapping(raw, "(top)").get("responses"), "responses")
    out = {}
    for stage in s.STAGES:
        bands = c.mapping(top.get(stage), f"responses.{stage}")
        out[stage] = {}
        for band in s.BANDS:
            key = f"responses.{stage}.{band}"
            texts = c.texts(bands.get(band), key, 300)
            for i, text in enumerate(texts):
                check_template(text, c, f"{key}[{i}]")
            out[stage][band] = texts
    return out


def _next_steps(raw: Any) -> dict[str, tuple[str, ...]]:
    c = s.Checker("rejections.yaml")
    top = c.mapping(raw.get("next_steps"), "next_steps")
    return {stage: c.texts(top.get(stage), f"next_steps.{stage}", 300) for stage in s.STAGES}


def _reasons(raw: Any) -> tuple[s.Reason, ...]:
    c, seen = s.Checker("not_you.yaml"), set()
    reasons = []
    for i, e in enumerate(c.items(c.mapping(raw, "(top)").get("reasons"), "reasons", 3)):
        e = c.mapping(e, f"reasons[{i}]")
        reasons.append(s.Reason(c.ident(e.get("id"), f"reasons[{i}].id", seen),
                                c.text(e.get("text"), f"reasons[{i}].text", 200)))
    return tuple(reasons)


def _prompts(raw: Any) -> tuple[s.Prompt, ...]:
    c, seen = s.Checker("reflection.yaml"), set()
    groups = c.mapping(c.mapping(raw, "(top)").get("prompts"), "prompts")
    prompts = []
    for group in s.PROMPT_GROUPS:
        for i, e in enumerate(c.items(groups.get(group), f"prompts.{group}")):
            e = c.mapping(e, f"prompts.{group}[{i}]")
            prompts.append(s.Prompt(c.ident(e.get("id"), f"prompts.{group}[{i}].id", seen), group,
                                    c.text(e.get("text"), f"prompts.{group}[{i}].text", 200)))
    return tuple(prompts)


def _questions(raw: Any) -> tuple[s.Question, ...]:
    c, seen = s.Checker("practice.yaml"), set()
    questions = []
    for i, e in enumerate(c.items(c.mapping(raw, "(top)").get("questions"), "questions", 6)):
        key = f"questions[{i}]"
        e = c.mapping(e, key)
        questions.append(s.Question(
            c.ident(e.get("id"), f"{key}.id", seen),
            c.choice(e.get("category"), f"{key}.category", s.CATEGORIES),
            c.text(e.get("question"), f"{key}.question", 300),
            c.text(e.get("approach"), f"{key}.approach", 300),
        ))
    return tuple(questions)


def _templates(raw: Any) -> dict[str, tuple[s.Template, ...]]:
    c, seen = s.Checker("templates.yaml"), set()
    kinds = c.mapping(c.mapping(raw, "(top)").get("templates"), "templates")
    out = {}
    for kind in s.DRAFT_KINDS:
        entries = []
        for i, e in enumerate(c.items(kinds.get(kind), f"templates.{kind}")):
            key = f"templates.{kind}[{i}]"
            e = c.mapping(e, key)
            template = s.Template(c.ident(e.get("id"), f"{key}.id", seen), kind,
                                  c.text(e.get("subject"), f"{key}.subject", 150),
                                  c.text(e.get("body"), f"{key}.body", 2000))
            check_template(template.subject, c, f"{key}.subject")
            check_template(template.body, c, f"{key}.body")
            entries.append(template)
        out[kind] = tuple(entries)
    return out


def _posts(raw: Any) -> tuple[s.Post, ...]:
    c, seen = s.Checker("encouragement.yaml"), set()
    posts = []
    for i, e in enumerate(c.items(c.mapping(raw, "(top)").get("posts"), "posts", 3)):
        key = f"posts[{i}]"
        e = c.mapping(e, key)
        days = c.items(e.get("weekdays", ["any"]), f"{key}.weekdays")
        days = s.WEEKDAYS if days == ["any"] else tuple(
            c.choice(d, f"{key}.weekdays", s.WEEKDAYS) for d in days)
        posts.append(s.Post(c.ident(e.get("id"), f"{key}.id", seen),
                            c.text(e.get("text"), f"{key}.text", 500),
                            tuple(c.items(e.get("themes"), f"{key}.themes")), tuple(days)))
    return tuple(posts)


def _keyed_texts(raw: Any, file: str, top: str, kinds: tuple[str, ...], limit: int):
    c = s.Checker(file)
    table = c.mapping(c.mapping(raw, "(top)").get(top), top)
    return {kind: c.texts(table.get(kind), f"{top}.{kind}", limit) for kind in kinds}


def _resources(raw: Any) -> s.Resources:
    c = s.Checker("resources.yaml")
    top = c.mapping(c.mapping(raw, "(top)").get("resources"), "resources")
    lines = []
    for i, e in enumerate(c.items(top.get("lines"), "resources.lines")):
        e = c.mapping(e, f"resources.lines[{i}]")
        lines.append(s.HelpLine(*(c.text(e.get(k), f"resources.lines[{i}].{k}", 200)
                                  for k in ("region", "name", "contact"))))
    return s.Resources(c.text(top.get("intro"), "resources.intro", 300), tuple(lines),
                       c.text(top.get("emergency"), "resources.emergency", 300))
