"""Bad input gets a friendly message naming the field, and nothing is stored."""

import pytest

from tests.conftest import count_rows

TABLES = ("rejections", "checkins", "activities", "day_totals", "goals", "wins", "reflections")


@pytest.mark.parametrize("line, expected", [
    ("/checkin 9", "**feeling** can’t be 9: a whole number from 1 to 5"),
    ("/checkin feeling:lots", "**feeling** should be a whole number"),
    ("/log applied -3", "**count** can’t be -3: a whole number from 1 to 50"),
    ("/log applied 51", "**count** can’t be 51"),
    ("/log dancing", "**activity** can’t be “dancing”: one of applied, networked"),
    ("/settings timezone:Mars/Base", "I don’t know “Mars/Base”"),
    ("/settings day_start:24", "**day_start** can’t be 24"),
    ("/settings reminder_time:25:00", "should look like 18:30"),
    ("/settings quiet_hours:late", "should look like 22:00-08:00"),
    ("/settings pause_until:someday", "should be a date like"),
    ("/settings pause_until:2020-01-01", "between today and three months"),
    ("/win @everyone we did it", "contains `@everyone`"),
    ("/win hey @here", "contains `@here`"),
    ("/win thanks <@&123>", "contains `<@&123>`"),
    ("/win <!channel> news", "contains `<!channel>`"),
    ("/win \u200b\u200b", "**text** is empty"),
    ("/goal set applied 0 week", "**target** can’t be 0"),
    ("/goal set applied 5 month", "**period** can’t be “month”"),
    ("/draft love-letter", "**kind** can’t be “love-letter”"),
    ("/tip cooking", "**topic** can’t be “cooking”"),
    ("/log applied nope:1", "`/log` has no option called **nope**"),
    ("/rejection stage:final mood:3", "has no option called **mood**. It takes: company, role"),
])
async def test_bad_input_is_refused_kindly_and_stores_nothing(ana, core, line, expected):
    reply = await ana.say(line)
    assert expected in reply.text
    assert "Traceback" not in reply.text
    for table in TABLES:
        assert await count_rows(core, table) == 0, table


async def test_a_huge_note_is_refused_with_its_size(ana, core):
    reply = await ana.say(f'/checkin 3 note:"{"x" * 10_000}"')
    assert "up to 1,000 characters; this one has 10,000" in reply.text
    assert await count_rows(core, "checkins") == 0


async def test_unknown_time_zone_suggests_near_misses(ana):
    reply = await ana.say("/settings timezone:America/New_Yrok")
    assert "Did you mean America/New_York" in reply.text


async def test_markdown_and_unicode_are_kept_literally(ana, core):
    await ana.say('/win "**bold** [link](http://x) café 👩🏽‍💻"')
    stored = await core.services.db.fetchval("SELECT text FROM wins")
    assert stored == "**bold** [link](http://x) café 👩🏽‍💻"
    reply = await ana.say('/win "*shout* _under_"')
    post = reply.posts[0].reply.text
    assert r"\*shout\* \_under\_" in post


async def test_control_characters_are_dropped(ana, core):
    await ana.say("/win \"got\u202e it\u0007\"")
    assert await core.services.db.fetchval("SELECT text FROM wins") == "got it"


async def test_unexpected_types_from_a_platform_are_refused(core, ana):
    from bot.requests import Request

    reply = await core.handle(Request(ana.address, "log", {"activity": "applied", "count": True}))
    assert "whole number" in reply.text
    reply = await core.handle(Request(ana.address, "log", {"activity": ["applied"]}))
    assert "**activity** can’t be" in reply.text
    assert await count_rows(core, "activities") == 0


async def test_missing_required_options_open_a_prefilled_form(ana, core):
    reply = await ana.say("/log count:3")
    assert reply.form is not None and reply.form.title == "Log"
    assert {f.name: f.value for f in reply.form.fields}["count"] == "3"
    assert [f.name for f in reply.form.fields if f.required] == ["activity"]
    assert (await ana.say("/win")).form is not None
    assert await count_rows(core, "activities") == 0
