"""A member's page: the overview any platform with a personal page can show."""

from bot.home import overview


async def test_someone_new_gets_a_welcome_and_shortcuts(core, ana):
    reply = await overview(core.services, ana.address)
    assert "private to you" in reply.text
    assert [b.label for b in reply.buttons][:2] == ["Check in", "Log an action"]
    assert await core.services.db.fetchval("SELECT COUNT(*) FROM members") == 0


async def test_the_overview_shows_streaks_goals_and_the_week(core, ana):
    await ana.say("/goal set applied 2 day")
    await ana.say("/log applied 2")
    await ana.say('/reflect new next_steps:"Practise SQL joins"')
    reply = await overview(core.services, ana.address)
    text = reply.plain_text()
    assert "2 applications a day: 1 day now · best 1 day" in text
    assert "✅ 2 applications a day: 2 today" in text
    assert "Practise SQL joins" in text


async def test_shortcuts_run_commands_or_open_their_forms(core, ana):
    reply = await overview(core.services, ana.address)
    tip = await ana.press(reply, "Get a tip")
    assert tip.text.startswith("**")
    log = await ana.press(reply, "Log an action")
    assert log.form is not None and log.form.form_id == "cmd:log"
    reflect = await ana.press(reply, "Reflect")
    assert reflect.form is not None and reflect.form.title == "Reflect on an interview"


async def test_a_shortcut_never_runs_an_admin_command(core, ana):
    from bot.actions import action_id

    reply = await core.handle_action(ana.address, action_id("run", "setup show"))
    assert "no longer does anything" in reply.text
