"""Fixtures: a fake Slack on 127.0.0.1 and the real Bolt app connected to it over HTTP or Socket Mode."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

import pytest

from adapters.slack_app.serve import Running, start
from adapters.slack_app.settings import SlackSettings
from bot.core import Rebound
from tests.adapters.slack_app.fake_slack import FakeSlack
from tests.adapters.slack_app.workspace import Workspace

SECRET = "test-signing-secret"
ANA, BEN, SAM = "UANA", "UBEN", "USAM"


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    slack = FakeSlack()
    slack.add_user(ANA, "Ana")
    slack.add_user(BEN, "Ben")
    slack.add_user(SAM, "Sam", admin=True)
    await slack.start()
    yield slack
    await slack.stop()


@pytest.fixture
def settings(fake: FakeSlack) -> SlackSettings:
    return SlackSettings(bot_token="xoxb-test", app_token="xapp-test", signing_secret=SECRET, mode="http",
                         host="127.0.0.1", port=0, api_base=fake.api_url)


@pytest.fixture
async def running(core: Rebound, settings: SlackSettings) -> AsyncIterator[Running]:
    app = await start(core, settings)
    yield app
    await app.close()


@pytest.fixture
def workspace(fake: FakeSlack, running: Running) -> Workspace:
    return Workspace(fake, running, SECRET)


@pytest.fixture
async def socket_workspace(core: Rebound, fake: FakeSlack,
                           settings: SlackSettings) -> AsyncIterator[Workspace]:
    app = await start(core, replace(settings, mode="socket", signing_secret=""))
    yield Workspace(fake, app, SECRET, socket=True)
    await app.close()
