"""Crisis language on every path: care first, nothing kept unless chosen, a person only on request."""

import logging
from datetime import timedelta

import pytest

from bot import config_store
from bot.app import build
from bot.commands.spec import Command
from bot.config import Settings
from bot.content.schema import KEEP_APPLYING
from bot.crypto import new_key
from bot.replies import Reply, Visibility
from bot.scheduling.scheduler import Scheduler
from tests.conftest import Member, count_rows

WORDS = "i dont want to be alive anymore"
CHOICES = ["Breathe for a minute", "Helplines", "A safety note", "Talk to a person"]
PRODUCTIVE = ("streak", "apply", "/log", "/tip", "next step", "goal")


def is_care(reply: Reply) -> bool:
    return [b.label for b in reply.buttons][:4] == CHOICES


async def community(core) -> int:
    return await core.services.db.fetchval("SELECT id FROM communities")


async def everything_stored(core) -> str:
    """Every value in every table, as one string, to prove words were (or were not) kept."""
    db = core.services.db
    rows = [tuple(r) for t in await db.tables() for r in await db.fetchall(f'SELECT * FROM "{t}"')]
    return repr(rows)


async def test_the_reply_leads_with_care_keeps_nothing_and_counts_without_text(ana, core, clock):
    reply = await ana.say(f'/checkin 1 "{WORDS}"')
    assert is_care(reply) and reply.visibility is Visibility.PRIVATE
    assert not any(word in reply.plain_text().lower() for word in PRODUCTIVE)
    assert "emergency number" in reply.plain_text() and "findahelpline.com" in reply.plain_text()
    assert "haven't saved what you wrote" in reply.text
    assert await count_rows(core, "checkins") == 0
    assert await core.services.db.fetchval("SELECT count FROM crisis_counts") == 1
    assert await core.services.db.columns("crisis_counts") == ["community_id", "day", "count"]
    until = await core.services.db.fetchval("SELECT crisis_until FROM members")
    assert until == (clock.now() + timedelta(hours=24)).isoformat()


async def test_one_full_reply_an_hour_not_one_per_message(ana, core, clock):
    first = await ana.say("/win i want to end it all")
    again = await ana.say("/checkin 2 still want to die")
    assert "still here" in again.text.lower() and is_care(again)
    assert again.text != first.text and not again.sections
    assert await core.services.db.fetchval("SELECT count FROM crisis_counts") == 1
    clock.advance(hours=1)
    later = await ana.say("/checkin 2 i want to die")
    assert later.sections and await core.services.db.fetchval("SELECT count FROM crisis_counts") == 2


async def test_words_are_saved_only_when_the_member_chooses(ana, core):
    reply = await ana.say(f'/checkin 2 "{WORDS}"')
    assert "Save what I wrote" in [b.label for b in reply.buttons]
    saved = await ana.press(reply, "Save what I wrote")
    assert "Saved privately" in saved.text and not saved.posts
    note = await core.services.db.fetchval("SELECT note FROM checkins")
    assert note == WORDS
    assert await core.services.db.fetchval("SELECT held FROM care_state") is None
    twice = await ana.press(reply, "Save what I wrote")
    assert "nothing waiting" in twice.text.lower()
    assert await count_rows(core, "checkins") == 1


async def test_unsaved_words_are_gone_after_an_hour(ana, core, clock):
    reply = await ana.say(f"/log applied note:\"{WORDS}\"")
    assert WORDS in await everything_stored(core)
    clock.advance(hours=1, seconds=1)
    late = await ana.press(reply, "Save what I wrote")
    assert "nothing waiting" in late.text.lower()
    assert WORDS not in await everything_stored(core)
    assert await count_rows(core, "activities") == 0


async def test_a_saved_win_stays_private(ana, core):
    reply = await ana.say("/win got an interview but honestly i want to kill myself")
    assert not reply.posts
    saved = await ana.press(reply, "Save what I wrote")
    assert not saved.posts and await count_rows(core, "wins") == 1


async def test_words_that_cannot_be_kept_offer_no_save_button(ana):
    reply = await ana.say("/help i want to kill myself")
    assert is_care(reply) and "Save what I wrote" not in [b.label for b in reply.buttons]


async def test_a_person_is_told_only_when_asked_and_never_given_the_words(ana, core):
    reply = await ana.say(f'/checkin 1 "{WORDS}"')
    unset = await ana.press(reply, "Talk to a person")
    assert "hasn't set up a care channel" in unset.text and not unset.posts
    await config_store.put(core.services.db, await community(core), {"channel.care": "C-CARE"})
    asked = await ana.press(reply, "Talk to a person")
    post = asked.posts[0]
    assert post.channel_id == "C-CARE" and post.mention_user_ids == ("ana",)
    assert "<@ana>" in post.reply.text and WORDS not in post.reply.text
    assert "didn't share anything you wrote" in asked.text
    again = await ana.press(reply, "Talk to a person")
    assert not again.posts and "already" in again.text
    shared = await ana.press(asked, "Share what I wrote with them")
    assert shared.posts[0].channel_id == "C-CARE" and WORDS in shared.posts[0].reply.text


async def test_grounding_and_the_safety_note_never_diagnose(ana):
    reply = await ana.say("/checkin 1 i cant go on like this")
    grounding = await ana.press(reply, "Breathe for a minute")
    assert "Breathe in" in grounding.text and is_care(grounding)
    note = await ana.press(reply, "A safety note")
    assert "can't assess" in note.text and "medical advice" in note.text


async def test_helplines_default_to_international_and_a_community_can_set_its_own(ana, core):
    reply = await ana.say("/checkin 1 i want to die")
    lines = await ana.press(reply, "Helplines")
    text = lines.plain_text()
    assert "findahelpline.com" in text and "988" in text and "116 123" in text
    own = "Our community line: call 0800 000 000\nOr message a moderator"
    await config_store.put(core.services.db, await community(core), {"crisis_resources": own})
    lines = await ana.press(reply, "Helplines")
    assert "0800 000 000" in lines.plain_text() and "988" not in lines.plain_text()
    core.services.clock.advance(hours=2)
    fresh = await ana.say("/checkin 1 i want to die")
    assert "Our community line" in fresh.plain_text()


@pytest.mark.parametrize("line", [
    '/checkin note:"i want to die"',            # a required option is missing
    "/vent i want to die",                      # not a command at all
    '/rejection stage:nope note:"kill myself"',  # an invalid choice
    '/win "i want to die',                       # an open quote
    "/log applied count:500 note:suicidal",     # a number out of range
])
async def test_invalid_lines_still_get_care_first(ana, line):
    assert is_care(await ana.say(line))


async def test_forms_and_the_buttons_that_open_them_are_checked(ana, core):
    form = await ana.say("/reflect new")
    reply = await ana.submit(form, went_well="the intro", feeling="honestly I want to end it all")
    assert is_care(reply) and await count_rows(core, "reflections") == 0
    rejection = await ana.say("/rejection company:Acme stage:final feeling:2")
    reflect = await ana.press(rejection, "Reflect now")
    reply = await ana.submit(reflect, hard="everything. no reason to live")
    assert is_care(reply)
    saved = await ana.press(reply, "Save what I wrote")
    assert "Saved" in saved.text and await count_rows(core, "reflections") == 1


async def test_care_comes_before_admin_rights(core):
    async def secret(ctx, opts):
        return Reply(text="admin stuff done")

    core.services.commands["testadmin"] = Command("testadmin", "Admin only", secret, admin_only=True)
    zoe = Member(core, user="zoe")
    assert is_care(await zoe.say("/testadmin i want to die"))


async def test_everyday_job_search_talk_runs_normally(ana, core):
    reply = await ana.say('/rejection company:Acme stage:final note:"this rejection killed my motivation"')
    assert not is_care(reply) and await count_rows(core, "rejections") == 1
    assert not is_care(await ana.say("/win I'm dying to hear back from the second interview"))
    assert await core.services.db.fetchval("SELECT COUNT(*) FROM crisis_counts") == 0


async def test_while_flagged_keep_applying_tips_pause_then_return(ana, core, clock):
    await ana.say("/checkin 3 i want to die")
    clock.advance(hours=2)
    shown = [(await ana.say("/tip")).text for _ in range(12)]
    tips = {t.text: t for t in core.services.library.tips}
    chosen = [next(tip for text, tip in tips.items() if text in line) for line in shown]
    assert not any(KEEP_APPLYING in tip.tags for tip in chosen)
    gentler = await ana.say("/tip momentum")
    assert "rest matters more" in gentler.text
    clock.advance(days=1)
    assert "**Momentum**" in (await ana.say("/tip momentum")).text


async def test_streaks_are_frozen_while_flagged(ana, clock):
    await ana.say("/log applied")
    await ana.say("/checkin 3 i want to kill myself")
    clock.advance(days=2)
    await ana.say("/log applied")
    streak = await ana.say("/streak")
    assert streak.sections[0].fields[0].value == "2 days"
    assert "compassion" in streak.sections[-1].text


async def test_held_words_are_part_of_export_and_delete(ana, core):
    await ana.say(f'/checkin 1 "{WORDS}"')
    exported = await ana.say("/privacy export")
    assert WORDS in exported.attachment.data.decode()
    ask = await ana.say("/privacy delete")
    await ana.press(ask, "Yes, delete my data")
    assert WORDS not in await everything_stored(core)


async def test_crisis_words_never_reach_the_logs(ana, caplog):
    with caplog.at_level(logging.DEBUG):
        reply = await ana.say(f'/checkin 1 "{WORDS}"')
        await ana.press(reply, "Save what I wrote")
        await ana.say(f"/nonsense {WORDS}")
    assert WORDS not in "\n".join(r.getMessage() for r in caplog.records)


async def test_held_words_are_sealed_at_rest_when_a_key_is_set(tmp_path, clock, library):
    app = await build(Settings(db_path=tmp_path / "sealed.db", encryption_keys=(new_key(),)),
                      clock, library)
    try:
        ana = Member(app)
        reply = await ana.say(f'/checkin 2 "{WORDS}"')
        assert WORDS not in await everything_stored(app)
        assert "Saved privately" in (await ana.press(reply, "Save what I wrote")).text
        assert await count_rows(app, "checkins") == 1
    finally:
        await app.services.db.close()


async def test_an_admin_can_list_suicide_prevention_lines(admin):
    saved = await admin.say('/setup crisis "988 Suicide & Crisis Lifeline: call or text 988"')
    assert not is_care(saved) and "988" in saved.plain_text()
    assert is_care(await admin.say('/setup timezone "i want to die"'))


async def test_admins_see_how_often_care_was_needed_and_nothing_more(ana, admin, clock):
    await ana.say("/checkin 1 i want to die")
    clock.advance(hours=2)
    await ana.say("/win i want to die")
    shown = await admin.say("/setup show")
    fields = {f.name: f.value for s in shown.sections for f in s.fields}
    assert fields["Care replies, last 30 days"] == "2"
    assert "ana" not in shown.plain_text() and "die" not in shown.plain_text()


async def test_the_scheduler_clears_held_words_when_nobody_comes_back(ana, core, clock):
    await ana.say(f'/checkin 1 "{WORDS}"')
    scheduler = Scheduler(core)
    await scheduler.plan()
    assert WORDS in await everything_stored(core)
    clock.advance(minutes=61)
    await scheduler.plan()
    assert WORDS not in await everything_stored(core)
