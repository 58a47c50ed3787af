"""Make sure one process at a time owns a database: one bot, one scheduler.

A second `rebound run` on the same database would plan every nudge twice,
and restoring a backup under a running bot would corrupt it. The lock is an
advisory ``flock`` on a file beside the database, released by the kernel
when the process ends, however it ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock; the console there never needs the lock.
    fcntl = None  # type: ignore[assignment]


class AlreadyRunning(Exception):
    """Another process holds the database."""


def lock_path(db_path: Path) -> Path:
    """The lock file that goes with a database."""
    return db_path.with_name(db_path.name + ".lock")


@contextmanager
def exclusive(db_path: Path) -> Iterator[None]:
    """Hold the database's lock for the block, or raise AlreadyRunning at once."""
    path = lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+") as handle:
        if fcntl is not None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise AlreadyRunning(
                    f"Another Rebound process is using {db_path} (`rebound run`, a restore or a key "
                    "rotation). Stop it first: one database, one process.") from None
        yield
