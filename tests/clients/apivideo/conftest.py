"""Fixtures for the api.video client tests: the simulator, a session, a client, a receiver."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from dataclasses import dataclass, field

import aiohttp
from aiohttp import web
import pytest

from custom_components.video_pipeline.clients.apivideo import ApiVideoClient
from simulator.apivideo import ApiVideoSimulator
from tests.sleeps import Sleeps

PRODUCTION_KEY = "sim-production-key"
SANDBOX_KEY = "sim-sandbox-key"


@dataclass
class Receiver:
    """A webhook endpoint on loopback that records deliveries and answers chosen statuses."""

    statuses: list[int] = field(default_factory=list)  # one per request, then 204
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    url: str = ""

    async def handle(self, request: web.Request) -> web.Response:
        self.received.append((dict(request.headers), await request.read()))
        return web.Response(status=self.statuses.pop(0) if self.statuses else 204)


@pytest.fixture
def sim_sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
async def apivideo_sim(
    socket_enabled: None, sim_sleeps: Sleeps
) -> AsyncGenerator[ApiVideoSimulator]:
    sim = ApiVideoSimulator(sleep=sim_sleeps)
    await sim.start()
    yield sim
    await sim.stop()


@pytest.fixture
async def session() -> AsyncGenerator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client_session:
        yield client_session


@pytest.fixture
def client_sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def apivideo_client(
    session: aiohttp.ClientSession, apivideo_sim: ApiVideoSimulator, client_sleeps: Sleeps
) -> ApiVideoClient:
    return ApiVideoClient(
        session, PRODUCTION_KEY, base_url=apivideo_sim.base_url, sleep=client_sleeps
    )


@pytest.fixture
async def receiver(socket_enabled: None) -> AsyncGenerator[Receiver]:
    rec = Receiver()
    app = web.Application()
    app.router.add_post("/hook", rec.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    rec.url = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
    yield rec
    await runner.cleanup()
