"""Every command and button action the core offers, collected in one place."""

from __future__ import annotations

from bot import care, home
from bot.commands import (
    accountability,
    checkin,
    draft,
    goal,
    help,
    log,
    practice,
    privacy,
    reflect,
    rejection,
    settings,
    setup,
    stats,
    streak,
    tip,
    win,
)
from bot.commands.spec import Action, Command

_MODULES = (rejection, checkin, log, goal, streak, tip, reflect, draft, practice, win, stats,
            settings, privacy, accountability, setup, help)


def all_commands() -> dict[str, Command]:
    """Every declared command by name, in the order help lists them."""
    declared = [c for module in _MODULES for c in module.COMMANDS]
    return {c.name: c for c in declared}


def all_actions() -> dict[str, Action]:
    """Every button action by name."""
    found = [a for module in _MODULES for a in getattr(module, "ACTIONS", [])]
    found += care.ACTIONS + home.ACTIONS
    return {a.name: a for a in found}
