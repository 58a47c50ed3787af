"""COVERAGE.md maps every practice from the seed articles to content that exists."""

import re

from bot.content.library import DEFAULT_DIR

# The practices the issue lists, in its words.
PRACTICES = [
    "accepting and naming the feelings",
    "not taking it personally",
    "reaching the interview stage already beat most applicants",
    "asking for feedback and acting on it",
    "the thank-you note",
    "keeping several applications going instead of pinning hopes on one",
    "not pausing the search",
    "notes on gaps and questions that were hard",
    "researching the company and role",
    "listing your relevant skills before the next interview",
    "interview role-play",
    "rethinking whether the roles fit you",
    "upskilling in the gap",
    "staying current in your industry",
    "a support system and a professional network",
    "managing stress",
    "growth mindset",
    "self-worth apart from outcomes",
]
ROW = re.compile(r"^\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|$")


def coverage() -> dict[str, list[str]]:
    rows = {}
    for line in (DEFAULT_DIR / "COVERAGE.md").read_text(encoding="utf-8").splitlines():
        match = ROW.match(line.strip())
        if match and match.group(1) not in ("practice", "---"):
            rows[match.group(1)] = [i.strip() for i in match.group(2).split(",") if i.strip()]
    return rows


def test_every_practice_is_mapped_to_ids_that_exist(library):
    rows = coverage()
    assert sorted(rows) == sorted(PRACTICES)
    said = {t.id for t in library.tips} | {t.id for ts in library.templates.values() for t in ts}
    ids = said | {q.id for q in library.questions} | {p.id for p in library.prompts} | {
        r.id for r in library.not_you}
    for practice, mapped in rows.items():
        missing = [i for i in mapped if i not in ids]
        assert not missing, (practice, missing)
        assert said & set(mapped), f"{practice}: needs at least one tip or template"
