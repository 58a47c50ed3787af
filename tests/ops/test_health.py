"""/healthz and /metrics answer on loopback, and the container probe reads them."""

import asyncio
import json
import socket

import aiohttp
import pytest

from bot.ops.health import HealthServer
from bot.ops.probe import probe


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
async def served(core):
    port = free_port()
    server = HealthServer(core, "127.0.0.1", port, ["console"])
    await server.start()
    yield port
    await server.stop()


async def get(port: int, path: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, \
            session.get(f"http://127.0.0.1:{port}{path}") as answer:
        return answer.status, await answer.text()


async def test_healthz_says_which_platforms_are_connected(core, served):
    status, body = await get(served, "/healthz")
    assert status == 200 and json.loads(body) == {"status": "connecting",
                                                  "platforms": {"console": False}}
    core.ports["console"] = object()
    status, body = await get(served, "/healthz")
    assert json.loads(body)["status"] == "ok"


async def test_healthz_fails_once_shutdown_begins(core, served):
    core.gate.close()
    status, body = await get(served, "/healthz")
    assert status == 503 and json.loads(body)["status"] == "stopping"


async def test_metrics_carry_commands_and_outbox_depth(core, served, ana):
    await ana.say("/log applied")
    await ana.press(await ana.say("/rejection company:Acme stage:final"), "Remind me in 3 days")
    status, body = await get(served, "/metrics")
    assert status == 200
    assert 'rebound_commands_total{command="log",outcome="ok",platform="console"} 1.0' in body
    assert "rebound_outbox_depth 1.0" in body
    assert 'rebound_platform_connected{platform="console"} 0.0' in body


async def test_a_port_in_use_is_named(core, served):
    other = HealthServer(core, "127.0.0.1", served, ["console"])
    with pytest.raises(OSError, match=f"REBOUND_METRICS_PORT: can't listen on 127.0.0.1:{served}"):
        await other.start()


async def test_the_container_probe_passes_only_when_healthy(core, served, tmp_path):
    env = {"REBOUND_DB": str(tmp_path / "r.db"), "REBOUND_METRICS_PORT": str(served),
           "REBOUND_METRICS_HOST": "0.0.0.0"}
    healthy, said = await asyncio.to_thread(probe, env)
    assert healthy and '"status": "connecting"' in said
    core.gate.close()
    healthy, said = await asyncio.to_thread(probe, env)
    assert not healthy and "stopping" in said
    healthy, said = await asyncio.to_thread(probe, {"REBOUND_DB": str(tmp_path / "r.db")})
    assert not healthy and "REBOUND_METRICS_PORT is not set" in said
