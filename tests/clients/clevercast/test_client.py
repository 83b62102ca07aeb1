"""The Clevercast client and hook parsing, against the simulated account over sockets."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator

import aiohttp
from aiohttp import web
import pytest

from custom_components.video_pipeline.clients.clevercast import (
    HOOK_KINDS,
    ClevercastAuthenticationError,
    ClevercastClient,
    ClevercastConnectionError,
    ClevercastNotFoundError,
    ClevercastPermissionError,
    ClevercastResponseError,
    InvalidDeliveryError,
    parse_item_delivery,
)
from simulator.clevercast import ClevercastSimulator


@pytest.fixture
async def sim(socket_enabled: None) -> AsyncGenerator[ClevercastSimulator]:
    simulator = ClevercastSimulator()
    await simulator.start()
    yield simulator
    await simulator.stop()


def client(session: aiohttp.ClientSession, sim: ClevercastSimulator, **kw: str) -> ClevercastClient:
    return ClevercastClient(
        session,
        kw.get("email", "api@example.com"),
        kw.get("password", "secret"),
        base_url=f"{sim.base_url}/api/v1",
    )


async def test_list_follows_pages_and_accepts_bare_lists(
    sim: ClevercastSimulator, http_session: aiohttp.ClientSession
) -> None:
    api = client(http_session, sim)
    await api.validate()
    items = await api.list_items()
    assert [(i.id, i.name) for i in items] == [
        ("101", "Keynote"),
        ("102", "Panel"),
        ("103", "Closing words"),
    ]
    assert items[0].status == "published"
    assert items[0].updated_at is not None
    sim.paginated = False
    assert len(await api.list_items()) == 3


async def test_get_item_is_what_the_hook_delivers(
    sim: ClevercastSimulator, http_session: aiohttp.ClientSession
) -> None:
    received: list[bytes] = []

    async def receiver(request: web.Request) -> web.Response:
        received.append(await request.read())
        return web.Response()

    app = web.Application()
    app.router.add_post("/hook", receiver)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        url = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
        assert await sim.post_item_hook("102", url) == 200
        delivered = parse_item_delivery(received[0])
        fetched = await client(http_session, sim).get_item("102")
        assert delivered.raw == fetched.raw
        assert delivered.name == "Panel"
    finally:
        await runner.cleanup()


async def test_errors(sim: ClevercastSimulator, http_session: aiohttp.ClientSession) -> None:
    with pytest.raises(ClevercastAuthenticationError, match="Invalid credentials"):
        await client(http_session, sim, password="wrong").validate()
    with pytest.raises(ClevercastPermissionError, match="Access API"):
        await client(http_session, sim, email="editor@example.com").validate()
    api = client(http_session, sim)
    with pytest.raises(ClevercastNotFoundError):
        await api.get_item("999")
    with pytest.raises(ValueError, match="not an item id"):
        await api.get_item("../items")
    port = int(sim.base_url.rsplit(":", 1)[1])
    await sim.stop()
    with pytest.raises(ClevercastConnectionError):
        await api.get_item("101")
    await sim.start(port=port)


async def test_odd_answers(socket_enabled: None, http_session: aiohttp.ClientSession) -> None:
    pages = {
        "/api/v1/items/": {"results": [{"id": 1}, {"no": "id"}], "next": "/api/v1/items/?page=2"},
        "/api/v1/items/?page=2": {"results": [{"id": "2"}], "next": "/api/v1/items/"},
    }

    async def items(request: web.Request) -> web.Response:
        return web.json_response(pages[request.path_qs])

    async def weird(request: web.Request) -> web.Response:
        return web.json_response({"nothing": True})

    async def html(request: web.Request) -> web.Response:
        return web.Response(text="<html>", content_type="text/html")

    async def teapot(request: web.Request) -> web.Response:
        return web.Response(status=418, text="no json")

    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(1)
        return web.json_response({"id": 10})

    app = web.Application()
    app.router.add_get("/api/v1/items/", items)
    app.router.add_get("/api/v1/items/7/", weird)
    app.router.add_get("/api/v1/items/8/", html)
    app.router.add_get("/api/v1/items/9/", teapot)
    app.router.add_get("/api/v1/items/10/", slow)
    app.router.add_get("/other/items/", weird)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    base = f"http://127.0.0.1:{runner.addresses[0][1]}"
    try:
        api = ClevercastClient(http_session, "a", "b", base_url=f"{base}/api/v1/")
        # The second page links back to the first: followed once, not forever.
        assert [item.id for item in await api.list_items()] == ["1", "2"]
        with pytest.raises(ClevercastResponseError, match="unknown shape"):
            await api.get_item("7")
        with pytest.raises(ClevercastResponseError, match="not JSON"):
            await api.get_item("8")
        with pytest.raises(ClevercastResponseError, match="HTTP 418") as err:
            await api.get_item("9")
        assert err.value.status == 418
        impatient = ClevercastClient(
            http_session, "a", "b", base_url=f"{base}/api/v1", request_timeout=0.05
        )
        with pytest.raises(ClevercastConnectionError, match="no answer"):
            await impatient.get_item("10")
        other = ClevercastClient(http_session, "a", "b", base_url=f"{base}/other")
        with pytest.raises(ClevercastResponseError, match="unknown shape"):
            await other.list_items()
    finally:
        await runner.cleanup()


@pytest.mark.parametrize(
    "body",
    [b"not json", b"[1, 2]", b'{"name": "x"}', b'{"id": ""}', b'{"id": true}', b"\xff\xfe"],
)
def test_malformed_hook_bodies(body: bytes) -> None:
    with pytest.raises(InvalidDeliveryError):
        parse_item_delivery(body)


def test_hook_kinds_and_lenient_items() -> None:
    assert HOOK_KINDS == ("item.updated", "item.deleted", "workflow")
    item = parse_item_delivery(b'{"id": 5, "title": "T", "state": "ready", "updated": "bad"}')
    assert (item.id, item.name, item.status, item.updated_at) == ("5", "T", "ready", None)
    naive = parse_item_delivery(b'{"id": "6", "updated_at": "2026-11-22T10:00:00"}')
    assert naive.updated_at is not None
    assert naive.updated_at.tzinfo is not None
    assert naive.name is None
