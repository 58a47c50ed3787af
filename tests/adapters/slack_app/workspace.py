"""Play Slack's part: build the payloads Slack sends and deliver them signed, or over Socket Mode."""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import aiohttp
from slack_sdk.signature import SignatureVerifier

from adapters.slack_app.serve import Running
from tests.adapters.slack_app.fake_slack import TEAM, FakeSlack

CHANNEL = "C1"


@dataclass
class Sent:
    """The app's HTTP answer to one request (the ack)."""

    status: int
    body: str

    def json(self) -> dict[str, Any]:
        return json.loads(self.body) if self.body else {}


@dataclass
class Workspace:
    """A Slack workspace sending a running app commands, clicks, modal submissions and events."""

    fake: FakeSlack
    running: Running
    secret: str
    socket: bool = False
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.running.port}/slack/events"

    async def command(self, user: str, text: str, *, retry: int | None = None,
                      trigger: str = "") -> Sent:
        """Type `/rebound <text>` and wait until the app has finished with it."""
        body = {"token": "legacy", "team_id": TEAM, "team_domain": "fake", "channel_id": CHANNEL,
                "channel_name": "general", "user_id": user, "user_name": user.lower(),
                "command": "/rebound", "text": text, "api_app_id": "A1",
                "response_url": self.fake.response_url(f"cmd-{next(self._ids)}"),
                "trigger_id": trigger or self._trigger()}
        if self.socket:
            return await self._envelope("slash_commands", body, retry)
        return await self.deliver(urlencode(body), "application/x-www-form-urlencoded", retry=retry)

    async def press(self, user: str, action_id: str, *, home: bool = False) -> Sent:
        """Press a button in an ephemeral reply in #general, or on the App Home tab."""
        payload: dict[str, Any] = {
            "type": "block_actions", "user": {"id": user, "team_id": TEAM}, "api_app_id": "A1",
            "team": {"id": TEAM, "domain": "fake"}, "trigger_id": self._trigger(),
            "actions": [{"type": "button", "action_id": action_id, "block_id": "b1", "value": action_id,
                         "text": {"type": "plain_text", "text": "button"}, "action_ts": "1.2"}],
        }
        if home:
            payload |= {"container": {"type": "view", "view_id": "VHOME"}, "view": {"id": "VHOME"}}
        else:
            payload |= {"container": {"type": "message", "message_ts": "1.1", "channel_id": CHANNEL,
                                      "is_ephemeral": True},
                        "channel": {"id": CHANNEL, "name": "general"},
                        "response_url": self.fake.response_url(f"act-{next(self._ids)}")}
        return await self._interaction(payload)

    async def submit(self, user: str, view: dict[str, Any], **values: str) -> Sent:
        """Fill in an opened modal and submit it."""
        state: dict[str, Any] = {}
        for block in view["blocks"]:
            element, value = block["element"], values.get(block["block_id"])
            if element["type"] == "static_select":
                chosen = next((o for o in element["options"] if o["value"] == value), None)
                entry = {"type": "static_select", "selected_option": chosen}
            else:
                entry = {"type": "plain_text_input", "value": value}
            state[block["block_id"]] = {element["action_id"]: entry}
        payload = {"type": "view_submission", "team": {"id": TEAM, "domain": "fake"},
                   "user": {"id": user, "team_id": TEAM}, "api_app_id": "A1",
                   "trigger_id": self._trigger(),
                   "view": {**view, "id": "VMODAL", "state": {"values": state}}}
        return await self._interaction(payload)

    async def open_home(self, user: str, *, event_id: str = "", retry: int | None = None) -> Sent:
        """Open the App Home tab (an app_home_opened event)."""
        body = {"token": "legacy", "team_id": TEAM, "api_app_id": "A1", "type": "event_callback",
                "event_id": event_id or f"Ev{next(self._ids)}", "event_time": int(time.time()),
                "event": {"type": "app_home_opened", "user": user, "channel": "D" + user, "tab": "home",
                          "event_ts": "1.3"}}
        if self.socket:
            return await self._envelope("events_api", body, retry)
        return await self.deliver(json.dumps(body), "application/json", retry=retry)

    async def deliver(self, body: str, content_type: str, *, retry: int | None = None,
                      timestamp: int | None = None, secret: str = "") -> Sent:
        """POST a body signed like Slack does, then wait for the app to finish its work."""
        stamp = str(int(time.time()) if timestamp is None else timestamp)
        signature = SignatureVerifier(secret or self.secret).generate_signature(timestamp=stamp, body=body)
        headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": stamp,
                   "X-Slack-Signature": signature}
        if retry is not None:
            headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        async with aiohttp.ClientSession() as session, session.post(
                self.url, data=body.encode(), headers=headers) as response:
            sent = Sent(response.status, await response.text())
        await self.settle()
        return sent

    async def settle(self) -> None:
        """Wait until every listener the last request started has finished."""
        assert await self.running.services.idle(5.0), "the app kept working for more than 5 s"

    async def _interaction(self, payload: dict[str, Any]) -> Sent:
        if self.socket:
            return await self._envelope("interactive", payload, None)
        return await self.deliver(urlencode({"payload": json.dumps(payload)}),
                                  "application/x-www-form-urlencoded")

    async def _envelope(self, kind: str, payload: dict[str, Any], retry: int | None) -> Sent:
        ack = await self.fake.send_envelope(kind, payload, retry_attempt=retry)
        await self.settle()
        return Sent(200, json.dumps(ack.get("payload") or {}))

    def _trigger(self) -> str:
        return f"trigger-{next(self._ids)}"


def block_text(blocks: list[dict[str, Any]]) -> str:
    """All the words a list of blocks shows, one block per line."""
    lines = []
    for block in blocks:
        if "text" in block and isinstance(block["text"], dict):
            lines.append(block["text"]["text"])
        lines.extend(f["text"] for f in block.get("fields", []))
        lines.extend(e["text"] for e in block.get("elements", []) if isinstance(e.get("text"), str))
        lines.extend(e["text"]["text"] for e in block.get("elements", []) if isinstance(e.get("text"), dict))
    return "\n".join(lines)


def action_ids(blocks: list[dict[str, Any]]) -> list[str]:
    """The action ids of every button in a list of blocks."""
    return [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]
