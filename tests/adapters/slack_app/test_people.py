"""Who is asking: read from users.info, and a safe answer when Slack cannot be asked."""

from __future__ import annotations

import socket

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack_app.people import People, Person
from bot.clock import ManualClock
from tests.adapters.slack_app.conftest import ANA, BEN, SAM
from tests.adapters.slack_app.fake_slack import TEAM, FakeSlack


def closed_port() -> int:
    """A loopback port nothing listens on, so connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_names_and_admins_come_from_users_info_and_an_error_grants_nothing(
        fake: FakeSlack, clock: ManualClock):
    people = People(AsyncWebClient(token="xoxb-test", base_url=fake.api_url), clock, frozenset())
    assert await people.lookup(TEAM, SAM) == Person("Sam", True)
    assert await people.lookup(TEAM, ANA) == Person("Ana", False)
    fake.fail("users.info", "user_not_found")
    assert await people.lookup(TEAM, BEN) == Person("", False)


async def test_an_unreachable_slack_gives_no_name_and_only_configured_admins(clock: ManualClock):
    client = AsyncWebClient(token="xoxb-test", base_url=f"http://127.0.0.1:{closed_port()}/api/",
                            retry_handlers=[])
    people = People(client, clock, frozenset({BEN}))
    assert await people.lookup(TEAM, ANA) == Person("", False)
    assert await people.lookup(TEAM, BEN) == Person("", True)
