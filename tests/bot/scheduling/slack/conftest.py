"""The Slack adapter's fixtures (fake Slack, the running Bolt app), for weeks of scheduled work."""

from tests.adapters.slack_app.conftest import fake, running, settings, workspace  # noqa: F401
