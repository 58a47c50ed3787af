"""What a handler is given: the services it may use and who is asking."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from bot.content.choose import rotate
from bot.content.render import render
from bot.crypto import Sealer
from bot.metrics import Metrics

if TYPE_CHECKING:
    from bot.clock import Clock
    from bot.commands.spec import Action, Command
    from bot.config import Settings
    from bot.content.library import Library
    from bot.members import Community, Member
    from bot.requests import Request
    from bot.storage.db import Database


@dataclass
class Services:
    """The long-lived pieces, built once in the composition root."""

    db: Database
    library: Library
    clock: Clock
    settings: Settings
    commands: dict[str, Command]
    actions: dict[str, Action]
    # Seals members' free text at rest; without keys it stores text as typed.
    sealer: Sealer = field(default_factory=Sealer)
    metrics: Metrics = field(default_factory=Metrics)


@dataclass
class Context:
    """One request in flight: the member, their community and the moment."""

    services: Services
    request: Request
    community: Community
    member: Member
    now: datetime

    @property
    def db(self) -> Database:
        return self.services.db

    @property
    def library(self) -> Library:
        return self.services.library

    @property
    def today(self) -> date:
        """The member's own calendar day right now."""
        return self.member.today(self.now)

    def line(self, kind: str, counter: int, **values: Any) -> str:
        """A varied reply line from content, different from the member's last one."""
        variants = self.library.replies[kind]
        return render(rotate(variants, counter, self.member.id, kind), values)
