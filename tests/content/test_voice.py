"""The rules of VOICE.md that a machine can check, over everything the bot can say."""

import re
from collections import Counter

import pytest

from bot.content.library import load_library
from bot.safety import is_crisis

LIBRARY = load_library()
CLICHES = [
    "everything happens for a reason", "one door closes", "door closed", "their loss",
    "you've got this", "stay positive", "good vibes", "chin up", "on to the next",
    "onwards and upwards", "plenty of fish", "meant to be", "silver lining", "just apply",
    "apply more", "no pain, no gain", "what doesn't kill you", "head up", "hang in there",
    "you failed", "your fault for", "should have tried harder",
]
EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF]")


def said() -> dict[str, list[str]]:
    """Every text the bot can say, grouped by file."""
    lib = LIBRARY
    return {
        "tips": [t.text for t in lib.tips] + [t.try_this for t in lib.tips if t.try_this],
        "rejections": [t for bands in lib.responses.values() for ts in bands.values() for t in ts]
        + [t for ts in lib.next_steps.values() for t in ts],
        "not_you": [r.text for r in lib.not_you],
        "reflection": [p.text for p in lib.prompts],
        "practice": [q.question for q in lib.questions] + [q.approach for q in lib.questions],
        "templates": [t.body for ts in lib.templates.values() for t in ts],
        "encouragement": [p.text for p in lib.posts],
        "nudges": [t for ts in lib.nudges.values() for t in ts],
        "replies": [t for ts in lib.replies.values() for t in ts],
        "care": [t for ts in lib.care.values() for t in ts],
    }


@pytest.mark.parametrize("file", list(said()))
def test_no_cliches_toxic_positivity_or_blame(file):
    for text in said()[file]:
        lowered = text.lower().replace("’", "'")
        assert not [c for c in CLICHES if c in lowered], text
        assert "!!" not in text and text.count("!") <= 1, text


@pytest.mark.parametrize("file", list(said()))
def test_no_line_is_said_twice_and_emoji_stay_rare(file):
    texts = said()[file]
    assert len(set(texts)) == len(texts)
    with_emoji = sum(bool(EMOJI.search(t)) for t in texts)
    assert with_emoji <= max(1, len(texts) // 10)


def test_rejection_replies_carry_no_emoji_and_vary_their_openings():
    for stage, bands in LIBRARY.responses.items():
        for band, texts in bands.items():
            assert not any(EMOJI.search(t) for t in texts)
            openings = Counter(" ".join(t.split()[:2]) for t in texts)
            assert openings.most_common(1)[0][1] == 1, (stage, band, openings)
    starts = Counter(t.split()[0].strip(".,") for ts in LIBRARY.responses.values()
                     for texts in ts.values() for t in texts)
    assert starts["Noted"] + starts["Logged"] <= 2


def test_tips_do_not_lean_on_one_opening():
    starts = Counter(t.text.split()[0] for t in LIBRARY.tips)
    assert starts.most_common(1)[0][1] <= len(LIBRARY.tips) // 8
    assert starts["Remember,"] <= 2


def test_tips_that_push_for_more_applications_are_tagged_so_they_can_be_held_back():
    pushing = re.compile(r"keep applying|apply(?:ing)? elsewhere|more applications|new one", re.I)
    for tip in LIBRARY.tips:
        if pushing.search(tip.text):
            assert "keep-applying" in tip.tags, tip.id
    fresh = [t for t in LIBRARY.tips if "fresh" in t.tags or "mood:low" in t.tags]
    assert not any("keep-applying" in t.tags for t in fresh)


def test_our_own_words_never_trip_the_crisis_check():
    for file, texts in said().items():
        if file != "care":
            assert not [t for t in texts if is_crisis(t)], file
