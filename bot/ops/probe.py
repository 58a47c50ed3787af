"""Ask the running bot's ``/healthz`` whether it is well: the container health check.

``python -m bot.ops.probe`` exits 0 when the endpoint answers 200 and 1
otherwise. It reads the same settings as the bot (so the port is written
once) and imports nothing heavy, because Docker runs it every 30 seconds.
"""

from __future__ import annotations

import sys
import urllib.error
import urllib.request
from collections.abc import Mapping

from bot.config import ConfigError, load

TIMEOUT = 5.0
ANY_ADDRESS = ("", "0.0.0.0", "::")


def probe(env: Mapping[str, str] | None = None) -> tuple[bool, str]:
    """Fetch /healthz on the configured port; return whether it is healthy and what it said."""
    try:
        settings = load(env)
    except ConfigError as exc:
        return False, f"configuration: {exc}"
    if settings.metrics_port is None:
        return False, "REBOUND_METRICS_PORT is not set, so there is no /healthz to ask."
    host = "127.0.0.1" if settings.metrics_host in ANY_ADDRESS else settings.metrics_host
    url = f"http://{host}:{settings.metrics_port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as answer:
            return answer.status == 200, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return False, exc.read().decode("utf-8", "replace")
    except OSError as exc:
        return False, f"{url} did not answer ({exc})"


def main() -> int:
    healthy, said = probe()
    print(said, file=sys.stdout if healthy else sys.stderr)
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
