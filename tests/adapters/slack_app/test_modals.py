"""Core forms become modals with menus for choices, and submitted values come back out."""

from adapters.slack_app.modals import (
    CALLBACK_ID,
    FormMeta,
    form_to_view,
    view_to_values,
)
from bot.commands.registry import all_commands
from bot.forms import form_for
from bot.replies import Form, FormField

COMMANDS = all_commands()


def test_rejection_form_has_a_menu_for_stage_and_text_boxes_with_limits():
    view = form_to_view(form_for(COMMANDS["rejection"]), FormMeta("cmd:rejection", "C1"))
    assert view["callback_id"] == CALLBACK_ID and view["type"] == "modal"
    assert len(view["title"]["text"]) <= 24
    blocks = {b["block_id"]: b for b in view["blocks"]}
    stage = blocks["stage"]["element"]
    assert stage["type"] == "static_select"
    assert [o["value"] for o in stage["options"]] == ["applied", "screen", "interview", "final", "offer"]
    assert blocks["note"]["element"] == {"type": "plain_text_input", "action_id": "note",
                                         "multiline": True, "max_length": 1000,
                                         "placeholder": blocks["note"]["element"]["placeholder"]}
    assert blocks["company"]["optional"] is True
    assert FormMeta.from_json(view["private_metadata"]) == FormMeta("cmd:rejection", "C1")


def test_prefilled_choice_becomes_the_initial_option():
    form = form_for(COMMANDS["goal set"], {"activity": "followed_up", "target": "2"})
    element = next(b["element"] for b in form_to_view(form, FormMeta(form.form_id))["blocks"]
                   if b["block_id"] == "activity")
    assert element["initial_option"]["value"] == "followed_up"
    assert element["initial_option"]["text"]["text"] == "followed up"


def test_too_many_choices_fall_back_to_a_text_box_that_fits_them():
    choices = tuple(f"zone-{i:03d}" for i in range(150))
    view = form_to_view(Form("cmd:x", "Pick", (FormField("zone", "Zone", choices=choices, max_length=3),)),
                        FormMeta("cmd:x"))
    element = view["blocks"][0]["element"]
    assert element["type"] == "plain_text_input" and element["max_length"] == 8


def test_submitted_values_are_read_from_the_view_state():
    state = {"values": {
        "stage": {"stage": {"type": "static_select", "selected_option": {"value": "final"}}},
        "note": {"note": {"type": "plain_text_input", "value": "long day"}},
        "company": {"company": {"type": "plain_text_input", "value": None}},
        "role": {"role": {"type": "static_select", "selected_option": None}},
    }}
    assert view_to_values({"state": state}) == {"stage": "final", "note": "long day"}


def test_unreadable_metadata_gives_an_empty_form_id():
    assert FormMeta.from_json("not json") == FormMeta("")
