"""scripts/develop's helpers against the real simulators (no Home Assistant process)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from pathlib import Path
import sys
import threading
from typing import Any

from aiohttp import web
import pytest

from simulator.__main__ import SERVICES, build_parser
from simulator.contentgroove import ContentGrooveSimulator

sys.path.insert(0, str(Path(__file__).parents[2] / "scripts" / "lib"))

from develop import ENTRY_FORMS, DemoSender  # the helpers live with the scripts


async def test_every_simulated_service_has_an_entry_form(socket_enabled: None) -> None:
    args = build_parser().parse_args(
        ["--capturecast", "1", "--cognitive3d", "--apivideo", "--clevercast", "--contentgroove"]
    )
    running = [r for start in SERVICES if (r := await start(args)) is not None]
    try:
        descriptions = [line for item in running for line in item.description]
        assert len(descriptions) == len(SERVICES)  # one unit plus one per cloud service
        for description in descriptions:
            menu_option, form = ENTRY_FORMS[description["service"]]
            assert menu_option
            assert form(description)
    finally:
        await asyncio.gather(*(item.stop() for item in running))


@pytest.fixture
async def contentgroove(socket_enabled: None) -> AsyncGenerator[dict[str, Any]]:
    """A ContentGroove simulator described as ``python -m simulator`` prints it."""
    sim = ContentGrooveSimulator(max_attempts=1)
    url = await sim.start()
    yield {"service": "contentgroove", "url": f"{url}/api/v1", "api_key": sim.api_key, "sim": sim}
    await sim.stop()


async def test_demo_submits_and_finishes_a_contentgroove_media(
    contentgroove: dict[str, Any],
) -> None:
    received: list[Any] = []

    async def hook(request: web.Request) -> web.Response:
        received.append(await request.json())
        return web.Response()

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    sim: ContentGrooveSimulator = contentgroove["sim"]
    sim.add_subscription(f"http://127.0.0.1:{runner.addresses[0][1]}/hook")
    try:
        sender = DemoSender([contentgroove], threading.Event(), interval=1)
        assert len(sender.steps) == 1
        # The sender calls the simulator with blocking urllib: not from the simulator's loop.
        await asyncio.to_thread(sender.steps[0], 0)
        await asyncio.to_thread(sender.steps[0], 1)
    finally:
        await runner.cleanup()
    assert [body["event"] for body in received] == ["media.processing_finished"] * 2
    names = [body["payload"]["data"]["attributes"]["name"] for body in received]
    assert names == ["Lecture Hall 101 recording 1", "Lecture Hall 101 recording 2"]
    assert all(not media["attributes"]["is_processing"] for media in sim.medias.values())


async def test_demo_says_when_no_subscription_took_the_delivery(
    contentgroove: dict[str, Any],
) -> None:
    step = DemoSender([contentgroove], threading.Event(), interval=1).steps[0]
    with pytest.raises(ValueError, match="no subscription took the delivery"):
        await asyncio.to_thread(step, 0)
    contentgroove["sim"].add_subscription("http://127.0.0.1:9/unreachable")
    with pytest.raises(ValueError, match="ClientConnectorError"):
        await asyncio.to_thread(step, 1)
