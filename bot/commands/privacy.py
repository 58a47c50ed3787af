"""`/privacy export|delete`: members own their data."""

from __future__ import annotations

import json
from typing import Any

from bot import privacy
from bot.actions import action_id
from bot.commands.spec import Action, Command
from bot.context import Context
from bot.replies import Attachment, Button, ButtonStyle, Reply


async def export(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Send the member all their data as a JSON file, privately."""
    data = await privacy.export(ctx.db, ctx.member.id, ctx.services.sealer)
    payload = json.dumps({"exported_at": ctx.now.isoformat(), "data": data}, indent=2,
                         ensure_ascii=False)
    rows = sum(len(v) for v in data.values())
    return Reply(
        text=f"Here is everything Rebound keeps about you: {rows} records across "
             f"{sum(1 for v in data.values() if v)} tables. Only you can see this.",
        attachment=Attachment(payload.encode(), "rebound-export.json", "application/json"),
    )


async def ask_delete(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Ask for confirmation before erasing anything."""
    return Reply(
        text="This deletes everything Rebound keeps about you in this community: rejections, "
             "logged actions, goals, streaks, check-ins, reflections, wins, reminders and "
             "settings. It can’t be undone. "
             "Posts already shared in channels stay where they are.",
        buttons=(Button("Yes, delete my data", action_id("privacy", "delete"), ButtonStyle.DANGER),
                 Button("Keep my data", action_id("privacy", "keep"))),
    )


async def confirm(ctx: Context, args: tuple[str, ...]) -> Reply:
    """Erase the data of whoever pressed the button (never anyone else's)."""
    if args[:1] != ("delete",):
        return Reply(text="Nothing was deleted. Your data is still here.")
    await privacy.erase(ctx.db, ctx.member.id)
    return Reply(text="Done. Everything Rebound kept about you here is deleted. If you come back, "
                      "you’ll start fresh, and you’ll be welcome.")


COMMANDS = [
    Command("privacy export", "Download everything Rebound keeps about you", export),
    Command("privacy delete", "Delete everything Rebound keeps about you (asks first)", ask_delete),
]

ACTIONS = [Action("privacy", confirm)]
