"""Keep members' free text encrypted at rest with Fernet, in a self-describing format.

A sealed value is ``fernet:<token>``; without a key (the console may run
without one) text is stored as typed, and text that happens to begin with
one of our prefixes is stored as ``plain:<text>``. So a database can hold
plain and encrypted rows side by side (a console tried first, a key added
later) and every value still reads back correctly. Several keys may be
configured while rotating: the first encrypts, all of them decrypt.

Handlers seal text *before* calling ``db.write`` so encryption never holds
the writer lock, and open it after reading.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

log = logging.getLogger(__name__)

SEALED = "fernet:"
PLAIN = "plain:"
LOCKED = "[encrypted: this Rebound has no key that opens it]"
# Every column that holds a member's own free text about their search.
SEALED_COLUMNS: dict[str, tuple[str, ...]] = {
    "rejections": ("note",),
    "checkins": ("note",),
    "activities": ("note",),
    "reflections": ("went_well", "hard", "next_steps", "feeling", "company"),
    "wins": ("text",),
    # Words held for an hour after a care reply (sealed by bot.care), as JSON.
    "care_state": ("held",),
}


class Locked(Exception):
    """A sealed value can't be opened with the keys configured."""


def new_key() -> str:
    """Make a fresh random key for REBOUND_ENCRYPTION_KEY."""
    return Fernet.generate_key().decode("ascii")


class Sealer:
    """Seal and open text with the configured keys (or store it plain without any)."""

    def __init__(self, keys: Sequence[str] = ()) -> None:
        self._fernet = MultiFernet([Fernet(k) for k in keys]) if keys else None

    @property
    def enabled(self) -> bool:
        """Whether new text is encrypted."""
        return self._fernet is not None

    def seal(self, text: str | None) -> str | None:
        """Encrypt text for storage, or mark it plain when there is no key."""
        if text is None:
            return None
        if self._fernet is not None:
            return SEALED + self._fernet.encrypt(text.encode("utf-8")).decode("ascii")
        return PLAIN + text if text.startswith((SEALED, PLAIN)) else text

    def open(self, value: str | None) -> str | None:
        """Read a stored value back as text; a value no key opens reads as LOCKED."""
        try:
            return self.unseal(value)
        except Locked:
            log.warning("stored text could not be decrypted with the configured keys")
            return LOCKED

    def unseal(self, value: str | None) -> str | None:
        """Read a stored value back as text, or raise Locked."""
        if value is None or not value.startswith((SEALED, PLAIN)):
            return value
        if value.startswith(PLAIN):
            return value[len(PLAIN):]
        if self._fernet is None:
            raise Locked("no encryption key is configured")
        try:
            return self._fernet.decrypt(value[len(SEALED):].encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeEncodeError) as exc:
            raise Locked("none of the configured keys opens this value") from exc

    def reseal(self, value: str | None) -> str | None:
        """Re-encrypt a stored value under the first key (plain values get encrypted)."""
        if self._fernet is None:
            raise Locked("no encryption key is configured")
        if value is not None and value.startswith(SEALED):
            try:
                token = self._fernet.rotate(value[len(SEALED):].encode("ascii"))
            except InvalidToken as exc:
                raise Locked("none of the configured keys opens this value") from exc
            return SEALED + token.decode("ascii")
        return self.seal(self.unseal(value))

    def open_row(self, table: str, row: Mapping[str, Any]) -> dict[str, Any]:
        """A row as a dict with its sealed columns opened."""
        opened = dict(row)
        for column in SEALED_COLUMNS.get(table, ()):
            if column in opened:
                opened[column] = self.open(opened[column])
        return opened


def is_sealed(value: str | None) -> bool:
    """Whether a stored value is encrypted."""
    return value is not None and value.startswith(SEALED)
