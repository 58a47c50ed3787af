"""`/win`: share a win with the community, in its wins channel when one is set up."""

from __future__ import annotations

from typing import Any

from bot import config_store
from bot.commands.spec import Command, Option
from bot.context import Context
from bot.replies import ChannelPost, Reply, Visibility
from bot.text import literal


async def share_win(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Save the win and post it, under the member's name, where wins are celebrated."""
    sealed = ctx.services.sealer.seal(opts["text"])
    win_id = await ctx.db.write(lambda conn: conn.execute(
        "INSERT INTO wins (member_id, text, day, created_at) VALUES (?, ?, ?, ?)",
        (ctx.member.id, sealed, ctx.today.isoformat(), ctx.now.isoformat())).lastrowid)
    channel = await config_store.get(ctx.db, ctx.community.id, "channel.wins")
    who = f"<@{ctx.member.user_id}>"
    post = ChannelPost(Reply(text=f"🎉 **A win from {who}**\n{literal(opts['text'])}",
                             visibility=Visibility.CHANNEL),
                       channel_id=channel, mention_user_ids=(ctx.member.user_id,))
    return Reply(text=ctx.line("win_shared", win_id), posts=(post,))


COMMANDS = [
    Command("win", "Share a win, big or small, with the community", share_win, options=(
        Option("text", "Your win, in a sentence or two", required=True, max_length=500,
               multiline=True, label="Your win"),
    )),
]
