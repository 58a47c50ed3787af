"""Build the Bolt app: a Web API client that retries politely, and every listener wired."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack_app import buttons, events, router, submissions
from adapters.slack_app.dedupe import SeenRequests, skip_repeats
from adapters.slack_app.services import SlackServices
from adapters.slack_app.settings import SlackSettings
from bot.core import Rebound


def retry_handlers() -> list[AsyncRetryHandler]:
    """Retry dropped connections, 429s (after Retry-After) and Slack's 5xx, once each.

    The SDK retries only connection errors by default; rate limits would
    otherwise surface as failures.
    """
    return [AsyncConnectionErrorRetryHandler(), AsyncRateLimitErrorRetryHandler(max_retry_count=1),
            AsyncServerErrorRetryHandler(max_retry_count=1)]


def build_client(settings: SlackSettings) -> AsyncWebClient:
    """A Web API client for the bot token, at the configured API base URL."""
    return AsyncWebClient(token=settings.bot_token, base_url=settings.api_base,
                          retry_handlers=retry_handlers())


def build_app(core: Rebound, settings: SlackSettings) -> tuple[AsyncApp, SlackServices]:
    """Create the Bolt app with request verification on and repeats skipped."""
    client = build_client(settings)
    slack = SlackServices.build(core, settings, client)
    app = AsyncApp(client=client, signing_secret=settings.signing_secret,
                   logger=logging.getLogger("slack_bolt"))
    app.use(skip_repeats(SeenRequests(core.services.clock)))
    for listeners in (router, buttons, submissions, events):
        listeners.register(app, slack)
    return app, slack
