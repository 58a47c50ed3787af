"""`/setup`: admins configure channels, time zone, schedules, crisis text, admins and DM limits."""

import pytest

from bot import config_store


async def config(core) -> dict[str, str]:
    return await config_store.get_all(core.services.db, 1)


@pytest.mark.parametrize("line", ["/setup show", "/setup channels wins:#wins",
                                  "/setup timezone Europe/London", "/setup nudges 2"])
async def test_members_who_are_not_admins_are_refused_and_nothing_changes(core, ana, line):
    reply = await ana.say(line)
    assert reply.text.startswith("Only this community’s admins can use")
    assert await config(core) == {}


async def test_channels_accept_mentions_names_and_off(core, admin):
    reply = await admin.say("/setup channels encouragement:<#1234567> wins:#wins "
                            "accountability:<#C0ABCDEF|weekly> care:#care-team")
    assert reply.text == ("Saved.\n- encouragement: <#1234567>\n- wins: #wins\n"
                          "- accountability: <#C0ABCDEF>\n- care: #care-team")
    assert await config(core) == {"channel.encouragement": "1234567", "channel.wins": "wins",
                                  "channel.accountability": "C0ABCDEF", "channel.care": "care-team"}
    await admin.say("/setup channels wins:off")
    assert "channel.wins" not in await config(core)


async def test_time_zone_and_schedules_are_checked_and_saved(core, admin):
    assert "Did you mean Europe/London" in (await admin.say("/setup timezone europe/londn")).text
    await admin.say("/setup timezone america/new_york")
    zone = await core.services.db.fetchval("SELECT timezone FROM communities WHERE id = 1")
    assert zone == "America/New_York"
    reply = await admin.say('/setup schedule encouragement "tue, thursday 8:15"')
    assert reply.text == ("Saved. The encouragement post now runs tue,thu 08:15 "
                          "(America/New_York).")
    assert "**when** should look like" in (await admin.say("/setup schedule recap friday")).text
    assert "I don’t know the day" in (await admin.say("/setup schedule recap funday 16:00")).text
    await admin.say("/setup schedule checkin off")
    assert await config(core) == {"schedule.encouragement": "tue,thu 08:15",
                                  "schedule.checkin": "off"}


async def test_crisis_resources_can_be_set_and_restored(core, admin, ana):
    text = "US: 988 Suicide & Crisis Lifeline. UK: Samaritans 116 123."
    reply = await admin.say(f'/setup crisis "{text}"')
    assert reply.text.startswith("Saved.") and (await config(core))["crisis_resources"] == text
    await admin.say("/setup crisis default")
    assert "crisis_resources" not in await config(core)


async def test_admins_added_by_setup_may_use_it(core, admin, ana):
    assert "/setup show" not in (await ana.say("/help")).plain_text()
    reply = await admin.say("/setup admins add:<@ana>")
    assert reply.text == "Saved. Setup admins: <@ana>."
    assert "/setup show" in (await ana.say("/help")).plain_text()
    assert (await ana.say("/setup nudges daily_limit:2")).text.startswith("Saved. Members get at most 2")
    await admin.say("/setup admins remove:@ana")
    assert (await ana.say("/setup show")).text.startswith("Only this community’s admins")


async def test_setup_show_prints_everything_and_what_comes_next(core, admin):
    await admin.say("/setup channels encouragement:#cheer")
    reply = await admin.say("/setup show")
    sections = {s.title: s for s in reply.sections}
    channels = {f.name: f.value for f in sections["Channels"].fields}
    assert channels == {"encouragement": "#cheer", "wins": "not set", "accountability": "not set",
                        "care": "not set"}
    schedules = {f.name: f.value for f in sections["Schedules"].fields}
    assert schedules["encouragement post"] == "mon,wed,fri 09:00 (default)"
    assert schedules["Friday recap"] == "fri 16:00 (default) — needs a channel"
    general = {f.name: f.value for f in sections["General"].fields}
    assert general == {"Time zone": "UTC", "DMs per member per day": "1",
                       "Crisis resources": "bundled list",
                       "Setup admins": "the platform’s own admins"}
    assert sections["Next 7 days"].text.startswith("- Wed 25 Nov 09:00: encouragement post")
