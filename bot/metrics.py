"""Count what Rebound does, for the Prometheus ``/metrics`` endpoint.

The core records every command; the scheduler records nudges; adapters
record platform API errors and rate limits. Each :class:`Metrics` owns its
own registry (no process-wide state), reached as ``services.metrics``.
Labels are drawn from small fixed sets (declared command names, platform
names, outcomes) so a member typing odd commands can't grow the series.
"""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.exposition import generate_latest

NUDGE_OUTCOMES = ("sent", "failed", "deferred")
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
UNKNOWN = "unknown"


class Metrics:
    """Counters, a latency histogram and gauges, in one registry."""

    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self._commands = Counter("rebound_commands", "Commands handled, by command and outcome",
                                 ("command", "platform", "outcome"), registry=r)
        self._latency = Histogram("rebound_command_seconds", "Time to handle a command",
                                  ("command",), buckets=LATENCY_BUCKETS, registry=r)
        self._nudges = Counter("rebound_nudges", "Scheduled messages sent, failed or deferred",
                               ("kind", "outcome"), registry=r)
        self._errors = Counter("rebound_platform_errors", "Platform API calls that failed",
                               ("platform", "reason"), registry=r)
        self._limited = Counter("rebound_platform_rate_limited", "Platform API calls answered "
                                "with 429 Too Many Requests", ("platform",), registry=r)
        self._outbox = Gauge("rebound_outbox_depth", "Messages waiting in the outbox", registry=r)
        self._connected = Gauge("rebound_platform_connected", "1 while a platform is connected",
                                ("platform",), registry=r)

    def command(self, name: str, platform: str, outcome: str, seconds: float) -> None:
        """Record one handled command (``name`` should be a declared command or UNKNOWN)."""
        self._commands.labels(name, platform, outcome).inc()
        self._latency.labels(name).observe(seconds)

    def nudge(self, outcome: str, kind: str = "nudge") -> None:
        """Record a scheduled message: ``sent``, ``failed`` or ``deferred`` (quiet hours, limits)."""
        if outcome not in NUDGE_OUTCOMES:
            raise ValueError(f"nudge outcome must be one of {', '.join(NUDGE_OUTCOMES)}, not {outcome!r}")
        self._nudges.labels(kind, outcome).inc()

    def platform_error(self, platform: str, reason: str) -> None:
        """Record a failed platform call; ``reason`` is a status code or short error name."""
        self._errors.labels(platform, reason).inc()

    def rate_limited(self, platform: str) -> None:
        """Record a 429 from a platform (also counted as an error with reason 429)."""
        self._limited.labels(platform).inc()
        self._errors.labels(platform, "429").inc()

    def outbox_depth(self, waiting: int) -> None:
        """Set how many messages are waiting to be sent."""
        self._outbox.set(waiting)

    def connected(self, platforms: dict[str, bool]) -> None:
        """Set which platforms are connected right now."""
        for name, up in platforms.items():
            self._connected.labels(name).set(1 if up else 0)

    def exposition(self) -> bytes:
        """Render every metric in the Prometheus text format."""
        return generate_latest(self.registry)
