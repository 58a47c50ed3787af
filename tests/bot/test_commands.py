"""Every member command, through the real core, as a member would use it."""

import asyncio
import json
from datetime import timedelta

from bot import config_store
from bot.commands.spec import Command
from bot.content.render import render
from bot.replies import Reply, Visibility
from tests.conftest import Member, count_rows


async def test_rejection_reply_fits_the_stage_and_offers_next_steps(ana, core):
    reply = await ana.say("/rejection company:Acme role:Analyst stage:final feeling:2")
    assert reply.visibility is Visibility.PRIVATE
    assert [b.label for b in reply.buttons] == [
        "Draft a feedback request", "Draft a thank-you note", "Reflect now", "Remind me in 3 days"]
    titles = [s.title for s in reply.sections]
    assert "One next step" in titles and "It might not have been about you" in titles
    assert any("48 hours" in s.text for s in reply.sections)
    finals = [render(t, {"company": "Acme", "role": "Analyst"})
              for t in core.services.library.responses["final"]["low"]]
    assert reply.text in finals
    applied = await ana.say("/rejection company:Beta stage:applied feeling:4")
    assert "It might not have been about you" not in [s.title for s in applied.sections]
    assert applied.text != reply.text
    assert await count_rows(core, "rejections") == 2


async def test_rejection_with_no_options_opens_a_form_and_the_form_saves(ana, core):
    reply = await ana.say("/rejection")
    assert reply.form is not None
    assert [f.name for f in reply.form.fields] == ["company", "role", "stage", "feeling", "note"]
    assert reply.form.fields[2].choices == ("applied", "screen", "interview", "final", "offer")
    saved = await ana.submit(reply, company="Acme", stage="interview", feeling="3")
    assert saved.buttons
    assert await count_rows(core, "rejections") == 1


async def test_rejection_without_a_stage_reopens_the_form_prefilled(ana, core):
    reply = await ana.say("/rejection company:Acme")
    assert reply.form is not None
    assert reply.form.fields[0].value == "Acme"
    assert await count_rows(core, "rejections") == 0


async def test_rejection_buttons_draft_with_known_details_and_queue_a_reminder(ana, core):
    reply = await ana.say('/rejection company:Acme role:"Data Analyst" stage:interview')
    draft = await ana.press(reply, "Draft a feedback request")
    body = draft.sections[0].text
    assert "Acme" in body or "Data Analyst" in body
    assert "{" not in body and "[" not in body
    followed = await core.services.db.fetchval("SELECT followed_up_at FROM rejections")
    assert followed is not None
    remind = await ana.press(reply, "Remind me in 3 days")
    assert "I’ll check in with you privately on" in remind.text
    await ana.press(reply, "Remind me in 3 days")
    assert await count_rows(core, "outbox") == 1
    form = await ana.press(reply, "Reflect now")
    assert form.form is not None
    assert {f.name: f.value for f in form.form.fields}["company"] == "Acme"


async def test_a_button_pressed_by_someone_else_only_touches_their_own_data(ana, ben, core):
    reply = await ana.say("/rejection company:Acme stage:interview")
    draft = await ben.press(reply, "Draft a thank-you note")
    assert "Acme" not in draft.sections[0].text
    assert await core.services.db.fetchval("SELECT followed_up_at FROM rejections") is None


async def test_checkin_follows_the_trend(ana, core):
    first = await ana.say("/checkin 3")
    lines = core.services.library.replies
    assert first.text in lines["checkin_first"]
    await ana.say("/checkin 3")
    up = await ana.say("/checkin 5 feeling better")
    assert up.text in lines["checkin_up"]
    assert "3 → 3 → 5" in up.sections[0].text
    await ana.say("/checkin 5")
    down = await ana.say("/checkin 3")
    assert down.text in lines["checkin_down"]
    low = await ana.say("/checkin 1")
    assert low.text in lines["checkin_low"]
    assert any("48 hours" in s.text for s in low.sections)


async def test_log_goal_and_streak_across_days(ana, clock):
    goal = await ana.say("/goal set applied 2 day")
    assert goal.text.startswith("Goal set: 2 applications a day. What you already logged today")
    for _ in range(3):
        reply = await ana.say("/log applied 2")
        assert "Streak:" in reply.sections[0].text
        clock.advance(days=1)
    streak = await ana.say("/streak")
    current = streak.sections[0].fields[0].value
    assert current == "3 days"
    assert streak.image is not None and streak.image.png.startswith(b"\x89PNG")
    assert "3 days counted" in streak.image.alt
    assert "Why recent days counted" in [s.title for s in streak.sections]


async def test_a_missed_day_breaks_a_short_streak_but_a_pause_protects_it(ana, clock):
    await ana.say("/log applied")
    clock.advance(days=1)
    await ana.say("/log applied")
    clock.advance(days=2)
    streak = await ana.say("/streak")
    assert streak.sections[0].fields[0].value == "0 days"
    await ana.say("/log applied")
    end = (clock.now() + timedelta(days=3)).date().isoformat()
    paused = await ana.say(f"/settings pause_until:{end}")
    assert "paused until" in paused.text
    clock.advance(days=3)
    await ana.say("/log applied")
    streak = await ana.say("/streak")
    assert streak.sections[0].fields[0].value == "2 days"
    assert "paused" in streak.sections[-1].text


async def test_logging_yesterday_fills_the_gap(ana, clock):
    await ana.say("/log applied")
    clock.advance(days=2)
    await ana.say("/log applied")
    reply = await ana.say("/log applied day:yesterday")
    assert "yesterday" in reply.text
    streak = await ana.say("/streak")
    assert streak.sections[0].fields[0].value == "3 days"


async def test_concurrent_logs_lose_nothing(ana, core):
    await asyncio.gather(*(ana.say("/log applied") for _ in range(100)))
    assert await core.services.db.fetchval("SELECT count FROM day_totals") == 100
    assert await core.services.db.fetchval("SELECT current FROM streaks") == 1


async def test_many_new_members_at_once_all_get_answers(core):
    crowd = [Member(core, user=f"m{i}") for i in range(100)]
    replies = await asyncio.gather(*(m.say("/log applied") for m in crowd))
    assert all("went wrong" not in r.text for r in replies)
    assert await count_rows(core, "members") == 100
    assert await core.services.db.fetchval("SELECT SUM(count) FROM day_totals") == 100


async def test_application_milestones_are_celebrated(ana):
    await ana.say("/log applied 9")
    reply = await ana.say("/log applied 1")
    assert any("application number 10" in s.text for s in reply.sections)


async def test_goals_show_progress_and_clear(ana):
    assert "no goals yet" in (await ana.say("/goal show")).text
    await ana.say("/goal set applied 5 week")
    await ana.say("/log applied 2")
    shown = await ana.say("/goal show")
    assert "5 applications a week: 2 this week" in shown.sections[0].text
    cleared = await ana.say("/goal clear applied")
    assert "Cleared your applied goal" in cleared.text
    assert "There was no goal" in (await ana.say("/goal clear")).text


async def test_tips_do_not_repeat_until_the_topic_is_used_up(ana, core):
    pool = [t for t in core.services.library.tips if t.topic == "networking"]
    seen = [(await ana.say("/tip networking")).text for _ in pool]
    assert len(set(seen)) == len(pool)
    again = await ana.say("/tip networking")
    assert "start again" in again.plain_text()


async def test_reflection_form_and_history(ana):
    form = await ana.say("/reflect new")
    assert form.form is not None and len(form.form.fields) == 5
    await ana.submit(form, went_well="Explained my project clearly", next_steps="Practise SQL joins")
    await ana.say('/reflect new hard:"The salary question"')
    history = await ana.say("/reflect history")
    assert "The salary question" in history.sections[0].text
    assert "Practise SQL joins" in history.sections[1].text


async def test_drafts_read_naturally_without_details_and_vary(ana):
    first = await ana.say("/draft thank-you")
    second = await ana.say("/draft thank-you")
    assert first.sections[0].text != second.sections[0].text
    for reply in (first, second):
        assert "{" not in reply.plain_text() and "[" not in reply.plain_text()
    filled = await ana.say('/draft follow-up company:Acme role:Designer interviewer:"Sam Lee"')
    assert "Acme" in filled.plain_text() or "Sam Lee" in filled.plain_text()


async def test_practice_gives_a_question_with_an_approach(ana, core):
    reply = await ana.say("/practice behavioural")
    assert reply.text.startswith("**Behavioural**")
    assert reply.sections[0].title == "How to approach it"
    assert await count_rows(core, "content_seen") == 1


async def test_win_is_posted_to_the_configured_wins_channel(ana, core):
    reply = await ana.say("/win landed a second interview")
    assert reply.posts[0].channel_id is None
    # With no wins channel set up the post lands where /win was used, so no line may say otherwise.
    assert not any("wins channel" in line for line in core.services.library.replies["win_shared"])
    community = await core.services.db.fetchval("SELECT id FROM communities")
    await config_store.put(core.services.db, community, {"channel.wins": "C-WINS"})
    reply = await ana.say("/win got feedback")
    post = reply.posts[0]
    assert post.channel_id == "C-WINS"
    assert post.mention_user_ids == ("ana",)
    assert "got feedback" in post.reply.text


async def test_stats_compare_weeks(ana, clock):
    await ana.say("/log applied 3")
    await ana.say("/log interviewed")
    clock.advance(days=7)
    await ana.say("/log applied")
    await ana.say("/rejection stage:screen")
    stats = await ana.say("/stats")
    fields = {f.name: f.value for f in stats.sections[0].fields}
    assert fields["Applications"] == "4"
    assert fields["Interviews"] == "1"
    assert fields["Rejections logged"] == "1"
    assert fields["This week"] == "1 action" and fields["Last week"] == "4 actions"


async def test_settings_say_what_each_change_means(ana):
    alone = await ana.say("/settings reminder_time:18:30")  # reminders start off
    assert "Your reminder time is 18:30" in alone.text and "`/settings nudges:on`" in alone.text
    on = await ana.say("/settings nudges:on")
    assert "around 18:30 your time" in on.text
    later = await ana.say("/settings reminder_time:19:00 quiet_hours:22:00-07:30 day_start:4")
    assert later.text == ("Saved. Your day now starts at 4:00. Reminders now come around 19:00 "
                          "your time. I won’t message you between 22:00 and 07:30.")


async def test_settings_show_and_update(ana):
    shown = await ana.say("/settings")
    assert {f.name for f in shown.sections[0].fields} == {
        "timezone", "day_start", "reminder_time", "quiet_hours", "nudges", "pause_until"}
    saved = await ana.say("/settings timezone:asia/kolkata reminder_time:9:05 quiet_hours:22:00-07:30 "
                          "nudges:on day_start:4")
    assert "Asia/Kolkata" in saved.text
    fields = {f.name: f.value for f in (await ana.say("/settings")).sections[0].fields}
    assert fields["timezone"] == "Asia/Kolkata"
    assert fields["reminder_time"] == "09:05"
    assert fields["quiet_hours"] == "22:00-07:30"
    assert fields["nudges"] == "on" and fields["day_start"] == "4:00"


async def test_privacy_export_and_delete_cover_every_member_table(ana, ben, core):
    await ana.say("/rejection company:Acme stage:final note:secret-note")
    await ana.say("/checkin 2 tired")
    await ana.say("/goal set applied 1 day")
    await ana.say("/log applied")
    await ana.say("/tip")
    await ana.say("/reflect new went_well:ok")
    await ana.say("/win yay")
    await ben.say("/log applied")
    exported = await ana.say("/privacy export")
    data = json.loads(exported.attachment.data)["data"]
    db = core.services.db
    member_tables = [t for t in await db.tables() if "member_id" in await db.columns(t)]
    assert set(member_tables) <= set(data)
    assert all(row["member_id"] == data["members"][0]["id"] for t in member_tables for row in data[t])
    assert data["rejections"][0]["note"] == "secret-note"
    ask = await ana.say("/privacy delete")
    assert await count_rows(core, "rejections") == 1
    done = await ana.press(ask, "Yes, delete my data")
    assert "deleted" in done.text
    for table in member_tables:
        owners = await db.fetchall(f'SELECT DISTINCT member_id FROM "{table}"')
        assert all(r[0] != data["members"][0]["id"] for r in owners), table
    assert await count_rows(core, "members") == 1  # ben keeps his data


async def test_keeping_data_deletes_nothing(ana, core):
    await ana.say("/log applied")
    ask = await ana.say("/privacy delete")
    kept = await ana.press(ask, "Keep my data")
    assert "Nothing was deleted" in kept.text
    assert await count_rows(core, "activities") == 1


async def test_help_is_generated_from_declarations(ana, core):
    reply = await ana.say("/help")
    for name, command in core.services.commands.items():
        if not command.admin_only:
            assert f"`/{name}`" in reply.sections[0].text
    assert "not a counsellor" in reply.plain_text()
    detail = await ana.say("/help log")
    assert "`count` (optional): a whole number from 1 to 50" in detail.sections[0].text


async def test_admin_commands_are_refused_for_members(core):
    async def secret(ctx, opts):
        return Reply(text="admin stuff done")

    core.services.commands["testadmin"] = Command("testadmin", "Admin only", secret, admin_only=True)
    member = Member(core, user="zoe")
    assert "Only this community’s admins" in (await member.say("/testadmin")).text
    admin = Member(core, user="ada", is_admin=True)
    assert (await admin.say("/testadmin")).text == "admin stuff done"
    community = await core.services.db.fetchval("SELECT id FROM communities")
    await config_store.put(core.services.db, community, {"admins": "zoe"})
    assert (await member.say("/testadmin")).text == "admin stuff done"


async def test_an_unexpected_error_never_shows_a_traceback(core, ana):
    async def broken(ctx, opts):
        raise RuntimeError("database on fire")

    core.services.commands["broken"] = Command("broken", "Breaks", broken)
    reply = await ana.say("/broken")
    assert "something went wrong on my side" in reply.text
    assert "database on fire" not in reply.text


async def test_a_member_in_a_low_moment_gets_no_push_to_keep_applying(ana, core):
    await ana.say("/checkin 1")
    reply = await ana.say("/tip momentum")
    assert "rest matters more" in reply.text
    shown = reply.text.split("**")[1].lower()
    tip = next(t for t in core.services.library.tips if t.text in reply.text)
    assert shown == tip.topic and "keep-applying" not in tip.tags


async def test_an_application_rejection_offers_no_thank_you_note(ana):
    reply = await ana.say("/rejection stage:applied")
    assert "Draft a thank-you note" not in [b.label for b in reply.buttons]


async def test_buttons_still_work_after_a_restart(tmp_path, clock, library):
    from bot.app import build
    from bot.config import Settings

    settings = Settings(db_path=tmp_path / "restart.db")
    first = await build(settings, clock, library)
    reply = await Member(first).say("/rejection company:Acme stage:interview")
    await first.services.db.close()
    second = await build(settings, clock, library)
    try:
        draft = await Member(second).press(reply, "Draft a feedback request")
        assert "Acme" in draft.plain_text()
    finally:
        await second.services.db.close()


async def test_every_table_is_either_about_a_member_or_about_nobody(core):
    from bot.privacy import COMMUNITY_TABLES, member_tables

    db = core.services.db
    covered = set(await member_tables(db)) | COMMUNITY_TABLES | {"members"}
    assert set(await db.tables()) == covered


async def test_the_rejection_form_needs_a_stage(ana):
    form = (await ana.say("/rejection")).form
    assert {f.name: f.required for f in form.fields} == {
        "company": False, "role": False, "stage": True, "feeling": False, "note": False}


async def test_logging_reads_like_a_sentence(ana, core):
    reply = await ana.say("/log applied 2")
    assert "2 applications" in reply.text
    assert "×" not in reply.text
