"""What an adapter hands the core: who asked, where, and with which options."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Address:
    """A serialisable place to reach someone: used for replies and for later sends."""

    platform: str
    workspace: str
    channel: str = ""
    user: str = ""
    thread: str = ""

    def to_json(self) -> str:
        """Store an address so scheduled work can reach the same place later."""
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Address:
        """Read back an address stored with :meth:`to_json`."""
        return cls(**json.loads(text))


@dataclass(frozen=True)
class Request:
    """One member's command, already split into options (not yet validated).

    ``is_admin`` is the platform's own judgement (Manage Server on Discord,
    workspace admin on Slack); the core also honours its configured admins.
    """

    address: Address
    command: str
    options: dict[str, Any] = field(default_factory=dict)
    user_name: str = ""
    is_admin: bool = False
