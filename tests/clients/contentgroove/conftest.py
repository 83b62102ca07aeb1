"""Fixtures for the ContentGroove tests: the simulator, a client and a webhook receiver."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web
import pytest

from custom_components.video_pipeline.clients.contentgroove import ContentGrooveClient
from simulator.contentgroove import ContentGrooveSimulator
from tests.sleeps import Sleeps

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class Receiver:
    """A webhook endpoint on loopback that records deliveries and answers chosen statuses."""

    statuses: list[int] = field(default_factory=list)  # one per request, then 200
    received: list[Any] = field(default_factory=list)
    url: str = ""

    async def handle(self, request: web.Request) -> web.Response:
        self.received.append(await request.json())
        return web.Response(status=self.statuses.pop(0) if self.statuses else 200)


@asynccontextmanager
async def canned(handler: Handler) -> AsyncGenerator[str]:
    """Serve every path with ``handler`` on loopback; yield the base URL."""
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    finally:
        await runner.cleanup()


@pytest.fixture
def sim_sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
async def cg_sim(
    socket_enabled: None, sim_sleeps: Sleeps
) -> AsyncGenerator[ContentGrooveSimulator]:
    sim = ContentGrooveSimulator(max_page_size=2, retry_base_delay=0.5, sleep=sim_sleeps)
    await sim.start()
    yield sim
    await sim.stop()


@pytest.fixture
def cg_client(
    http_session: aiohttp.ClientSession, cg_sim: ContentGrooveSimulator
) -> ContentGrooveClient:
    return ContentGrooveClient(
        http_session, cg_sim.api_key, base_url=f"{cg_sim.base_url}/api/v1", timeout=5
    )


@pytest.fixture
async def receiver(socket_enabled: None) -> AsyncGenerator[Receiver]:
    rec = Receiver()
    app = web.Application()
    app.router.add_post("/hook", rec.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    rec.url = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
    yield rec
    await runner.cleanup()
