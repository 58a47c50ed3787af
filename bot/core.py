"""Route every request, button and form to its handler, safely.

This is the one place that turns members' input into replies: it validates
options, opens forms, screens free text for crisis language first, checks
admin rights, and makes sure no traceback ever reaches a member.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any

from bot import care, members
from bot.actions import parse_action_id
from bot.admins import is_admin
from bot.commands.spec import Command
from bot.context import Context, Services
from bot.errors import InputError, NotAllowed
from bot.forms import FORM_PREFIX, form_for, missing_required
from bot.metrics import UNKNOWN
from bot.ops.gate import Gate
from bot.parsing import parse_line
from bot.port import Platform
from bot.replies import Form, Reply
from bot.requests import Address, Request
from bot.validation import validate

log = logging.getLogger("rebound.commands")


class Rebound:
    """The core application every adapter talks to."""

    def __init__(self, services: Services) -> None:
        self.services = services
        # Connected platforms by name; adapters add theirs once they are ready,
        # and scheduled work reaches members through them.
        self.ports: dict[str, Platform] = {}
        # Commands in flight; closed at shutdown so none start while the process stops.
        self.gate = Gate()

    @property
    def commands(self) -> dict[str, Command]:
        return self.services.commands

    async def handle_text(
        self, address: Address, line: str, user_name: str = "", is_admin: bool = False
    ) -> Reply:
        """Run a typed line such as `/log applied 3` (console and Slack)."""
        try:
            parsed = parse_line(line, self.commands)
        except InputError as exc:
            if care.needs_care([line]):
                # Crisis language is answered first, even in a line that is not a valid command.
                return await self.handle(Request(address, "", {"line": line}, user_name, is_admin))
            return Reply(text=exc.message)
        request = Request(address, parsed.command.name, parsed.raw, user_name, is_admin)
        return await self.handle(request)

    async def handle(self, request: Request) -> Reply:
        """Run one command request and return its reply."""
        if self.gate.closed:
            return _restarting()
        started = time.perf_counter()
        outcome = "ok"
        with self.gate.held():
            try:
                reply = await self._run(request)
            except InputError as exc:
                outcome, reply = "invalid", Reply(text=exc.message)
            except NotAllowed as exc:
                outcome, reply = "refused", Reply(text=str(exc))
            except Exception:
                outcome = "error"
                log.exception("command failed command=%s platform=%s",
                              request.command if request.command in self.commands else UNKNOWN,
                              request.address.platform)
                reply = _sorry()
        seconds = time.perf_counter() - started
        # Only declared names reach logs and metrics: nothing a member typed.
        name = request.command if request.command in self.commands else UNKNOWN
        log.info("command=%s platform=%s outcome=%s latency_ms=%.1f", name,
                 request.address.platform, outcome, seconds * 1000)
        self.services.metrics.command(name, request.address.platform, outcome, seconds)
        return reply

    async def handle_form(
        self, address: Address, form_id: str, values: Mapping[str, Any],
        user_name: str = "", is_admin: bool = False,
    ) -> Reply:
        """Run the command a submitted form belongs to, with the form's values."""
        if not form_id.startswith(FORM_PREFIX) or form_id[len(FORM_PREFIX):] not in self.commands:
            return Reply(text="That form has expired. Please run the command again.")
        filled = {k: v for k, v in values.items() if v not in (None, "")}
        request = Request(address, form_id[len(FORM_PREFIX):], filled, user_name, is_admin)
        return await self.handle(request)

    async def handle_action(
        self, address: Address, encoded: str, user_name: str = "", is_admin: bool = False
    ) -> Reply:
        """Run the action behind a pressed button."""
        if self.gate.closed:
            return _restarting()
        with self.gate.held():
            return await self._action(address, encoded, user_name, is_admin)

    async def _action(self, address: Address, encoded: str, user_name: str, is_admin: bool) -> Reply:
        try:
            name, args = parse_action_id(encoded)
            action = self.services.actions.get(name)
            if action is None:
                raise InputError("That button no longer does anything. Try the command again.")
            ctx = await self._context(Request(address, f"action:{name}", {}, user_name, is_admin))
            reply = await action.handler(ctx, args)
            log.info("action=%s platform=%s outcome=ok", name, address.platform)
            return reply
        except InputError as exc:
            return Reply(text=exc.message)
        except Exception:
            log.exception("action failed platform=%s", address.platform)
            return _sorry()

    def form_to_open(self, request: Request) -> Form | None:
        """The form a request opens before any storage work, or None.

        Platforms with a response deadline (a Discord modal must be the very
        first answer) ask this first, so they can open the form at once.
        """
        command = self.commands.get(request.command)
        if command is None:
            return None
        if (command.form_title and not request.options) or missing_required(command, request.options):
            return form_for(command, request.options)
        return None

    async def _run(self, request: Request) -> Reply:
        command = self.commands.get(request.command)
        if care.needs_care(care.member_words(command, request.options)):
            # Before validation, permissions or the handler: care comes first, always.
            return await care.respond(await self._context(request), command, request.options)
        if command is None:
            raise InputError(f"I don’t know `/{request.command}`. Type `/help` to see what I can do.")
        form = self.form_to_open(request)
        if form is not None and not command.admin_only:
            return Reply(form=form)
        ctx = await self._context(request)
        # Permission before forms and validation: a member never learns an admin command's options.
        if command.admin_only and not await is_admin(ctx):
            raise NotAllowed("Only this community’s admins can use "
                             f"`/{command.name}`. If something needs changing, ask one of them.")
        if form is not None:
            return Reply(form=form)
        return await command.handler(ctx, validate(command, request.options))

    async def _context(self, request: Request) -> Context:
        now = self.services.clock.now()
        community, member = await members.ensure(
            self.services.db, request.address, request.user_name, now,
            self.services.settings.timezone)
        return Context(self.services, request, community, member, now)


def _restarting() -> Reply:
    return Reply(text="I’m restarting for a moment, so I didn’t take that and nothing was saved. "
                      "Please try again in a minute.")


def _sorry() -> Reply:
    return Reply(text="Sorry, something went wrong on my side and nothing was saved. "
                      "Please try again in a moment.")
