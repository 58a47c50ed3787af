"""Every shipped content file loads through the real loader, and overrides merge with the same checks."""

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from bot.content import schema as s
from bot.content.library import DEFAULT_DIR, FILES, load_library


def write(folder: Path, name: str, data: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def rebound(tmp_path: Path, *args: str, content: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "REBOUND_DB": str(tmp_path / "r.db")}
    env.pop("REBOUND_CONTENT_DIR", None)
    if content is not None:
        env["REBOUND_CONTENT_DIR"] = str(content)
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=60)


def test_every_shipped_file_is_read(library):
    assert sorted(p.stem for p in DEFAULT_DIR.glob("*.yaml")) == sorted(FILES)


def test_the_library_has_what_the_issue_asks_for(library):
    topics = Counter(t.topic for t in library.tips)
    assert len(library.tips) >= 80 and set(topics) == set(s.TOPICS)
    assert all(len(t.text) <= 400 for t in library.tips)
    assert all(len(library.responses[st][b]) >= 4 for st in s.STAGES for b in s.BANDS)
    reasons = " ".join(r.text.lower() for r in library.not_you)
    for idea in ("experience", "applicants", "inside the company", "withdrawn", "budget", "team"):
        assert idea in reasons
    groups = Counter(p.group for p in library.prompts)
    assert len(library.prompts) >= 15 and set(groups) == set(s.PROMPT_GROUPS)
    categories = Counter(q.category for q in library.questions)
    assert len(library.questions) >= 50 and len(categories) >= 6
    assert all(q.approach for q in library.questions)
    kinds = {k: len(v) for k, v in library.templates.items()}
    assert kinds["thank-you"] >= 3 and kinds["feedback"] >= 3
    assert kinds["follow-up"] >= 1 and kinds["keep-in-touch"] >= 1
    assert len(library.posts) >= 40 and all(p.themes and p.weekdays for p in library.posts)
    assert all(any(day in p.weekdays for p in library.posts if len(p.weekdays) == 1)
               for day in s.WEEKDAYS)
    assert set(library.nudges) == set(s.NUDGE_KINDS)
    assert library.resources.lines[0].region == "Worldwide"


def test_feedback_requests_ask_in_different_ways(library):
    asks = [t.body.split("\n\n")[2] for t in library.templates["feedback"]]
    assert len(set(asks)) == len(asks)


def test_rebound_content_check_reads_an_override_over_the_shipped_files(tmp_path):
    extra = tmp_path / "ours"
    write(extra, "tips", {"tips": [{"id": "ours-walk", "topic": "wellbeing",
                                    "text": "Our park is lovely at lunchtime."}]})
    merged = rebound(tmp_path, "content", "check", content=extra)
    assert merged.returncode == 0, merged.stderr
    assert "Content is valid" in merged.stdout
    assert f"{len(load_library().tips) + 1} tips" in merged.stdout


def test_rebound_content_check_names_the_file_key_and_what_was_expected(tmp_path):
    extra = tmp_path / "ours"
    path = write(extra, "tips", {"tips": [{"id": "mindset-add-yet", "topic": "chess"}]})
    done = rebound(tmp_path, "content", "check", content=extra)
    assert done.returncode == 2
    assert str(path) in done.stderr
    assert "tips[mindset-add-yet].topic" in done.stderr and "expected one of" in done.stderr


def test_an_override_changes_one_entry_by_id_and_adds_new_ones(tmp_path):
    extra = tmp_path / "ours"
    write(extra, "tips", {"tips": [
        {"id": "mindset-add-yet", "text": "Our own words for this tip."},
        {"id": "ours-walk", "topic": "wellbeing", "text": "Our park is lovely at lunchtime.",
         "tags": ["fresh"]},
    ]})
    write(extra, "encouragement", {"posts": [
        {"id": "ours-friday", "text": "Pizza Friday in the lounge.", "themes": ["community"],
         "weekdays": ["fri"]}]})
    write(extra, "resources", {"resources": {"lines": [
        {"region": "Our town", "name": "Town line", "contact": "Call 123"}]}})
    base = load_library()
    library = load_library(DEFAULT_DIR, extra)
    changed = library.tip("mindset-add-yet")
    assert changed.text == "Our own words for this tip."
    assert changed.topic == base.tip("mindset-add-yet").topic and changed.tags
    assert library.tip("ours-walk").tags == frozenset({"fresh"})
    assert len(library.tips) == len(base.tips) + 1
    assert library.posts[-1].id == "ours-friday" and len(library.posts) == len(base.posts) + 1
    assert [line.region for line in library.resources.lines] == ["Our town"]
    assert library.resources.intro == base.resources.intro


def test_an_empty_override_file_changes_nothing(tmp_path):
    extra = tmp_path / "ours"
    extra.mkdir()
    (extra / "tips.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert load_library(DEFAULT_DIR, extra).tips == load_library().tips


@pytest.mark.parametrize(("name", "data", "key", "expected"), [
    ("tips", {"tips": [{"id": "ours", "topic": "wellbeing", "text": "x" * 401}]},
     "tips[ours].text", "at most 400 characters"),
    ("tips", {"tips": [{"id": "ours", "topic": "wellbeing", "text": "Hi", "tags": ["sad"]}]},
     "tips[ours].tags", "one of"),
    ("tips", {"tips": [{"id": "ours", "topic": "wellbeing", "txt": "Hi"}]},
     "tips[ours].txt", "only the keys"),
    ("tips", {"tip": []}, "(top).tip", "only the keys tips"),
    ("templates", {"templates": {"thank-you": [{"id": "thank-you-warm", "body": "Hi {boss}"}]}},
     "templates.thank-you[thank-you-warm].body", "only {company}"),
    ("templates", {"templates": {"feedback": [{"id": "feedback-one-thing",
                                               "body": "Thanks to {company}."}]}},
     "templates.feedback[feedback-one-thing].body", "inside a [segment]"),
    ("rejections", {"responses": {"final": {"low": ["Sorry [about it."]}}},
     "responses.final.low[0]", "balanced"),
    ("nudges", {"nudges": {"comeback": ["Welcome back, {name|friend}."]}},
     "nudges.comeback[0]", "no placeholders"),
    ("encouragement", {"posts": [{"id": "ours", "text": "Hi", "themes": ["parties"]}]},
     "posts[ours].themes", "one of"),
    ("practice", {"questions": [{"id": "ours", "category": "trivia", "question": "Q?",
                                 "approach": "A."}]},
     "questions[ours].category", "one of"),
    ("care", {"care": {"opening": []}}, "care.opening", "at least 1"),
    ("resources", {"resources": {"lines": [{"region": "Here", "name": "Line"}]}},
     "resources.lines[0].contact", "some text"),
])
def test_a_bad_override_is_refused_with_file_key_and_expectation(tmp_path, name, data, key, expected):
    path = write(tmp_path / "ours", name, data)
    with pytest.raises(s.ContentError) as caught:
        load_library(DEFAULT_DIR, tmp_path / "ours")
    error = caught.value
    assert error.file.startswith(str(path)) and f"bundled {name}.yaml" in error.file
    assert error.key == key and expected in error.expected


def test_broken_yaml_and_a_missing_folder_are_named(tmp_path):
    folder = tmp_path / "ours"
    folder.mkdir()
    (folder / "tips.yaml").write_text("tips: [unclosed\n", encoding="utf-8")
    with pytest.raises(s.ContentError) as caught:
        load_library(DEFAULT_DIR, folder)
    assert caught.value.file == str(folder / "tips.yaml") and "valid YAML" in caught.value.expected
    with pytest.raises(s.ContentError) as caught:
        load_library(DEFAULT_DIR, tmp_path / "missing")
    assert caught.value.key == "REBOUND_CONTENT_DIR"
