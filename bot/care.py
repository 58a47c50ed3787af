"""Lead with care when a member writes something that sounds like a crisis.

Before anything else (parsing errors, validation, permissions, the handler)
the core calls :func:`needs_care` on :func:`member_words` of every request,
and :func:`respond` when it matches. The reply is
private, short and offers a few choices instead of a wall of hotlines:
breathe for a minute, helplines, a safety note, or a person.

- Nothing the member wrote is stored unless they choose "Save what I wrote";
  until then the words are held for one hour only, then cleared.
- Asking for a person is always the member's own choice: only then is the
  community's care channel told, without their words unless they share them.
- One full reply per member per hour; the member is flagged for 24 hours
  (productivity nudges and "keep applying" tips pause, streaks freeze) and
  the community's crisis count goes up, with no text and no member.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import timedelta
from typing import Any

from bot import care_hold as hold
from bot import config_store, streak_store
from bot.actions import action_id
from bot.clock import local_day, parse_utc
from bot.commands.spec import Action, Command, OptionKind
from bot.content.choose import pick
from bot.content.render import render
from bot.context import Context
from bot.errors import InputError
from bot.replies import Button, ButtonStyle, ChannelPost, Reply, Section
from bot.requests import Request
from bot.safety import is_crisis
from bot.text import literal
from bot.validation import validate

FLAG_FOR = timedelta(hours=24)
REPLY_EVERY = timedelta(hours=1)
# Buttons that only show a text from care.yaml.
_SIMPLE = {"ground": "grounding", "note": "safety_note"}


def needs_care(values: Iterable[object]) -> bool:
    """Whether any member-written value sounds like a crisis."""
    return any(isinstance(value, str) and is_crisis(value) for value in values)


def member_words(command: Command | None, raw: Mapping[str, Any]) -> list[object]:
    """The raw values of a request that a member wrote freely, valid or not.

    A value its option's ``check`` accepts is structured data (a time zone,
    a channel, an admin's list of helplines that names suicide prevention
    lines) and is left out; anything else a member typed is looked at.
    """
    def structured(name: str, value: object) -> bool:
        option = command.option(name) if command else None
        if option is None or option.check is None or not isinstance(value, str):
            return False
        try:
            option.check(value.strip())
        except InputError:
            return False
        return True

    return [value for name, value in raw.items() if not structured(name, value)]


async def respond(ctx: Context, command: Command | None, raw: Mapping[str, Any]) -> Reply:
    """Flag the member, count the event and answer with care instead of running the command."""
    await hold.forget_expired(ctx.db, ctx.now)
    state = await hold.state(ctx.db, ctx.member.id)
    full = state is None or ctx.now - parse_utc(state["replied_at"]) >= REPLY_EVERY
    held = hold.holdable(command, raw)
    held_command, held_at = (command.name, ctx.now.isoformat()) if command and held else (None, None)
    sealed = ctx.services.sealer.seal(held)
    day = local_day(ctx.now, ctx.community.timezone).isoformat()

    def write(conn: sqlite3.Connection) -> None:
        streak_store.protect(conn, ctx.member, ctx.today, "crisis_until", ctx.now + FLAG_FOR)
        conn.execute(
            "INSERT INTO care_state (member_id, replied_at, command, held, created_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (member_id) DO UPDATE SET "
            "replied_at = CASE WHEN ? THEN excluded.replied_at ELSE replied_at END, "
            "command = COALESCE(excluded.command, command), held = COALESCE(excluded.held, held), "
            "created_at = COALESCE(excluded.created_at, created_at)",
            (ctx.member.id, ctx.now.isoformat(), held_command, sealed, held_at, full))
        if full:
            conn.execute(
                "INSERT INTO crisis_counts (community_id, day, count) VALUES (?, ?, 1) "
                "ON CONFLICT (community_id, day) DO UPDATE SET count = count + 1",
                (ctx.community.id, day))

    await ctx.db.write(write)
    can_save = held is not None or hold.has_held(state)
    status = _line(ctx, "can_save" if can_save else "not_saved")
    if not full:
        return Reply(text=f"{_line(ctx, 'again')} {status}", buttons=_choices(can_save))
    return Reply(text=f"{_line(ctx, 'opening')}\n\n{status}",
                 sections=(Section(text=await _first_resource(ctx)),), buttons=_choices(can_save))


async def recent_count(ctx: Context, days: int = 30) -> int:
    """How many care replies the community gave in the past days: a number, never who or what."""
    since = (local_day(ctx.now, ctx.community.timezone) - timedelta(days=days - 1)).isoformat()
    total = await ctx.db.fetchval(
        "SELECT SUM(count) FROM crisis_counts WHERE community_id = ? AND day >= ?",
        (ctx.community.id, since))
    return total or 0


async def resources_reply(ctx: Context, state: sqlite3.Row | None = None) -> Reply:
    """The community's crisis resources, or the international defaults."""
    custom = await config_store.get(ctx.db, ctx.community.id, "crisis_resources")
    res = ctx.library.resources
    body = custom or "\n".join(f"- **{line.region}**: {line.name}: {line.contact}"
                               for line in res.lines)
    return Reply(text=res.intro, sections=(Section(text=body), Section(text=res.emergency)),
                 buttons=_choices(hold.has_held(state)))


async def _care_action(ctx: Context, args: tuple[str, ...]) -> Reply:
    await hold.forget_expired(ctx.db, ctx.now)
    state = await hold.state(ctx.db, ctx.member.id)
    choice = args[0] if args else "lines"
    if choice in _SIMPLE:
        return Reply(text=_line(ctx, _SIMPLE[choice]), buttons=_choices(hold.has_held(state)))
    handlers = {"person": _ask_for_person, "share": _share, "save": _save}
    return await handlers.get(choice, resources_reply)(ctx, state)


async def _ask_for_person(ctx: Context, state: sqlite3.Row | None) -> Reply:
    """Tell the care channel the member would like to talk, once an hour, without their words."""
    channel = await config_store.get(ctx.db, ctx.community.id, "channel.care")
    held = hold.has_held(state)
    if not channel:
        return Reply(text=_line(ctx, "person_unavailable"), buttons=_choices(held))
    asked = state["asked_at"] if state is not None else None
    if asked and ctx.now - parse_utc(asked) < REPLY_EVERY:
        return Reply(text=_line(ctx, "person_already"), buttons=_choices(held, can_share=held))
    await ctx.db.execute(
        "INSERT INTO care_state (member_id, replied_at, asked_at) VALUES (?, ?, ?) "
        "ON CONFLICT (member_id) DO UPDATE SET asked_at = excluded.asked_at",
        (ctx.member.id, ctx.now.isoformat(), ctx.now.isoformat()))
    post = _care_post(ctx, channel, render(_line(ctx, "person_post"), {"member": _mention(ctx)}))
    return Reply(text=_line(ctx, "person_posted"), posts=(post,),
                 buttons=_choices(held, can_share=held))


async def _share(ctx: Context, state: sqlite3.Row | None) -> Reply:
    """Pass the held words to the care channel, because the member chose to."""
    channel = await config_store.get(ctx.db, ctx.community.id, "channel.care")
    if not hold.has_held(state):
        return Reply(text=_line(ctx, "save_gone"), buttons=_choices())
    if not channel:
        return Reply(text=_line(ctx, "person_unavailable"), buttons=_choices(True))
    command = ctx.services.commands.get(state["command"])
    values = hold.open_held(ctx.services.sealer, state["held"])
    if values is None:
        return Reply(text=_line(ctx, "save_gone"), buttons=_choices())
    words = "\n".join(f"- {literal(str(values[o.name]))}" for o in (command.options if command else ())
                      if o.kind is OptionKind.TEXT and values.get(o.name))
    intro = render(_line(ctx, "share_post"), {"member": _mention(ctx)})
    return Reply(text=_line(ctx, "shared"), posts=(_care_post(ctx, channel, f"{intro}\n{words}"),),
                 buttons=_choices(True))


async def _save(ctx: Context, state: sqlite3.Row | None) -> Reply:
    """Run the command the held words were for, now that the member chose to keep them."""
    claimed = await hold.claim(ctx.db, ctx.member.id, ctx.now)
    command = ctx.services.commands.get(claimed[0]) if claimed else None
    held = hold.open_held(ctx.services.sealer, claimed[1]) if command else None
    if command is None or held is None:
        return Reply(text=_line(ctx, "save_gone"), buttons=_choices())
    values = validate(command, held)
    request = Request(ctx.request.address, command.name, values, ctx.request.user_name,
                      ctx.request.is_admin)
    # The command's own reply is left out on purpose: it may hold next steps or
    # a public post, and the member only asked for their words to be kept.
    answer = await command.handler(replace(ctx, request=request), values)
    kind = "save_incomplete" if answer.form is not None else "saved"
    return Reply(text=_line(ctx, kind), buttons=_choices())


async def _first_resource(ctx: Context) -> str:
    """One place to turn to right away, before the member opens the full list."""
    custom = await config_store.get(ctx.db, ctx.community.id, "crisis_resources")
    first = ctx.library.resources.lines[0]
    pointer = custom.strip().splitlines()[0] if custom and custom.strip() else \
        f"{first.name}: {first.contact}"
    return f"{ctx.library.resources.emergency}\n{pointer}"


def _care_post(ctx: Context, channel: str, text: str) -> ChannelPost:
    return ChannelPost(Reply(text=text), channel_id=channel, mention_user_ids=(ctx.member.user_id,))


def _mention(ctx: Context) -> str:
    return f"<@{ctx.member.user_id}>"


def _line(ctx: Context, kind: str) -> str:
    return pick(ctx.library.care[kind], ctx.member.id, ctx.now.date(), kind)


def _choices(can_save: bool = False, can_share: bool = False) -> tuple[Button, ...]:
    buttons = [
        Button("Breathe for a minute", action_id("care", "ground")),
        Button("Helplines", action_id("care", "lines"), ButtonStyle.PRIMARY),
        Button("A safety note", action_id("care", "note")),
        Button("Talk to a person", action_id("care", "person")),
    ]
    if can_save:
        buttons.append(Button("Save what I wrote", action_id("care", "save")))
    if can_share:
        buttons.append(Button("Share what I wrote with them", action_id("care", "share")))
    return tuple(buttons)


ACTIONS = [Action("care", _care_action)]
