"""The core counts every command by name and outcome, and times it, for /metrics."""

import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.metrics import Metrics


def samples(metrics: Metrics) -> dict[tuple[str, tuple], float]:
    text = metrics.exposition().decode()
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


async def test_commands_are_counted_by_name_and_outcome(core, ana):
    await ana.say("/log applied 2")
    await ana.say("/log applied 2")
    await ana.say("/checkin 9")
    await ana.say("/dance")
    found = samples(core.services.metrics)
    ok = ("rebound_commands_total", (("command", "log"), ("outcome", "ok"), ("platform", "console")))
    invalid = ("rebound_commands_total",
               (("command", "checkin"), ("outcome", "invalid"), ("platform", "console")))
    assert found[ok] == 2 and found[invalid] == 1
    assert found[("rebound_command_seconds_count", (("command", "log"),))] == 2


async def test_made_up_command_names_share_one_label(core, ana):
    from bot.requests import Request

    await core.handle(Request(ana.address, "x" * 40, {}))
    await core.handle(Request(ana.address, "y" * 40, {}))
    labels = [dict(k[1]).get("command") for k in samples(core.services.metrics)
              if k[0] == "rebound_commands_total"]
    assert labels == ["unknown"]


def test_nudges_errors_and_rate_limits_are_counted():
    metrics = Metrics()
    metrics.nudge("sent", "reminder")
    metrics.nudge("deferred", "reminder")
    metrics.platform_error("discord", "503")
    metrics.rate_limited("slack")
    metrics.outbox_depth(7)
    found = samples(metrics)
    assert found[("rebound_nudges_total", (("kind", "reminder"), ("outcome", "sent")))] == 1
    assert found[("rebound_platform_errors_total", (("platform", "slack"), ("reason", "429")))] == 1
    assert found[("rebound_platform_rate_limited_total", (("platform", "slack"),))] == 1
    assert found[("rebound_outbox_depth", ())] == 7
    with pytest.raises(ValueError, match="sent, failed, deferred"):
        metrics.nudge("lost")
