"""`/rejection`: log a rejection and get a kind, stage-specific next step."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot import streak_store
from bot.actions import action_id
from bot.commands.options import company, feeling, note, role
from bot.commands.spec import Action, Command, Option, OptionKind
from bot.content.choose import pick, rotate
from bot.content.render import render
from bot.content.schema import STAGES
from bot.context import Context
from bot.forms import form_for
from bot.replies import Button, ButtonStyle, Reply, Section
from bot.text import literal

COMPASSION_STAGES = ("final", "offer")
NOT_YOU_STAGES = ("screen", "interview", "final", "offer")


def band(feeling: int | None) -> str:
    """Map a 1–5 feeling to the mood band content is written for."""
    if feeling is None or feeling == 3:
        return "medium"
    return "low" if feeling <= 2 else "high"


async def log_rejection(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Store the rejection, count it as today's action, and answer with care."""
    if "stage" not in opts:
        return Reply(text="Which stage did this rejection come at? Pick it in the form.",
                     form=form_for(COMMANDS[0], opts))
    member = ctx.member
    if opts["stage"] in COMPASSION_STAGES:
        member = replace(member, compassion_until=ctx.now + streak_store.COMPASSION_SPAN)
    note = ctx.services.sealer.seal(opts.get("note"))

    def save(conn: sqlite3.Connection) -> int:
        if member.compassion_until != ctx.member.compassion_until:
            streak_store.protect(conn, ctx.member, ctx.today, "compassion_until",
                                 member.compassion_until)
        cursor = conn.execute(
            "INSERT INTO rejections (member_id, company, role, stage, feeling, note, day, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (member.id, opts.get("company"), opts.get("role"), opts["stage"], opts.get("feeling"),
             note, ctx.today.isoformat(), ctx.now.isoformat()))
        streak_store.add_activity(conn, member, ctx.today, "rejection", 1)
        return cursor.lastrowid

    return _reply(ctx, opts, await ctx.db.write(save))


def _reply(ctx: Context, opts: dict[str, Any], rejection_id: int) -> Reply:
    stage, lib = opts["stage"], ctx.library
    values = {k: literal(opts[k]) for k in ("company", "role") if opts.get(k)}
    opening = render(rotate(lib.responses[stage][band(opts.get("feeling"))], rejection_id,
                            ctx.member.id), values)
    step = rotate(lib.next_steps[stage], rejection_id, ctx.member.id, "step")
    sections = [Section(title="One next step", text=step)]
    if stage in NOT_YOU_STAGES:
        reasons = [pick(lib.not_you, ctx.member.id, rejection_id, i).text for i in range(3)]
        unique = list(dict.fromkeys(reasons))[:2]
        sections.append(Section(title="It might not have been about you",
                                text="\n".join(f"- {r}" for r in unique)))
    if stage in COMPASSION_STAGES:
        sections.append(Section(text="_Your streak is protected for the next 48 hours. Rest "
                                     "counts too._"))
    return Reply(text=opening, sections=tuple(sections), buttons=_buttons(stage, rejection_id))


def _buttons(stage: str, rejection_id: int) -> tuple[Button, ...]:
    """Next-step buttons; a thank-you note only makes sense once someone met you."""
    buttons = [
        Button("Draft a feedback request", action_id("draft", "feedback", rejection_id),
               ButtonStyle.PRIMARY),
        Button("Draft a thank-you note", action_id("draft", "thank-you", rejection_id)),
        Button("Reflect now", action_id("reflect", rejection_id)),
        Button("Remind me in 3 days", action_id("remind", rejection_id)),
    ]
    return tuple(b for b in buttons if stage != "applied" or "thank-you" not in b.action_id)


async def remind_later(ctx: Context, args: tuple[str, ...]) -> Reply:
    """Queue a private reminder about a rejection three days from now."""
    rejection = await ctx.db.fetchone(
        "SELECT id, company FROM rejections WHERE id = ? AND member_id = ?",
        (int(args[0]) if args and args[0].isdigit() else 0, ctx.member.id))
    if rejection is None:
        return Reply(text="I couldn’t find that rejection any more, so there’s nothing to remind "
                          "you about.")
    due = ctx.now + timedelta(days=3)
    await ctx.db.execute(
        "INSERT INTO outbox (dedup_key, community_id, member_id, kind, target, payload, due_at, "
        "created_at) VALUES (?, ?, ?, 'rejection_reminder', ?, ?, ?, ?) "
        "ON CONFLICT (dedup_key) DO NOTHING",
        (f"rejection_reminder:{ctx.member.id}:{rejection['id']}", ctx.community.id, ctx.member.id,
         '{"dm": true}', f'{{"rejection_id": {rejection["id"]}}}', due.isoformat(),
         ctx.now.isoformat()))
    when = due.astimezone(ZoneInfo(ctx.member.timezone)).strftime("%A")
    return Reply(text=f"Done. I’ll check in with you privately on {when} about this one. "
                      "Until then, you don’t have to think about it.")


COMMANDS = [
    Command(
        "rejection", "Log a rejection privately and get a kind, useful next step",
        log_rejection,
        options=(company(), role(),
                 Option("stage", "How far you got", OptionKind.CHOICE, choices=STAGES,
                        form_required=True),
                 feeling(), note()),
        form_title="Log a rejection",
    ),
]

ACTIONS = [Action("remind", remind_later)]
