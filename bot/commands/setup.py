"""`/setup`: admins choose channels, time zone, schedules, crisis resources and admins.

Every subcommand is admin-only (the core checks). Values are checked by
their options, so a typo never reaches the planner; `/setup show` prints the
whole configuration with the next scheduled posts.
"""

from __future__ import annotations

import re
from typing import Any

from bot import care, config_store
from bot.commands.log import plural
from bot.commands.settings import check_timezone
from bot.commands.spec import Command, Option, OptionKind
from bot.context import Context
from bot.errors import InputError
from bot.replies import Field, Reply, Section
from bot.scheduling import policy, preview
from bot.scheduling.schedules import CHANNEL_KEYS, DEFAULTS, LABELS, check_when

CHANNELS = ("encouragement", "wins", "accountability", "care")
_CHANNEL = re.compile(r"^<#([A-Za-z0-9]+)(?:\|[^>]*)?>$|^#?([\w-]{1,80})$")
_USER = re.compile(r"^<@!?([A-Za-z0-9]+)(?:\|[^>]*)?>$|^@?([\w.-]{1,80})$")
_ID_LIKE = re.compile(r"^(\d{5,}|[CGD][A-Z0-9]{6,})$")


def check_channel(text: str) -> str:
    """Accept a channel mention (<#123>, <#C123|name>), a #name, an id, or off."""
    if text.lower() == "off":
        return "off"
    match = _CHANNEL.match(text.strip())
    if not match:
        raise InputError("A channel should be a mention like #wins, or off.")
    return match[1] or match[2]


def check_user(text: str) -> str:
    """Accept a user mention (<@123>, <@U123|name>), an @name or an id."""
    match = _USER.match(text.strip())
    if not match:
        raise InputError("A person should be a mention like @sam.")
    return match[1] or match[2]


def check_resources(text: str) -> str:
    """Keep the crisis resources as the admin wrote them ('default' restores the bundled list).

    An option with a check is configuration to the core, so a list that names
    suicide prevention lines is saved rather than answered with care.
    """
    return "default" if text.strip().lower() == "default" else text.strip()


def channel_ref(value: str) -> str:
    """Show a stored channel as platforms link it (<#id>) or by name."""
    return f"<#{value}>" if _ID_LIKE.match(value) else f"#{value}"


async def set_channels(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Choose where each kind of post goes."""
    if not opts:
        raise InputError("Name at least one channel, e.g. `/setup channels encouragement:#general`.")
    values = {f"channel.{k}": (None if v == "off" else v) for k, v in opts.items()}
    await config_store.put(ctx.db, ctx.community.id, values)
    lines = [f"- {k}: {'off' if v == 'off' else channel_ref(v)}" for k, v in opts.items()]
    return Reply(text="Saved.\n" + "\n".join(lines))


async def set_timezone(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Set the community's time zone, used for schedules and members without their own."""
    await ctx.db.execute("UPDATE communities SET timezone = ? WHERE id = ?",
                         (opts["timezone"], ctx.community.id))
    return Reply(text=f"Saved. Schedules now follow {opts['timezone']}, and so do members who "
                      "haven’t set their own time zone.")


async def set_schedule(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Set the days and local time of one kind of scheduled post, or switch it off."""
    kind, when = opts["post"], opts["when"]
    await config_store.put(ctx.db, ctx.community.id, {f"schedule.{kind}": when})
    if when == "off":
        return Reply(text=f"Saved. The {LABELS[kind]} is switched off.")
    return Reply(text=f"Saved. The {LABELS[kind]} now runs {when} ({ctx.community.timezone}).")


async def set_crisis(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Set the crisis resources shown to members who need them."""
    text = opts["text"]
    await config_store.put(ctx.db, ctx.community.id,
                           {"crisis_resources": None if text == "default" else text})
    if text == "default":
        return Reply(text="Saved. Members will see the bundled international helplines.")
    return Reply(text="Saved. Members who need them will see these resources first:",
                 sections=(Section(text=text),))


async def set_admins(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Add or remove people who may use `/setup` (besides the platform's own admins)."""
    if not opts:
        raise InputError("Say who to **add** or **remove**, e.g. `/setup admins add:@sam`.")
    current = await config_store.get(ctx.db, ctx.community.id, "admins")
    admins = [a for a in (current or "").split(",") if a]
    if "add" in opts and opts["add"] not in admins:
        admins.append(opts["add"])
    if "remove" in opts:
        admins = [a for a in admins if a != opts["remove"]]
    await config_store.put(ctx.db, ctx.community.id, {"admins": ",".join(admins) or None})
    listed = ", ".join(f"<@{a}>" for a in admins) or "only the platform’s own admins"
    return Reply(text=f"Saved. Setup admins: {listed}.")


async def set_nudges(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Set how many direct messages a member may get from Rebound in one day."""
    limit = opts["daily_limit"]
    await config_store.put(ctx.db, ctx.community.id, {"nudges.daily_limit": str(limit)})
    return Reply(text=f"Saved. Members get at most {plural(limit, 'direct message')} "
                      "a day from Rebound, and never in their quiet hours.")


async def show(ctx: Context, opts: dict[str, Any]) -> Reply:
    """Print the community's whole configuration and what is scheduled next."""
    config = await config_store.get_all(ctx.db, ctx.community.id)
    channels = tuple(Field(name, channel_ref(config[f"channel.{name}"])
                           if f"channel.{name}" in config else "not set") for name in CHANNELS)
    schedules = tuple(
        Field(LABELS[kind], f"{config.get(f'schedule.{kind}', DEFAULTS[kind])}"
              + ("" if f"schedule.{kind}" in config else " (default)")
              + ("" if config.get(CHANNEL_KEYS[kind]) else " — needs a channel"), inline=False)
        for kind in DEFAULTS)
    admins = ", ".join(f"<@{a}>" for a in config.get("admins", "").split(",") if a)
    general = (
        Field("Time zone", ctx.community.timezone),
        Field("DMs per member per day", str(policy.daily_limit(config))),
        Field("Crisis resources", "custom" if "crisis_resources" in config else "bundled list"),
        Field("Setup admins", admins or "the platform’s own admins"),
    )
    upcoming = await preview.upcoming_posts(ctx.db, ctx.community.id, ctx.now, days=7)
    soon = "\n".join(f"- {p.local:%a %d %b %H:%M}: {LABELS[p.kind]}" for p in upcoming[:6])
    return Reply(text="This community’s setup. Change anything with `/setup <part>`.", sections=(
        Section(title="Channels", fields=channels),
        Section(title="Schedules", fields=schedules),
        Section(title="General", fields=general),
        Section(title="Care", fields=(
            Field("Care replies, last 30 days", str(await care.recent_count(ctx))),)),
        Section(title="Next 7 days", text=soon or "Nothing scheduled."),
    ))


def _channel_option(name: str, what: str) -> Option:
    return Option(name, f"Channel for {what}, or off", check=check_channel)


COMMANDS = [
    Command("setup show", "Show this community’s Rebound setup (admins only)", show,
            admin_only=True),
    Command("setup channels", "Choose channels for posts, wins, the weekly thread and care",
            set_channels, admin_only=True, options=(
                _channel_option("encouragement", "encouragement posts"),
                _channel_option("wins", "shared wins"),
                _channel_option("accountability", "the weekly accountability thread"),
                _channel_option("care", "requests to talk to a person"),
            )),
    Command("setup timezone", "Set the community’s time zone for schedules", set_timezone,
            admin_only=True, options=(
                Option("timezone", "Like Europe/London or America/New_York", required=True,
                       check=check_timezone, autocomplete="timezone"),)),
    Command("setup schedule", "Set when a scheduled post runs, e.g. mon,wed,fri 09:00", set_schedule,
            admin_only=True, options=(
                Option("post", "Which post", OptionKind.CHOICE, required=True,
                       choices=tuple(DEFAULTS)),
                Option("when", "Days and local time, like mon,wed,fri 09:00, or off", required=True,
                       max_length=60, check=check_when),
            )),
    Command("setup crisis", "Set the crisis resources members see ('default' restores ours)",
            set_crisis, admin_only=True, options=(
                Option("text", "Helplines and contacts for your community", required=True,
                       max_length=1500, multiline=True, check=check_resources,
                       label="Crisis resources"),)),
    Command("setup admins", "Add or remove people who may use /setup", set_admins,
            admin_only=True, options=(
                Option("add", "Someone to make an admin", check=check_user),
                Option("remove", "Someone to remove as admin", check=check_user),
            )),
    Command("setup nudges", "Set how many DMs a member may get per day (1–3)", set_nudges,
            admin_only=True, options=(
                Option("daily_limit", "Direct messages per member per day", OptionKind.INTEGER,
                       required=True, min_value=1, max_value=policy.MAX_DAILY_LIMIT),)),
]
