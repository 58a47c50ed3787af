"""Turn each content file's parsed YAML into checked content, one function per file.

Every function takes the raw YAML and a :class:`Checker` that knows which
file (or which override over which bundled file) it is reading, so an error
names the file, the key (by id where entries have one) and what was expected.
"""

from __future__ import annotations

from typing import Any

from bot.content import schema as s
from bot.content.render import check_template

STREAK_NUDGES = ("streak_at_risk", "milestone_streak_7", "milestone_streak_30", "milestone_streak_100")
COUNTED_REPLIES = ("log_done", "goal_met")


def tips(raw: Any, c: s.Checker) -> tuple[s.Tip, ...]:
    seen: set[str] = set()
    found = []
    for i, entry in enumerate(c.items(c.mapping(raw, "(top)", ("tips",)).get("tips"), "tips", 8)):
        key = s.entry_key("tips", i, entry)
        entry = c.mapping(entry, key, ("id", "topic", "text", "try", "tags"))
        tags = c.items(entry.get("tags", []) or [], f"{key}.tags", 0)
        found.append(s.Tip(
            id=c.ident(entry.get("id"), f"{key}.id", seen),
            topic=c.choice(entry.get("topic"), f"{key}.topic", s.TOPICS),
            text=c.text(entry.get("text"), f"{key}.text", 400),
            try_this=c.text(entry.get("try"), f"{key}.try", 200, optional=True),
            tags=frozenset(c.choice(t, f"{key}.tags", s.TAGS) for t in tags),
        ))
    missing = set(s.TOPICS) - {t.topic for t in found}
    if missing:
        raise c.fail("tips", "at least one tip for each topic (none for "
                     + ", ".join(sorted(missing)) + ")")
    if all(s.KEEP_APPLYING in t.tags for t in found if t.topic == "wellbeing"):
        raise c.fail("tips", f"at least one wellbeing tip without the {s.KEEP_APPLYING} tag")
    return tuple(found)


def responses(raw: Any, c: s.Checker) -> dict[str, dict[str, tuple[str, ...]]]:
    top = c.mapping(c.mapping(raw, "(top)", ("responses", "next_steps")).get("responses"),
                    "responses", s.STAGES)
    out = {}
    for stage in s.STAGES:
        bands = c.mapping(top.get(stage), f"responses.{stage}", s.BANDS)
        out[stage] = {}
        for band in s.BANDS:
            key = f"responses.{stage}.{band}"
            texts = c.texts(bands.get(band), key, 300)
            for i, text in enumerate(texts):
                check_template(text, c, f"{key}[{i}]", ("company", "role"))
            out[stage][band] = texts
    return out


def next_steps(raw: Any, c: s.Checker) -> dict[str, tuple[str, ...]]:
    top = c.mapping(raw.get("next_steps"), "next_steps", s.STAGES)
    return {stage: c.texts(top.get(stage), f"next_steps.{stage}", 300) for stage in s.STAGES}


def reasons(raw: Any, c: s.Checker) -> tuple[s.Reason, ...]:
    seen: set[str] = set()
    found = []
    for i, e in enumerate(c.items(c.mapping(raw, "(top)", ("reasons",)).get("reasons"), "reasons", 3)):
        key = s.entry_key("reasons", i, e)
        e = c.mapping(e, key, ("id", "text"))
        found.append(s.Reason(c.ident(e.get("id"), f"{key}.id", seen),
                              c.text(e.get("text"), f"{key}.text", 200)))
    return tuple(found)


def prompts(raw: Any, c: s.Checker) -> tuple[s.Prompt, ...]:
    seen: set[str] = set()
    groups = c.mapping(c.mapping(raw, "(top)", ("prompts",)).get("prompts"), "prompts",
                       s.PROMPT_GROUPS)
    found = []
    for group in s.PROMPT_GROUPS:
        for i, e in enumerate(c.items(groups.get(group), f"prompts.{group}")):
            key = s.entry_key(f"prompts.{group}", i, e)
            e = c.mapping(e, key, ("id", "text"))
            found.append(s.Prompt(c.ident(e.get("id"), f"{key}.id", seen), group,
                                  c.text(e.get("text"), f"{key}.text", 200)))
    return tuple(found)


def questions(raw: Any, c: s.Checker) -> tuple[s.Question, ...]:
    seen: set[str] = set()
    found = []
    entries = c.items(c.mapping(raw, "(top)", ("questions",)).get("questions"), "questions", 6)
    for i, e in enumerate(entries):
        key = s.entry_key("questions", i, e)
        e = c.mapping(e, key, ("id", "category", "question", "approach"))
        found.append(s.Question(
            c.ident(e.get("id"), f"{key}.id", seen),
            c.choice(e.get("category"), f"{key}.category", s.CATEGORIES),
            c.text(e.get("question"), f"{key}.question", 300),
            c.text(e.get("approach"), f"{key}.approach", 300),
        ))
    return tuple(found)


def templates(raw: Any, c: s.Checker) -> dict[str, tuple[s.Template, ...]]:
    seen: set[str] = set()
    kinds = c.mapping(c.mapping(raw, "(top)", ("templates",)).get("templates"), "templates",
                      s.DRAFT_KINDS)
    fields = ("company", "role", "interviewer", "name")
    out = {}
    for kind in s.DRAFT_KINDS:
        entries = []
        for i, e in enumerate(c.items(kinds.get(kind), f"templates.{kind}")):
            key = s.entry_key(f"templates.{kind}", i, e)
            e = c.mapping(e, key, ("id", "subject", "body"))
            template = s.Template(c.ident(e.get("id"), f"{key}.id", seen), kind,
                                  c.text(e.get("subject"), f"{key}.subject", 150),
                                  c.text(e.get("body"), f"{key}.body", 2000))
            check_template(template.subject, c, f"{key}.subject", fields)
            check_template(template.body, c, f"{key}.body", fields)
            entries.append(template)
        out[kind] = tuple(entries)
    return out


def posts(raw: Any, c: s.Checker) -> tuple[s.Post, ...]:
    seen: set[str] = set()
    found = []
    for i, e in enumerate(c.items(c.mapping(raw, "(top)", ("posts",)).get("posts"), "posts", 3)):
        key = s.entry_key("posts", i, e)
        e = c.mapping(e, key, ("id", "text", "themes", "weekdays"))
        days = c.items(e.get("weekdays", ["any"]), f"{key}.weekdays")
        days = list(s.WEEKDAYS) if days == ["any"] else [
            c.choice(d, f"{key}.weekdays", s.WEEKDAYS) for d in days]
        themes = [c.choice(t, f"{key}.themes", s.THEMES) for t in c.items(e.get("themes"),
                                                                           f"{key}.themes")]
        text = c.text(e.get("text"), f"{key}.text", 500)
        check_template(text, c, f"{key}.text", ())
        found.append(s.Post(c.ident(e.get("id"), f"{key}.id", seen), text, tuple(themes),
                            tuple(days)))
    return tuple(found)


def keyed_texts(raw: Any, c: s.Checker, top: str, kinds: tuple[str, ...], limit: int,
                fields: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Lists of variants by kind; ``fields`` says which placeholders each kind may use."""
    table = c.mapping(c.mapping(raw, "(top)", (top,)).get(top), top, kinds)
    out = {}
    for kind in kinds:
        texts = c.texts(table.get(kind), f"{top}.{kind}", limit)
        for i, text in enumerate(texts):
            check_template(text, c, f"{top}.{kind}[{i}]", fields.get(kind, ()))
        out[kind] = texts
    return out


def nudges(raw: Any, c: s.Checker) -> dict[str, tuple[str, ...]]:
    return keyed_texts(raw, c, "nudges", s.NUDGE_KINDS, 300,
                       {kind: ("streak",) for kind in STREAK_NUDGES})


def replies(raw: Any, c: s.Checker) -> dict[str, tuple[str, ...]]:
    return keyed_texts(raw, c, "replies", s.REPLY_KINDS, 300,
                       {kind: ("count", "activity") for kind in COUNTED_REPLIES})


def care(raw: Any, c: s.Checker) -> dict[str, tuple[str, ...]]:
    return keyed_texts(raw, c, "care", s.CARE_KINDS, 600,
                       {"person_post": ("member",), "share_post": ("member",)})


def resources(raw: Any, c: s.Checker) -> s.Resources:
    top = c.mapping(c.mapping(raw, "(top)", ("resources",)).get("resources"), "resources",
                    ("intro", "lines", "emergency"))
    lines = []
    for i, e in enumerate(c.items(top.get("lines"), "resources.lines")):
        e = c.mapping(e, f"resources.lines[{i}]", ("region", "name", "contact"))
        lines.append(s.HelpLine(*(c.text(e.get(k), f"resources.lines[{i}].{k}", 200)
                                  for k in ("region", "name", "contact"))))
    return s.Resources(c.text(top.get("intro"), "resources.intro", 300), tuple(lines),
                       c.text(top.get("emergency"), "resources.emergency", 300))
