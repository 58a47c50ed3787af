"""Every template and reply reads naturally whichever details are known."""

import re
from itertools import combinations

import pytest

from bot.content.library import load_library
from bot.content.render import render

DETAILS = {"company": "Acme Ltd", "role": "Data Analyst", "interviewer": "Sam Lee", "name": "Ana"}
SUBSETS = [dict(c) for n in range(len(DETAILS) + 1) for c in combinations(DETAILS.items(), n)]
LIBRARY = load_library()
# Marks of a gap left by a missing detail.
GAPS = [
    (re.compile(r"[{}\[\]]"), "a placeholder or segment bracket"),
    (re.compile(r"[^\S\n]{2,}"), "a double space"),
    (re.compile(r" [,.;:!?]"), "a space before punctuation"),
    (re.compile(r"\b(?:at|for|with|to|the|from|on|about|of|and|—)[.,;:]", re.I), "a dangling word"),
    (re.compile(r"[;:]\s*$|—\s*$|^\s*[,.;:—]", re.M), "a line ending or starting in a separator"),
    (re.compile(r"\b(\w+) \1\b", re.I), "a repeated word"),
    (re.compile(r"\(\s*\)|\"\s*\"|''"), "empty brackets or quotes"),
    (re.compile(r"^Hi ,|^Hi\s*$", re.M), "a greeting with no name"),
]


def gaps(text: str) -> list[str]:
    return [what for pattern, what in GAPS if pattern.search(text)]


def template_texts():
    for templates in LIBRARY.templates.values():
        for template in templates:
            yield pytest.param(template.subject, id=f"{template.id}-subject")
            yield pytest.param(template.body, id=f"{template.id}-body")


def response_texts():
    for stage, bands in LIBRARY.responses.items():
        for band, texts in bands.items():
            for i, text in enumerate(texts):
                yield pytest.param(text, id=f"{stage}-{band}-{i}")


@pytest.mark.parametrize("text", list(template_texts()))
def test_every_draft_reads_naturally_with_any_details_missing(text):
    for known in SUBSETS:
        filled = render(text, known)
        assert not gaps(filled), (known, gaps(filled), filled)
        for name, value in known.items():
            if f"{{{name}" in text and name != "name":
                assert value in filled or "[" in text, (name, filled)


@pytest.mark.parametrize("text", list(response_texts()))
def test_every_rejection_reply_reads_naturally_with_or_without_company_and_role(text):
    for known in SUBSETS:
        filled = render(text, {k: v for k, v in known.items() if k in ("company", "role")})
        assert not gaps(filled), (known, gaps(filled), filled)


def test_drafts_use_the_details_they_are_given():
    for templates in LIBRARY.templates.values():
        for template in templates:
            filled = render(template.body, DETAILS)
            assert "Sam Lee" in filled and "Ana" in filled
            assert "Acme Ltd" in filled or "Data Analyst" in filled


def test_counted_lines_fill_their_numbers():
    for kind in ("log_done", "goal_met"):
        for text in LIBRARY.replies[kind]:
            filled = render(text, {"count": 3, "activity": "applications"})
            assert not gaps(filled) and "applications" in filled
    for text in LIBRARY.nudges["streak_at_risk"]:
        assert "12" in render(text, {"streak": 12})


def test_segments_drop_whole_and_fallbacks_fill_in():
    text = "Hi {interviewer|there}, thanks for the chat[ about the {role} role][ at {company}]."
    assert render(text, {}) == "Hi there, thanks for the chat."
    assert render(text, {"company": "Acme", "role": ""}) == "Hi there, thanks for the chat at Acme."
    assert render(text, DETAILS) == ("Hi Sam Lee, thanks for the chat about the Data Analyst role "
                                     "at Acme Ltd.")


def test_the_gap_check_notices_gaps():
    assert "a dangling word" in gaps("Thanks for the chat at.")
    assert "a space before punctuation" in gaps("Thanks for the chat at .")
    assert "a double space" in gaps("Hi there,\nThanks  again")
    assert "a greeting with no name" in gaps("Hi ,")
    assert "a placeholder or segment bracket" in gaps("Hi {interviewer}")
    assert "a repeated word" in gaps("for the the role")
    assert "a line ending or starting in a separator" in gaps("Thank you —")
