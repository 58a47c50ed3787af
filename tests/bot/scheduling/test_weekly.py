"""A community's week: encouragement posts, the accountability thread, check-in and recap."""

from datetime import UTC, datetime, timedelta

from adapters.console.port import ConsolePlatform
from bot.scheduling.pacing import Pacer
from bot.scheduling.scheduler import Scheduler
from bot.scheduling.weekly import GOALS_BUTTON
from tests.bot.scheduling.conftest import outbox, run_until
from tests.conftest import Member

SUNDAY_NIGHT = datetime(2026, 11, 22, 23, tzinfo=UTC)
NEXT_SUNDAY = datetime(2026, 11, 29, 23, tzinfo=UTC)


async def set_up(admin: Member, *extra: str) -> None:
    for line in ("/setup timezone Europe/London",
                 "/setup channels encouragement:#encouragement accountability:#accountability",
                 *extra):
        reply = await admin.say(line)
        assert reply.text.startswith("Saved"), reply.text


async def test_a_full_week_in_the_console(core, clock, admin):
    clock.set(SUNDAY_NIGHT)
    lines: list[str] = []
    core.ports["console"] = ConsolePlatform(lines.append)
    await set_up(admin)
    ana, ben, cy = (Member(core, user=u) for u in ("ana", "ben", "cy"))
    for person in (ana, ben):
        await person.say("/accountability join")
    await ana.say("/goal set applied 3 week")
    scheduler = Scheduler(core, pacer=Pacer({}))
    await run_until(scheduler, clock, datetime(2026, 11, 24, 12, tzinfo=UTC))
    for person in (ana, ana, ben, cy):
        await person.say("/log applied")
    await cy.say("/rejection stage:interview feeling:3")
    await run_until(scheduler, clock, NEXT_SUNDAY)
    transcript = "\n".join(lines)
    assert transcript.count("#encouragement ▸") == 3
    assert "#accountability ▸ new thread “Week of 23 Nov: what will you do this week?”" in transcript
    checkin = next(line for line in lines if "Checking in with" in line)
    assert "@ana @ben." in checkin and "@cy" not in checkin
    recap = next(line for line in lines if "Friday recap, week of 23 Nov" in line)
    assert "Ana: applications 2 of 3" in recap and "Ben: " in recap and "Cy" not in recap
    assert "Together this week: 4 applications, 0 interviews and 1 rejection survived" in recap
    assert "✉" not in transcript  # nobody asked for nudges
    assert [r["status"] for r in await outbox(core)] == ["sent"] * 6


async def test_post_my_goals_opens_a_form_and_posts_in_the_thread(core, clock, platform, admin, ana):
    clock.set(SUNDAY_NIGHT)
    await set_up(admin)
    early = await ana.say("/accountability goals text")
    assert "isn’t open yet" in early.text and not early.posts
    await run_until(Scheduler(core, pacer=Pacer({})), clock, SUNDAY_NIGHT + timedelta(hours=11))
    [thread] = [s for s in platform.sent if s.how == "thread"]
    form = await ana.press(thread.reply, GOALS_BUTTON)
    assert form.form is not None and form.form.title == "Your goals this week"
    reply = await ana.submit(form, goals="Five applications and one coffee chat")
    [post] = reply.posts
    opened = await core.services.db.fetchone("SELECT channel_id, thread_id FROM accountability_threads")
    assert (post.channel_id, post.thread_id) == ("accountability", opened["thread_id"])
    assert post.reply.text == "**Ana’s goals this week**\nFive applications and one coffee chat"
    assert post.mention_user_ids == ()
    assert "/accountability join" in reply.text
    status = await ana.say("/accountability status")
    fields = {f.name: f.value for f in status.sections[0].fields}
    assert fields["This week’s thread"] == "open" and fields["Your goals this week"] == "posted"


async def test_without_a_thread_the_check_in_goes_to_the_channel_and_totals_stay_private(
        core, clock, platform, admin, ana):
    clock.set(SUNDAY_NIGHT)
    await set_up(admin, "/setup schedule thread off")
    await ana.say("/accountability join")
    await ana.say("/log applied 2")
    await run_until(Scheduler(core, pacer=Pacer({})), clock, NEXT_SUNDAY, timedelta(hours=1))
    posts = [s for s in platform.sent if s.to == "accountability"]
    assert [(s.how, s.thread, s.mentions) for s in posts] == [("post", "", ("ana",)),
                                                               ("post", "", ())]
    assert "Ana: 2-day" not in posts[1].text and "Together this week" not in posts[1].text


async def test_posts_are_skipped_and_recorded_without_a_channel(core, clock, platform):
    clock.set(SUNDAY_NIGHT)
    await Member(core).say("/checkin 4")
    await run_until(Scheduler(core, pacer=Pacer({})), clock, SUNDAY_NIGHT + timedelta(days=3))
    rows = await outbox(core)
    assert {(r["kind"], r["status"], r["last_error"]) for r in rows} == {
        ("encouragement", "skipped", "no channel set"), ("thread", "skipped", "no channel set"),
        ("checkin", "skipped", "no channel set")}
    assert platform.sent == []


async def test_encouragement_never_repeats_until_the_pool_is_used_up(core, clock, platform, admin,
                                                                    library):
    clock.set(SUNDAY_NIGHT)
    await set_up(admin, "/setup schedule encouragement daily 09:00", "/setup schedule thread off",
                 "/setup schedule checkin off", "/setup schedule recap off")
    pool = len(library.posts)
    await run_until(Scheduler(core, pacer=Pacer({})), clock, SUNDAY_NIGHT + timedelta(days=pool + 1),
                    timedelta(hours=6))
    texts = [s.text for s in platform.sent]
    assert len(texts) == pool + 1
    assert len(set(texts[:pool])) == pool
    assert texts[pool] != texts[pool - 1]
    assert platform.sent[0].text in {p.text for p in library.posts if p.weekdays == ("mon",)}
