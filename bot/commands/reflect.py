"""`/reflect new|history`: guided notes after an interview, to reread before the next one."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.clock import parse_utc
from bot.commands.spec import Action, Command, Option
from bot.content.choose import pick
from bot.context import Context
from bot.crypto import SEALED_COLUMNS
from bot.forms import form_for
from bot.replies import Form, Reply, Section
from bot.text import literal

FIELDS = (
    ("went_well", "went_well", "What went well?"),
    ("hard", "hard", "Which question or moment was hard?"),
    ("next_steps", "next", "What will you research or practise next?"),
    ("feeling", "feelings", "How do you feel about it now?"),
)
HISTORY = 10


async def new_reflection(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Save a reflection made of any of the guided answers."""
    columns = SEALED_COLUMNS["reflections"]
    sealed = [ctx.services.sealer.seal(opts.get(c)) for c in columns]
    reflection_id = await ctx.db.write(lambda conn: conn.execute(
        f"INSERT INTO reflections (member_id, {', '.join(columns)}, created_at) "
        f"VALUES (?, {', '.join('?' for _ in columns)}, ?)",
        (ctx.member.id, *sealed, ctx.now.isoformat())).lastrowid)
    text = ctx.line("reflection_saved", reflection_id)
    if opts.get("next_steps"):
        return Reply(text=text, sections=(Section(title="Your next step",
                                                  text=literal(opts["next_steps"])),))
    return Reply(text=text)


async def history(ctx: Context, opts: dict[str, Any]) -> Reply:
    """List recent reflections, newest first."""
    found = await ctx.db.fetchall(
        "SELECT * FROM reflections WHERE member_id = ? ORDER BY created_at DESC, id DESC LIMIT ?",
        (ctx.member.id, HISTORY))
    # Rows whose answers were all forgotten under the retention setting have nothing to show.
    rows = [r for r in (ctx.services.sealer.open_row("reflections", row) for row in found)
            if any(r[column] for column, _, _ in FIELDS)]
    if not rows:
        return Reply(text="No reflections yet. After your next interview, `/reflect new` takes two "
                          "minutes and makes the one after easier.")
    sections = []
    for row in rows:
        lines = [f"- _{label}_ {literal(row[column])}" for column, _, label in FIELDS if row[column]]
        day = ctx.member.today(parse_utc(row["created_at"])).isoformat()
        title = day + (f" · {literal(row['company'])}" if row["company"] else "")
        sections.append(Section(title=title, text="\n".join(lines)))
    return Reply(text="Your reflections, newest first. Worth a read before your next interview.",
                 sections=tuple(sections))


async def reflect_button(ctx: Context, args: tuple[str, ...]) -> Reply:
    """Open the reflection form from a rejection's "Reflect now" button."""
    company = ""
    if args and args[0].isdigit():
        company = await ctx.db.fetchval(
            "SELECT company FROM rejections WHERE id = ? AND member_id = ?",
            (int(args[0]), ctx.member.id)) or ""
    return Reply(form=_form(ctx, company))


def _form(ctx: Context, company: str = "") -> Form:
    form = form_for(COMMANDS[0])
    prompts = {p.group: p for p in ctx.library.prompts}
    fields = []
    for f in form.fields:
        group = next((g for column, g, _ in FIELDS if column == f.name), None)
        hint = pick([p.text for p in ctx.library.prompts if p.group == group], ctx.member.id,
                    ctx.now.date()) if group in prompts else f.placeholder
        value = company if f.name == "company" else ""
        fields.append(replace(f, placeholder=hint[:100], value=value))
    return Form(form.form_id, form.title, tuple(fields), "Save reflection")


def _answer(name: str, label: str) -> Option:
    return Option(name, label, max_length=1000, multiline=True, label=label)


COMMANDS = [
    Command("reflect new", "Reflect on an interview: what went well, what was hard, what’s next",
            new_reflection,
            options=(*(_answer(column, label) for column, _, label in FIELDS),
                     Option("company", "Which company it was about (optional)", max_length=100)),
            form_title="Reflect on an interview"),
    Command("reflect history", "Read your past reflections before your next interview", history),
]

ACTIONS = [Action("reflect", reflect_button)]
