"""Decide who may use admin-only commands."""

from __future__ import annotations

from bot import config_store
from bot.context import Context


async def is_admin(ctx: Context) -> bool:
    """Admins are those the platform says manage the community, or those set up by name."""
    if ctx.request.is_admin:
        return True
    admins = await config_store.get(ctx.db, ctx.community.id, "admins")
    return bool(admins) and ctx.member.user_id in admins.split(",")
