"""`/practice`: a common interview question and how to approach it."""

from __future__ import annotations

from typing import Any

from bot.commands.spec import Command, Option, OptionKind
from bot.content.choose import stable_hash
from bot.content.schema import CATEGORIES
from bot.context import Context
from bot.replies import Reply, Section
from bot.seen import record, seen_ids

NAMES = {
    "behavioural": "Behavioural", "motivation": "Motivation", "strengths": "Strengths and weaknesses",
    "role": "About the role", "situational": "Situational", "ask-them": "Questions to ask them",
}


async def practise(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Pick an unseen question (in a category if asked) and record it as seen."""
    category = opts.get("category")
    pool = [q for q in ctx.library.questions if category is None or q.category == category]
    seen = await seen_ids(ctx.db, ctx.member.id, "question")
    fresh = [q for q in pool if q.id not in seen]
    question = min(fresh or pool, key=lambda q: stable_hash(ctx.member.id, q.id))
    start_over = () if fresh else [q.id for q in pool]
    await ctx.db.write(lambda conn: record(conn, ctx.member.id, "question", question.id, ctx.now,
                                           start_over))
    return Reply(
        text=f"**{NAMES[question.category]}**: “{question.question}”",
        sections=(
            Section(title="How to approach it", text=question.approach),
            Section(text="_Say your answer out loud, or to a friend: it sticks far better than "
                         "thinking it through. Then `/log practiced`._"),
        ),
    )


COMMANDS = [
    Command("practice", "Practise a common interview question, with a note on how to answer",
            practise, options=(
                Option("category", "Which kind of question", OptionKind.CHOICE, choices=CATEGORIES),
            )),
]
