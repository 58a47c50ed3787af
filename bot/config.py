"""Read Rebound's settings from the environment, once, at start."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir


@dataclass(frozen=True)
class Settings:
    """Operator settings; platform adapters read their own tokens from here too."""

    db_path: Path
    content_dir: Path | None = None
    log_level: str = "INFO"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        """Build settings from environment variables with sensible defaults."""
        env = dict(os.environ if env is None else env)
        default_db = Path(user_data_dir("rebound", appauthor=False)) / "rebound.db"
        content = env.get("REBOUND_CONTENT_DIR")
        return cls(
            db_path=Path(env.get("REBOUND_DB") or default_db).expanduser(),
            content_dir=Path(content).expanduser() if content else None,
            log_level=env.get("REBOUND_LOG_LEVEL", "INFO").upper(),
        )
