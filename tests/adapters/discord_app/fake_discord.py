"""A small Discord on 127.0.0.1: the REST routes Rebound uses and a gateway websocket.

The real discord.py client logs in to it. Every REST request is recorded, so
tests assert on exactly what Discord would have received; interactions are
pushed down the gateway on demand, as Discord does when a member acts.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.adapters.discord_app import fake_payloads as p

JSON = "application/json"


@dataclass
class Call:
    """One REST request as the fake received it."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    files: list[tuple[str, bytes]] = field(default_factory=list)
    status: int = 200

    @property
    def flags(self) -> int:
        return int((self.body or {}).get("flags") or (self.body or {}).get("data", {}).get("flags") or 0)


Handler = Callable[["FakeDiscord", Call, re.Match[str]], Awaitable[tuple[int, Any]]]
ROUTES: list[tuple[str, re.Pattern[str], Handler]] = []


def route(method: str, pattern: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        ROUTES.append((method, re.compile(pattern + "$"), handler))
        return handler
    return register


class FakeDiscord:
    """Serve REST under /api/v10 and the gateway at /gateway; remember everything."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.identifies: list[dict[str, Any]] = []
        self.messages: dict[str, dict[str, Any]] = {}
        self.closed_dms: set[str] = set()
        self.dm_channels: dict[str, str] = {}
        self.threads: dict[str, str] = {}
        self.rate_limited: list[re.Pattern[str]] = []
        self.token = p.TOKEN
        self._sockets: list[web.WebSocketResponse] = []
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def __aenter__(self) -> FakeDiscord:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        for socket in list(self._sockets):
            await socket.close()
        assert self._runner is not None
        await self._runner.cleanup()

    def env(self, **extra: str) -> dict[str, str]:
        """The environment `rebound run` would be given to use this fake."""
        return {"DISCORD_TOKEN": self.token, "DISCORD_API_BASE": f"{self.url}/api/v10",
                "DISCORD_GATEWAY_URL": f"ws://127.0.0.1:{self.url.rsplit(':', 1)[1]}/gateway",
                "DISCORD_GUILD_READY_TIMEOUT": "0.01", **extra}

    # What tests do and ask.

    async def interact(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send an INTERACTION_CREATE down the live gateway connection."""
        socket = await self.wait_for(lambda: self._sockets[-1] if self._sockets else None)
        await socket.send_str(json.dumps({"op": 0, "t": "INTERACTION_CREATE", "s": None,
                                          "d": payload}))
        return payload

    def find(self, method: str, pattern: str) -> list[Call]:
        """Recorded calls whose path matches a regular expression."""
        regex = re.compile(pattern + "$")
        return [c for c in self.calls if c.method == method and regex.match(c.path)]

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 5.0) -> Any:
        """Wait until something the fake saw makes the predicate true; return its value."""
        async with self._changed:
            return await asyncio.wait_for(self._changed.wait_for(predicate), timeout)

    async def callback(self, interaction: dict[str, Any]) -> Call:
        """The first answer to an interaction (a message, a deferral or a modal)."""
        path = f"interactions/{interaction['id']}/{interaction['token']}/callback"
        calls = await self.wait_for(lambda: self.find("POST", re.escape(path)))
        return calls[0]

    async def followups(self, interaction: dict[str, Any], count: int = 1) -> list[Call]:
        """Follow-up messages sent with an interaction's token, once there are ``count``."""
        path = f"webhooks/{p.APP_ID}/{interaction['token']}"
        return await self.wait_for(
            lambda: (found := self.find("POST", re.escape(path))) and len(found) >= count and found)

    async def posts(self, channel_id: str | int, count: int = 1) -> list[Call]:
        """Successful messages posted in a channel, once there are ``count``."""
        return await self.wait_for(lambda: (found := [
            c for c in self.find("POST", f"channels/{channel_id}/messages") if c.status == 200
        ]) and len(found) >= count and found)

    # The gateway.

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        await socket.send_json({"op": 10, "s": None, "t": None, "d": {"heartbeat_interval": 45000}})
        async for frame in socket:
            data = json.loads(frame.data)
            if data["op"] == 1:
                await socket.send_json({"op": 11})
            elif data["op"] == 2:
                await self._identify(socket, data["d"])
        if socket in self._sockets:
            self._sockets.remove(socket)
        return socket

    async def _identify(self, socket: web.WebSocketResponse, identify: dict[str, Any]) -> None:
        self.identifies.append(identify)
        ready = {"v": 10, "user": p.BOT_USER, "guilds": [{"id": str(p.GUILD_ID), "unavailable": True}],
                 "session_id": "session", "resume_gateway_url": self.env()["DISCORD_GATEWAY_URL"],
                 "application": {"id": str(p.APP_ID), "flags": 0}}
        await socket.send_json({"op": 0, "t": "READY", "s": 1, "d": ready})
        await socket.send_json({"op": 0, "t": "GUILD_CREATE", "s": 2, "d": p.guild()})
        async with self._changed:
            self._sockets.append(socket)
            self._changed.notify_all()

    # REST.

    async def _rest(self, request: web.Request) -> web.Response:
        path = request.match_info["tail"]
        body, files = await _read_body(request)
        call = Call(request.method, path, dict(request.query), body, files)
        status, answer = await self._answer(request, call)
        call.status = status
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()
        headers = {"Via": "1.1 fake"} if status == 429 else {}
        if answer is None:
            return web.Response(status=status, headers=headers)
        # Exactly application/json: with a charset, discord.py would hand back a string.
        headers["Content-Type"] = JSON
        return web.Response(status=status, body=json.dumps(answer).encode(), headers=headers)

    async def _answer(self, request: web.Request, call: Call) -> tuple[int, Any]:
        for pattern in self.rate_limited:
            if pattern.match(call.path):
                self.rate_limited.remove(pattern)
                return 429, {"message": "You are being rate limited.", "retry_after": 0.05,
                             "global": False}
        if not call.path.startswith(("interactions/", "webhooks/")) and \
                request.headers.get("Authorization") != f"Bot {self.token}":
            return 401, {"message": "401: Unauthorized", "code": 0}
        for method, pattern, handler in ROUTES:
            match = pattern.match(call.path)
            if match and method == call.method:
                return await handler(self, call, match)
        return 404, {"message": f"fake has no route {call.method} {call.path}", "code": 0}


async def _read_body(request: web.Request) -> tuple[Any, list[tuple[str, bytes]]]:
    """Read JSON, or discord.py's multipart form (payload_json plus files[n])."""
    if request.content_type == "multipart/form-data":
        body: Any = None
        files = []
        reader = await request.multipart()
        async for part in reader:
            data = await part.read()  # type: ignore[union-attr]
            if part.name == "payload_json":
                body = json.loads(data)
            else:
                files.append((part.filename or "", bytes(data)))
        return body, files
    text = await request.text()
    return (json.loads(text) if text else None), []


# Routes, in the order discord.py meets them.

@route("GET", r"users/@me")
async def _me(fake: FakeDiscord, call: Call, match: re.Match[str]) -> tuple[int, Any]:
    return 200, p.BOT_USER


@route("GET", r"oauth2/applications/@me")
async def _app(fake: FakeDiscord, call: Call, match: re.Match[str]) -> tuple[int, Any]:
    return 200, p.application()


@route("GET", r"gateway/bot")
async def _gateway_bot(fake: FakeDiscord, call: Call, match: re.Match[str]) -> tuple[int, Any]:
    return 200, {"url": fake.env()["DISCORD_GATEWAY_URL"], "shards": 1,
                 "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0,
                                         "max_concurrency": 1}}


@route("PUT", r"applications/\d+(/guilds/\d+)?/commands")
async def _sync(fake: FakeDiscord, call: Call, match: re.Match[str]) -> tuple[int, Any]:
    return 200, [{**c, "id": p.snowflake(), "application_id": str(p.APP_ID), "version": "1"}
                 for c in call.body]


@route("POST", r"interactions/(\d+)/([^/]+)/callback")
async def _callback(fake: FakeDiscord, call: Call, match: re.Match[str]) -> tuple[int, Any]:
    flags = int((call.body.get("data") or {}).get("flags") or 0)
    return 200, {"interaction": {"id": match[1], "type": call.body["type"],
                                 "response_message_loading": call.body["type"] == 5,
                                 "response_message_ephemeral": bool(flags & 64)}}


@route("POST", r"webhooks/\d+/([^/]+)")
async def _follow_up(fake: FakeDiscord, call: Call, match: re.Match[str]) -> tuple[int, Any]:
    return 200, fake_message(fake, str(p.GENERAL_ID), call)


@route("PATCH", r"webhooks/\d+/([^/]+)/messages/([^/]+)")
async def _edit(fake: FakeDiscord, call: Call, match: re.Match[str]) -> tuple[int, Any]:
    return 200, fake_message(fake, str(p.GENERAL_ID), call)


@route("DELETE", r"webhooks/\d+/([^/]+)/messages/([^/]+)")
async def _delete(fake: FakeDiscord, call: Call, match: re.Match[str]) -> tuple[int, Any]:
    return 204, None


@route("POST", r"users/@me/channels")
async def _open_dm(fake: FakeDiscord, call: Call, match: re.Match[str]) -> tuple[int, Any]:
    recipient = call.body["recipient_id"]
    channel_id = fake.dm_channels.setdefault(str(recipient), p.snowflake())
    return 200, p.dm_channel(channel_id, p.user(int(recipient), "member"))


@route("POST", r"channels/(\d+)/messages")
async def _send(fake: FakeDiscord, call: Call, match: re.Match[str]) -> tuple[int, Any]:
    channel = match[1]
    blocked = {fake.dm_channels.get(u) for u in fake.closed_dms}
    if channel in blocked:
        return 403, {"message": "Cannot send messages to this user", "code": 50007}
    known = {str(p.GENERAL_ID), str(p.WINS_ID), *fake.dm_channels.values(),
             *fake.threads}
    if channel not in known:
        return 404, {"message": "Unknown Channel", "code": 10003}
    return 200, fake_message(fake, channel, call)


@route("POST", r"channels/(\d+)/messages/(\d+)/threads")
async def _thread_from_message(fake: FakeDiscord, call: Call, match: re.Match[str]) -> tuple[int, Any]:
    if match[2] not in fake.messages:
        return 404, {"message": "Unknown Message", "code": 10008}
    thread_id = p.snowflake()
    fake.threads[thread_id] = match[1]
    return 200, p.thread(thread_id, match[1], call.body["name"])


def fake_message(fake: FakeDiscord, channel_id: str, call: Call) -> dict[str, Any]:
    """Build, remember and return the message a send created."""
    created = p.message(channel_id, call.body or {}, call.files)
    fake.messages[created["id"]] = created
    return created
