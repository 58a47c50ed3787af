"""Learn who is asking (display name, workspace admin) from users.info, briefly cached."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

import aiohttp
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.web.async_client import AsyncWebClient

from bot.clock import Clock

log = logging.getLogger("rebound.slack")

REMEMBER_FOR = timedelta(minutes=10)


@dataclass(frozen=True)
class Person:
    """The name the core greets someone by, and whether Slack says they run the workspace."""

    name: str
    is_admin: bool


class People:
    """Look people up once per few minutes instead of on every click."""

    def __init__(self, client: AsyncWebClient, clock: Clock, admin_ids: frozenset[str]) -> None:
        self._client = client
        self._clock = clock
        self._admin_ids = admin_ids
        self._known: dict[tuple[str, str], tuple[datetime, Person]] = {}

    async def lookup(self, workspace: str, user_id: str) -> Person:
        """Return the person's name and admin status; on API trouble, no name and no admin."""
        now = self._clock.now()
        cached = self._known.get((workspace, user_id))
        if cached and now - cached[0] < REMEMBER_FOR:
            return cached[1]
        try:
            response = await self._client.users_info(user=user_id)
        except (SlackApiError, aiohttp.ClientError, TimeoutError, SlackRequestError) as exc:
            error = exc.response.get("error") if isinstance(exc, SlackApiError) else type(exc).__name__
            log.warning("users.info failed error=%s", error)
            return Person("", user_id in self._admin_ids)
        person = user_to_person(response.get("user") or {}, self._admin_ids)
        self._known[(workspace, user_id)] = (now, person)
        return person


def user_to_person(user: dict, admin_ids: frozenset[str]) -> Person:
    """Read a users.info user: admins and owners administer, as do configured ids."""
    profile = user.get("profile") or {}
    name = (profile.get("display_name") or profile.get("real_name") or user.get("real_name")
            or user.get("name") or "")
    admin = any(user.get(k) for k in ("is_admin", "is_owner", "is_primary_owner"))
    return Person(name, admin or user.get("id", "") in admin_ids)
