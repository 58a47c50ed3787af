"""Fitting replies and forms into Discord's limits without cutting anything off."""

from __future__ import annotations

from adapters.discord_app.commands_tree import suggestions
from adapters.discord_app.forms import FormDesk, form_parts, modal_values
from adapters.discord_app.render import pack_embeds, reply_to_messages, section_to_embeds, split_text
from bot.replies import Attachment, Button, Field, Form, FormField, Image, Reply, Section


def test_short_text_is_one_chunk_and_empty_text_none():
    assert split_text("Hello") == ["Hello"]
    assert split_text("") == []


def test_long_text_splits_at_lines_and_keeps_every_line():
    lines = [f"- item {i}: " + "word " * 30 for i in range(40)]
    chunks = split_text("\n".join(lines))
    assert len(chunks) > 1 and all(len(c) <= 2000 for c in chunks)
    assert "\n".join(chunks).split("\n") == lines


def test_a_split_inside_a_code_fence_closes_and_reopens_it():
    body = "\n".join(f"line {i} " + "x" * 60 for i in range(60))
    chunks = split_text(f"Your draft:\n```\n{body}\n```")
    assert len(chunks) > 1 and all(len(c) <= 2000 for c in chunks)
    assert all(c.count("```") % 2 == 0 for c in chunks)
    assert chunks[1].startswith("```\n")


def test_one_very_long_line_is_cut_at_spaces():
    chunks = split_text("word " * 1000, limit=500)
    assert all(len(c) <= 500 for c in chunks)
    assert " ".join(chunks).split() == ["word"] * 1000


def test_a_long_section_becomes_several_embeds_with_every_field():
    fields = tuple(Field(f"f{i}", "v" * 1500) for i in range(30))
    embeds = section_to_embeds(Section(title="Totals", text="t" * 9000, fields=fields))
    assert embeds[0].title == "Totals"
    assert all(len(e.description or "") <= 4096 and len(e.fields) <= 25 for e in embeds)
    assert all(len(f.value) <= 1024 for e in embeds for f in e.fields)
    names = [f.name for e in embeds for f in e.fields if f.name != "\u200b"]
    assert names == [f"f{i}" for i in range(30)]


def test_an_empty_section_sends_no_empty_embed():
    assert section_to_embeds(Section()) == []


def test_embeds_are_packed_ten_and_six_thousand_characters_at_most():
    groups = pack_embeds(section_to_embeds(Section(text="z" * 3500)) * 12)
    assert all(len(g) <= 10 and sum(len(e) for e in g) <= 6000 for g in groups)
    assert sum(len(g) for g in groups) == 12


def test_files_and_buttons_ride_on_the_last_message():
    reply = Reply(text="a" * 2500, sections=(Section(title="One", text="b"),),
                  image=Image(b"\x89PNG", "A calendar", "cal.png"),
                  attachment=Attachment(b"{}", "export.json"),
                  buttons=(Button("Go", "rb:go"),))
    first, last = reply_to_messages(reply)
    assert "files" not in first.kwargs() and "view" not in first.kwargs()
    sent = last.kwargs()
    assert [f.filename for f in sent["files"]] == ["cal.png", "export.json"]
    assert sent["files"][0].description == "A calendar"
    assert sent["embeds"][-1].image.url == "attachment://cal.png"
    assert [i.custom_id for i in sent["view"].children] == ["rb:go"]


def test_a_dm_button_carries_the_server_in_its_id():
    [message] = reply_to_messages(Reply(text="Nudge", buttons=(Button("Log it", "rb:log:1"),)))
    [item] = message.kwargs(dm_guild="123").get("view").children
    assert item.custom_id == "rbg:123:rb:log:1"


def test_forms_split_into_parts_of_five():
    form = Form("cmd:survey", "Survey", tuple(FormField(f"q{i}", f"Q{i}") for i in range(11)))
    assert [len(part) for part in form_parts(form)] == [5, 5, 1]


def test_a_multi_part_form_collects_answers_only_for_its_member():
    desk = FormDesk()
    form = Form("cmd:survey", "Survey", tuple(FormField(f"q{i}", f"Q{i}") for i in range(6)))
    first = desk.modal(form, "ana")
    assert desk.submit(first.custom_id, "ben", {"q0": "x"}).expired
    step = desk.submit(first.custom_id, "ana", {f"q{i}": "a" for i in range(5)})
    assert step.next_part == "Continue (2/2)"
    second = desk.modal_for(step.continue_token, "ana")
    assert second is not None and [c.component.custom_id for c in second.children] == ["q5"]
    done = desk.submit(second.custom_id, "ana", {"q5": "b"})
    assert done.form_id == "cmd:survey" and len(done.values) == 6
    assert desk.modal_for(step.continue_token, "ana") is None


def test_modal_values_read_text_inputs_selects_and_old_action_rows():
    components = [
        {"type": 18, "component": {"type": 4, "custom_id": "company", "value": "Acme"}},
        {"type": 18, "component": {"type": 3, "custom_id": "stage", "values": ["final"]}},
        {"type": 18, "component": {"type": 3, "custom_id": "feeling", "values": []}},
        {"type": 1, "components": [{"type": 4, "custom_id": "note", "value": "ok"}]},
    ]
    assert modal_values(components) == {"company": "Acme", "stage": "final", "feeling": "",
                                        "note": "ok"}


def test_time_zone_suggestions_prefer_prefixes_and_ignore_case_and_spaces():
    zones = frozenset({"America/New_York", "Europe/London", "Europe/Lisbon", "Asia/Kolkata"})
    assert suggestions(zones, "europe/l") == ["Europe/Lisbon", "Europe/London"]
    assert suggestions(zones, "new york") == ["America/New_York"]
    assert len(suggestions(frozenset(f"Zone/{i}" for i in range(40)), "")) == 25
