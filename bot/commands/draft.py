"""`/draft`: a ready-to-edit email: thank-you, feedback request, follow-up, keep in touch."""

from __future__ import annotations

import sqlite3
from typing import Any

from bot.commands.options import company, role
from bot.commands.spec import Action, Command, Option, OptionKind
from bot.content.choose import stable_hash
from bot.content.render import render
from bot.content.schema import DRAFT_KINDS
from bot.context import Context
from bot.replies import Reply, Section
from bot.seen import record, seen_ids

INTROS = {
    "thank-you": "Here’s a thank-you note you can make your own. Sending it within a day or two "
                 "leaves a good last impression, whatever the outcome.",
    "feedback": "Here’s a feedback request. Keep it short and easy to answer; not everyone will "
                "reply, and that says nothing about you.",
    "follow-up": "Here’s a polite follow-up for when it has gone quiet.",
    "keep-in-touch": "Here’s a reply that thanks them and keeps the door open for future roles.",
}


async def write_draft(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Fill a template for the kind asked, rotating through its variants."""
    return await _draft(ctx, opts["kind"], opts)


async def _draft(ctx: Context, kind: str, details: dict[str, Any], rejection_id: int = 0) -> Reply:
    templates = sorted(ctx.library.templates[kind], key=lambda t: stable_hash(ctx.member.id, t.id))
    seen = await seen_ids(ctx.db, ctx.member.id, f"draft:{kind}")
    fresh = [t for t in templates if t.id not in seen]
    template = (fresh or templates)[0]
    start_over = () if fresh else [t.id for t in templates]
    given = {k: details.get(k) for k in ("company", "role", "interviewer")}
    given["name"] = ctx.member.display_name
    # The draft is shown in a code block; a backtick in a value must not close it.
    values = {k: v.replace("`", "'") if v else v for k, v in given.items()}

    def save(conn: sqlite3.Connection) -> None:
        record(conn, ctx.member.id, f"draft:{kind}", template.id, ctx.now, start_over)
        if rejection_id and kind in ("thank-you", "feedback"):
            conn.execute("UPDATE rejections SET followed_up_at = ? WHERE id = ? AND member_id = ?",
                         (ctx.now.isoformat(), rejection_id, ctx.member.id))

    await ctx.db.write(save)
    subject = render(template.subject, values)
    body = render(template.body, values)
    return Reply(text=INTROS[kind], sections=(
        Section(title=f"Subject: {subject}", text=f"```\n{body.strip()}\n```"),
        Section(text="_Edit anything that doesn’t sound like you. Run `/draft` again for a "
                     "different version._"),
    ))


async def draft_button(ctx: Context, args: tuple[str, ...]) -> Reply:
    """Draft from a rejection's button, filling in what the member already told us."""
    kind = args[0] if args and args[0] in DRAFT_KINDS else "thank-you"
    rejection_id = int(args[1]) if len(args) > 1 and args[1].isdigit() else 0
    row = await ctx.db.fetchone(
        "SELECT company, role FROM rejections WHERE id = ? AND member_id = ?",
        (rejection_id, ctx.member.id))
    details = dict(row) if row else {}
    return await _draft(ctx, kind, details, rejection_id if row else 0)


COMMANDS = [
    Command("draft", "Draft an email: thank-you, feedback request, follow-up or keep-in-touch",
            write_draft, options=(
                Option("kind", "Which email", OptionKind.CHOICE, required=True, choices=DRAFT_KINDS),
                company(),
                role(),
                Option("interviewer", "Who you spoke to", max_length=100),
            )),
]

ACTIONS = [Action("draft", draft_button)]
