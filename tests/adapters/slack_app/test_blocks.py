"""Replies become Block Kit within Slack's limits, by splitting rather than failing."""

from adapters.slack_app.blocks import (
    MAX_BLOCKS,
    MAX_TEXT,
    reply_to_blocks,
    reply_to_messages,
    split_text,
)
from adapters.slack_app.mrkdwn import Style
from bot.actions import action_id
from bot.replies import Button, ButtonStyle, Field, Reply, Section

STYLE = Style()


def texts(blocks):
    return [b["text"]["text"] for b in blocks if b["type"] == "section" and "text" in b]


def test_sections_fields_footnotes_and_buttons():
    reply = Reply(
        text="Hello",
        sections=(Section(title="Goals", fields=(Field("Current", "2 days"), Field("Best", "5 days"))),
                  Section(text="_Rest counts too._")),
        buttons=(Button("Yes", action_id("privacy", "delete"), ButtonStyle.DANGER),
                 Button("Draft", action_id("draft", "feedback", 3), ButtonStyle.PRIMARY),
                 Button("Later", action_id("remind", 3))),
    )
    blocks = reply_to_blocks(reply, STYLE)
    assert [b["type"] for b in blocks] == ["section", "section", "context", "actions"]
    assert blocks[1]["text"]["text"] == "*Goals*"
    assert [f["text"] for f in blocks[1]["fields"]] == ["*Current*\n2 days", "*Best*\n5 days"]
    assert blocks[2]["elements"][0]["text"] == "_Rest counts too._"
    buttons = blocks[3]["elements"]
    assert [b["action_id"] for b in buttons] == ["rb:privacy:delete", "rb:draft:feedback:3", "rb:remind:3"]
    assert [b.get("style") for b in buttons] == ["danger", "primary", None]


def test_long_text_is_split_into_sections_under_3000_characters():
    line = "A sentence about a job search that keeps going. " * 4
    blocks = reply_to_blocks(Reply(text="\n".join([line] * 60)), STYLE)
    assert len(blocks) > 1
    assert all(len(t) <= MAX_TEXT for t in texts(blocks))
    assert "".join(texts(blocks)).replace("\n", "") == ("\n".join([line] * 60)).replace("\n", "")


def test_a_split_code_fence_is_closed_and_reopened():
    body = "```" + "word " * 1000 + "```"
    pieces = split_text(body, MAX_TEXT)
    assert len(pieces) == 2
    assert all(p.startswith("```") and p.endswith("```") for p in pieces)


def test_a_hard_cut_never_splits_an_escape():
    pieces = split_text("x" * 2994 + "&amp;" + "y" * 100, 3000)
    assert pieces[0].endswith("x") and pieces[1].startswith("&amp;")


def test_more_than_50_blocks_become_several_messages():
    reply = Reply(text="Many", sections=tuple(Section(title=f"Day {i}", text="ok") for i in range(120)))
    messages = reply_to_messages(reply, STYLE)
    assert [len(m.blocks) for m in messages] == [MAX_BLOCKS, MAX_BLOCKS, 21]
    assert all(m.text.startswith("Many") for m in messages)


def test_many_fields_and_buttons_are_grouped_within_limits():
    reply = Reply(sections=(Section(fields=tuple(Field(f"F{i}", str(i)) for i in range(23))),),
                  buttons=tuple(Button("x" * 90, action_id("tip", i)) for i in range(30)))
    blocks = reply_to_blocks(reply, STYLE)
    assert [len(b["fields"]) for b in blocks if "fields" in b] == [10, 10, 3]
    actions = [b for b in blocks if b["type"] == "actions"]
    assert [len(a["elements"]) for a in actions] == [25, 5]
    assert all(len(e["text"]["text"]) <= 75 for a in actions for e in a["elements"])


def test_an_empty_reply_has_no_messages():
    assert reply_to_messages(Reply(), STYLE) == []
