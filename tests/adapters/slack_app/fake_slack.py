"""A small fake Slack on 127.0.0.1: the Web API, response URLs, file uploads and Socket Mode.

The real slack_sdk and Bolt talk to it over HTTP and a websocket, exactly as
they would to slack.com. It records every call and answers with realistic
``{"ok": true, ...}`` bodies; tests can queue failures (an error code, or a
429 with Retry-After) for a method.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

TEAM = "T1"
BOT_USER = "UBOT"
JSON_ARGS = ("blocks", "view", "files", "attachments")


@dataclass
class Call:
    """One request the fake received."""

    method: str
    args: dict[str, Any]
    status: int = 200
    token: str = ""


@dataclass
class Failure:
    """A queued answer for the next call of a method: a Slack error code, maybe with HTTP 429."""

    error: str
    status: int = 200
    retry_after: int | None = None


@dataclass
class FakeSlack:
    """Record calls, answer them, and push Socket Mode envelopes to a connected app."""

    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    port: int = 0
    _failures: dict[str, list[Failure]] = field(default_factory=dict)
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    _acks: dict[str, asyncio.Future] = field(default_factory=dict)
    _sockets: list[web.WebSocketResponse] = field(default_factory=list)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    _runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        app.add_routes([web.post("/api/{method}", self._api), web.get("/api/{method}", self._api),
                        web.post("/respond/{key}", self._respond),
                        web.post("/upload/{file_id}", self._upload),
                        web.get("/socket", self._socket)])
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._runner:
            await self._runner.cleanup()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.base}/api/"

    def response_url(self, key: str) -> str:
        return f"{self.base}/respond/{key}"

    def add_user(self, user_id: str, name: str, *, admin: bool = False) -> None:
        self.users[user_id] = {
            "id": user_id, "team_id": TEAM, "name": name.lower(), "real_name": name, "deleted": False,
            "is_admin": admin, "is_owner": False, "is_primary_owner": False, "is_bot": False,
            "profile": {"display_name": name, "real_name": name},
        }

    def fail(self, method: str, error: str, *, status: int = 200, retry_after: int | None = None,
             times: int = 1) -> None:
        """Make the next calls of a method fail with a Slack error code (or a 429)."""
        self._failures.setdefault(method, []).extend([Failure(error, status, retry_after)] * times)

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Wait until a method has been called at least `count` times."""
        await self._wait(lambda: len(self.calls_to(method)) >= count, timeout)
        return self.calls_to(method)

    # -- Socket Mode -------------------------------------------------------------------

    async def send_envelope(self, kind: str, payload: dict[str, Any], *, retry_attempt: int | None = None,
                            timeout: float = 5.0) -> dict[str, Any]:
        """Push an envelope to the connected app and return its acknowledgement."""
        await self._wait(lambda: bool(self._sockets), timeout)
        envelope_id = f"env-{next(self._ids)}"
        message: dict[str, Any] = {"envelope_id": envelope_id, "type": kind, "payload": payload,
                                   "accepts_response_payload": kind != "events_api"}
        if retry_attempt is not None:
            message |= {"retry_attempt": retry_attempt, "retry_reason": "timeout"}
        ack = asyncio.get_running_loop().create_future()
        self._acks[envelope_id] = ack
        await self._sockets[-1].send_json(message)
        return await asyncio.wait_for(ack, timeout)

    # -- handlers ----------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await _read_args(request)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        queued = self._failures.get(method)
        failure = queued.pop(0) if queued else None
        if failure is not None:
            await self._record(Call(method, args | {"_failed": failure.error}, failure.status, token))
            headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after is not None else {}
            return web.json_response({"ok": False, "error": failure.error}, status=failure.status,
                                     headers=headers)
        await self._record(Call(method, args, 200, token))
        return web.json_response(self._answer(method, args, token))

    def _answer(self, method: str, args: dict[str, Any], token: str) -> dict[str, Any]:
        n = next(self._ids)
        ts = f"1790000000.{n:06d}"
        if method == "apps.connections.open":
            if not token.startswith("xapp-"):
                return {"ok": False, "error": "not_allowed_token_type"}
            return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"}
        if not token.startswith("xoxb-"):
            return {"ok": False, "error": "not_authed"}
        if method == "auth.test":
            return {"ok": True, "url": "https://fake.slack.com/", "team": "Fake", "user": "rebound",
                    "team_id": TEAM, "user_id": BOT_USER, "bot_id": "BBOT", "is_enterprise_install": False}
        if method == "users.info":
            user = self.users.get(str(args.get("user")))
            return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(args.get("users", "")).split(",")[0]}}
        if method == "chat.postMessage":
            return {"ok": True, "channel": args.get("channel"), "ts": ts,
                    "message": {"type": "message", "text": args.get("text"), "user": BOT_USER, "ts": ts}}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method in ("views.open", "views.publish", "views.update", "views.push"):
            return {"ok": True, "view": {"id": f"V{n}", **(args.get("view") or {})}}
        if method == "files.getUploadURLExternal":
            return {"ok": True, "upload_url": f"{self.base}/upload/F{n}", "file_id": f"F{n}"}
        if method == "files.completeUploadExternal":
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title", "")}
                                          for f in args.get("files", [])]}
        return {"ok": False, "error": "unknown_method"}

    async def _respond(self, request: web.Request) -> web.Response:
        await self._record(Call("response_url", await request.json() | {"_key": request.match_info["key"]}))
        return web.Response(text="ok")

    async def _upload(self, request: web.Request) -> web.Response:
        data = await request.read()
        await self._record(Call("upload", {"file_id": request.match_info["file_id"], "data": data}))
        return web.Response(text=f"OK - {len(data)}")

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        await ws.send_json({"type": "hello", "num_connections": 1, "debug_info": {"host": "fake"},
                            "connection_info": {"app_id": "A1"}})
        async with self._changed:
            self._sockets.append(ws)
            self._changed.notify_all()
        async for message in ws:
            if message.type == WSMsgType.TEXT:
                data = json.loads(message.data)
                ack = self._acks.pop(str(data.get("envelope_id")), None)
                if ack is not None and not ack.done():
                    ack.set_result(data)
        self._sockets.remove(ws)
        return ws

    async def _record(self, call: Call) -> None:
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    async def _wait(self, ready: Callable[[], bool], timeout: float) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(ready), timeout)


async def _read_args(request: web.Request) -> dict[str, Any]:
    args: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        args |= await request.json()
    elif request.can_read_body:
        args |= dict(await request.post())
    for key in JSON_ARGS:
        if isinstance(args.get(key), str):
            args[key] = json.loads(args[key])
    return args
