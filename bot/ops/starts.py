"""Remember recent starts so a crash loop backs off instead of exhausting Discord's identifies.

Discord allows a bot 1,000 gateway identifies a day; a supervisor restarting
a crashing process every few seconds would spend them within hours and lock
the bot out until the next day. Each start is written beside the database.
A start that follows an unclean stop less than ``STABLE`` after the previous
start waits ``BASE * 2**(failures - 1)`` seconds, at most ``CAP``: a fast
crash loop settles at about 100 starts a day, a slow one at under 150.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from bot.clock import Clock, parse_utc

log = logging.getLogger(__name__)

BASE = 5.0
CAP = 900.0
STABLE = timedelta(minutes=10)


@dataclass(frozen=True)
class Start:
    """One start: when it began connecting, how many unclean starts led to it, how it ended."""

    started_at: str
    failures: int = 0
    clean: bool = False

    @property
    def moment(self) -> datetime:
        return parse_utc(self.started_at)


def delay_for(failures: int) -> float:
    """Seconds to wait before connecting after ``failures`` unclean starts in a row."""
    return 0.0 if failures <= 0 else min(BASE * 2 ** (failures - 1), CAP)


class Starts:
    """The start record kept beside one database."""

    def __init__(self, db_path: Path, clock: Clock) -> None:
        self.path = db_path.with_name(db_path.name + ".starts.json")
        self._clock = clock

    def last(self) -> Start | None:
        """The previous start, or None when there is none (or its file is unreadable)."""
        try:
            return Start(**json.loads(self.path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError):
            log.warning("start record unreadable, starting afresh path=%s", self.path)
            return None

    def begin(self) -> float:
        """Record this start and return how long to wait before connecting."""
        now = self._clock.now()
        previous = self.last()
        looping = (previous is not None and not previous.clean
                   and now - previous.moment < STABLE)
        failures = previous.failures + 1 if looping and previous else 0
        delay = delay_for(failures)
        # Recorded as starting after the wait: a stop during the wait still counts as a failure.
        self._write(Start((now + timedelta(seconds=delay)).isoformat(), failures))
        if delay:
            log.warning("restarting soon after an unclean stop; waiting before connecting "
                        "failures=%d delay_s=%.0f", failures, delay)
        return delay

    def finish(self) -> None:
        """Mark the current start as stopped cleanly, so the next one connects at once."""
        current = self.last()
        if current is not None:
            self._write(replace(current, clean=True))

    def _write(self, start: Start) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(asdict(start)), encoding="utf-8")
        os.replace(temporary, self.path)
