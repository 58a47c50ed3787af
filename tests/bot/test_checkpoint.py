"""Folding the WAL after a deletion leaves the writer ready for the next command."""

from tests.conftest import count_rows


async def test_others_can_write_after_a_member_erases_their_data(core, ana, ben):
    await ana.say("/log applied")
    asked = await ana.say("/privacy delete")
    await ana.press(asked, "Yes, delete my data")
    reply = await ben.say("/log applied 2")
    assert "wrong" not in reply.text
    assert await count_rows(core, "activities") == 1
