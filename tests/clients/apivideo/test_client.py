"""The api.video client against the simulator (and a few canned servers) over loopback."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import AsyncGenerator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

import aiohttp
from aiohttp import web
import pytest

from custom_components.video_pipeline.clients.apivideo import (
    ApiVideoAuthenticationError,
    ApiVideoClient,
    ApiVideoConnectionError,
    ApiVideoError,
    ApiVideoNotFoundError,
    ApiVideoRateLimitedError,
    ApiVideoResponseError,
    ApiVideoWebhookLimitError,
    RateLimit,
    Webhook,
    client as client_module,
)
from simulator.apivideo import ApiVideoSimulator

from .conftest import PRODUCTION_KEY, SANDBOX_KEY, Sleeps

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@asynccontextmanager
async def canned(handler: Handler) -> AsyncGenerator[str]:
    """Serve every path with ``handler`` on loopback; yield the base URL."""
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    finally:
        await runner.cleanup()


def test_environment_selects_host(session: aiohttp.ClientSession) -> None:
    assert ApiVideoClient(session, "k").base_url == "https://ws.api.video"
    assert ApiVideoClient(session, "k", environment="sandbox").base_url == (
        "https://sandbox.api.video"
    )
    assert ApiVideoClient(session, "k", base_url="http://127.0.0.1:1").base_url == (
        "http://127.0.0.1:1"
    )
    with pytest.raises(ValueError, match="environment"):
        ApiVideoClient(session, "k", environment="staging")  # type: ignore[arg-type]  # bad on purpose


async def test_validate_sends_basic_auth_with_key_and_empty_password(
    apivideo_client: ApiVideoClient, apivideo_sim: ApiVideoSimulator
) -> None:
    await apivideo_client.validate()
    exchange = apivideo_sim.exchanges[-1]
    assert (exchange.method, exchange.path, exchange.query) == (
        "GET",
        "/live-streams",
        {"pageSize": "1"},
    )
    expected = base64.b64encode(f"{PRODUCTION_KEY}:".encode()).decode()
    assert exchange.headers["Authorization"] == f"Basic {expected}"


async def test_validate_rejects_unknown_key(
    session: aiohttp.ClientSession, apivideo_sim: ApiVideoSimulator
) -> None:
    client = ApiVideoClient(session, "nope", base_url=apivideo_sim.base_url)
    with pytest.raises(ApiVideoAuthenticationError) as caught:
        await client.validate()
    assert caught.value.status == 401
    assert caught.value.title == "Unauthorized request"


async def test_sandbox_key_sees_only_the_sandbox_account(
    session: aiohttp.ClientSession, apivideo_sim: ApiVideoSimulator
) -> None:
    apivideo_sim.add_live_stream("Prod stream")
    apivideo_sim.add_live_stream("Sandbox stream", environment="sandbox")
    client = ApiVideoClient(
        session, SANDBOX_KEY, environment="sandbox", base_url=apivideo_sim.base_url
    )
    assert [s.name for s in await client.list_live_streams()] == ["Sandbox stream"]


async def test_webhook_crud(
    apivideo_client: ApiVideoClient, apivideo_sim: ApiVideoSimulator
) -> None:
    created = await apivideo_client.create_webhook(
        ["live-stream.broadcast.started", "video.source.recorded"], "https://example.com/hook"
    )
    assert apivideo_sim.exchanges[-1].status == 201
    assert created.webhook_id.startswith("webhook_")
    assert created.events == ("live-stream.broadcast.started", "video.source.recorded")
    assert created.url == "https://example.com/hook"
    assert created.signature_secret
    assert isinstance(created.created_at, datetime)
    assert created.created_at.tzinfo is not None

    assert await apivideo_client.get_webhook(created.webhook_id) == created
    assert await apivideo_client.list_webhooks() == [created]

    await apivideo_client.delete_webhook(created.webhook_id)
    assert apivideo_sim.exchanges[-1].status == 204
    assert await apivideo_client.list_webhooks() == []


async def test_ensure_webhook_reuses_an_exact_match(
    apivideo_client: ApiVideoClient, apivideo_sim: ApiVideoSimulator
) -> None:
    url = "https://example.com/hook"
    apivideo_sim.add_webhook(["video.source.recorded"], "https://example.com/other")
    partial = apivideo_sim.add_webhook(["video.source.recorded"], url)
    events = ["live-stream.broadcast.ended", "video.source.recorded"]
    first = await apivideo_client.ensure_webhook(events, url)
    assert first.webhook_id != partial.webhook_id
    again = await apivideo_client.ensure_webhook(list(reversed(events)), url)
    assert again == first
    assert len(apivideo_sim.account().webhooks) == 3


async def test_unknown_webhook_raises_not_found(apivideo_client: ApiVideoClient) -> None:
    with pytest.raises(ApiVideoNotFoundError) as caught:
        await apivideo_client.delete_webhook("webhook_missing")
    assert caught.value.status == 404
    assert caught.value.title
    with pytest.raises(ApiVideoNotFoundError):
        await apivideo_client.get_webhook("webhook_missing")


@pytest.mark.parametrize("bad_id", ["", "a/b", "..", "."])
async def test_ids_that_would_change_the_path_are_refused(
    apivideo_client: ApiVideoClient, bad_id: str
) -> None:
    with pytest.raises(ValueError, match="not a valid"):
        await apivideo_client.get_webhook(bad_id)
    with pytest.raises(ValueError, match="not a valid"):
        await apivideo_client.get_live_stream(bad_id)


async def test_list_webhooks_follows_every_page_and_filters(
    apivideo_client: ApiVideoClient,
    apivideo_sim: ApiVideoSimulator,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(client_module, "PAGE_SIZE", 3)
    ids = [
        apivideo_sim.add_webhook(
            ["video.encoding.quality.completed" if i % 2 else "video.source.recorded"],
            f"https://example.com/{i}",
        ).webhook_id
        for i in range(7)
    ]
    apivideo_sim.exchanges.clear()
    hooks = await apivideo_client.list_webhooks()
    assert [hook.webhook_id for hook in hooks] == ids
    assert [e.query["currentPage"] for e in apivideo_sim.exchanges] == ["1", "2", "3"]
    assert {e.query["pageSize"] for e in apivideo_sim.exchanges} == {"3"}

    only = await apivideo_client.list_webhooks("video.source.recorded")
    assert [hook.webhook_id for hook in only] == ids[0::2]
    assert apivideo_sim.exchanges[-1].query["events"] == "video.source.recorded"


async def test_live_streams_paginated_and_single(
    apivideo_client: ApiVideoClient,
    apivideo_sim: ApiVideoSimulator,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(client_module, "PAGE_SIZE", 2)
    streams = [apivideo_sim.add_live_stream(f"Stream {i}", broadcasting=i == 1) for i in range(5)]
    listed = await apivideo_client.list_live_streams()
    assert [(s.id, s.name, s.broadcasting) for s in listed] == [
        (s.live_stream_id, s.name, s.broadcasting) for s in streams
    ]
    one = await apivideo_client.get_live_stream(streams[1].live_stream_id)
    assert (one.name, one.broadcasting) == ("Stream 1", True)
    with pytest.raises(ApiVideoNotFoundError):
        await apivideo_client.get_live_stream("li_missing")


async def test_rate_limit_headers_are_exposed(
    apivideo_client: ApiVideoClient, apivideo_sim: ApiVideoSimulator
) -> None:
    assert apivideo_client.rate_limit is None
    await apivideo_client.validate()
    await apivideo_client.validate()
    assert apivideo_client.rate_limit == RateLimit(limit=500, remaining=498, retry_after=60)


async def test_short_429_is_waited_out_and_retried_once(
    apivideo_client: ApiVideoClient, apivideo_sim: ApiVideoSimulator, client_sleeps: Sleeps
) -> None:
    apivideo_sim.throttle(1.5)
    await apivideo_client.validate()
    assert client_sleeps.delays == [1.5]
    assert [e.status for e in apivideo_sim.exchanges] == [429, 200]


async def test_second_429_after_the_retry_raises(
    apivideo_client: ApiVideoClient, apivideo_sim: ApiVideoSimulator, client_sleeps: Sleeps
) -> None:
    apivideo_sim.throttle(2, times=2)
    with pytest.raises(ApiVideoRateLimitedError) as caught:
        await apivideo_client.list_webhooks()
    assert caught.value.retry_after == 2
    assert client_sleeps.delays == [2]
    assert len(apivideo_sim.exchanges) == 2


async def test_long_429_raises_without_waiting(
    apivideo_client: ApiVideoClient, apivideo_sim: ApiVideoSimulator, client_sleeps: Sleeps
) -> None:
    apivideo_sim.throttle(30)
    with pytest.raises(ApiVideoRateLimitedError) as caught:
        await apivideo_client.create_webhook(["video.source.recorded"], "https://e.com/h")
    assert caught.value.retry_after == 30
    assert caught.value.status == 429
    assert client_sleeps.delays == []
    assert apivideo_client.rate_limit is not None
    assert apivideo_client.rate_limit.retry_after == 30


async def test_webhook_limit_reached(
    apivideo_client: ApiVideoClient, apivideo_sim: ApiVideoSimulator
) -> None:
    apivideo_sim.webhook_limit = 1
    await apivideo_client.create_webhook(["video.source.recorded"], "https://e.com/1")
    with pytest.raises(ApiVideoWebhookLimitError) as caught:
        await apivideo_client.create_webhook(["video.source.recorded"], "https://e.com/2")
    assert caught.value.title == "Webhook limit reached."


async def test_other_problem_details_give_unexpected_response(
    apivideo_client: ApiVideoClient,
) -> None:
    with pytest.raises(ApiVideoResponseError) as caught:
        await apivideo_client.create_webhook(["video.source.recorded"], "ftp://e.com/1")
    assert type(caught.value) is ApiVideoResponseError
    assert caught.value.status == 400
    assert caught.value.name == "url"
    assert "must be an http or https URL" in str(caught.value)


@pytest.mark.parametrize("events", [[], ["not.an.event"], ["video.source.recorded", "x"]])
async def test_unknown_events_are_refused_before_sending(
    apivideo_client: ApiVideoClient, apivideo_sim: ApiVideoSimulator, events: list[str]
) -> None:
    with pytest.raises(ValueError, match="not api.video webhook events"):
        await apivideo_client.create_webhook(events, "https://e.com/1")
    assert not apivideo_sim.exchanges


async def test_connection_refused(session: aiohttp.ClientSession, socket_enabled: None) -> None:
    async with canned(_reply(200, b"{}")) as url:
        pass  # the server is gone: its port now refuses connections
    client = ApiVideoClient(session, "k", base_url=url)
    with pytest.raises(ApiVideoConnectionError):
        await client.validate()


async def test_timeout_is_a_connection_error(
    session: aiohttp.ClientSession, socket_enabled: None
) -> None:
    release = asyncio.Event()

    async def hang(request: web.Request) -> web.Response:
        await release.wait()
        return web.Response()

    async with canned(hang) as url:
        client = ApiVideoClient(session, "k", base_url=url, request_timeout=0.05)
        with pytest.raises(ApiVideoConnectionError, match="no answer"):
            await client.validate()
        release.set()


def _reply(status: int, body: bytes, headers: dict[str, str] | None = None) -> Handler:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=status, body=body, headers=headers)

    return handler


@pytest.mark.parametrize(
    ("status", "body", "error", "title"),
    [
        (200, b"<html>not json</html>", ApiVideoResponseError, None),
        (200, b"[1, 2]", ApiVideoResponseError, None),
        (200, b'{"data": "nope"}', ApiVideoResponseError, None),
        (500, b"<html>oops</html>", ApiVideoResponseError, None),
        (502, b'["not", "a", "problem"]', ApiVideoResponseError, None),
        (403, b'{"title": 5, "name": ["x"]}', ApiVideoResponseError, None),
        (401, b'{"title": "Unauthorized"}', ApiVideoAuthenticationError, "Unauthorized"),
        (409, b'{"title": "x", "name": "webhook limit reached"}', ApiVideoWebhookLimitError, "x"),
        (429, b"", ApiVideoRateLimitedError, None),
    ],
)
async def test_bad_answers_raise_clear_errors(
    session: aiohttp.ClientSession,
    socket_enabled: None,
    status: int,
    body: bytes,
    error: type[ApiVideoError],
    title: str | None,
) -> None:
    async with canned(_reply(status, body)) as url:
        client = ApiVideoClient(session, "k", base_url=url)
        with pytest.raises(error) as caught:
            await client.list_webhooks()
    assert isinstance(caught.value, ApiVideoResponseError)
    assert caught.value.title == title
    assert client.rate_limit is None  # no X-RateLimit-* headers were sent


async def test_non_object_single_webhook_raises(
    session: aiohttp.ClientSession, socket_enabled: None
) -> None:
    async with canned(_reply(200, b'"hello"')) as url:
        client = ApiVideoClient(session, "k", base_url=url)
        with pytest.raises(ApiVideoResponseError):
            await client.get_webhook("webhook_1")
        with pytest.raises(ApiVideoResponseError):
            await client.create_webhook(["video.source.recorded"], "https://e.com")


async def test_garbage_rate_limit_headers_are_ignored(
    session: aiohttp.ClientSession, socket_enabled: None
) -> None:
    headers = {
        "X-RateLimit-Limit": "lots",
        "X-RateLimit-Remaining": "-3",
        "X-RateLimit-Retry-After": "nan",
    }
    async with canned(_reply(429, b"{}", headers)) as url:
        client = ApiVideoClient(session, "k", base_url=url)
        with pytest.raises(ApiVideoRateLimitedError) as caught:
            await client.validate()
    assert caught.value.retry_after is None
    assert client.rate_limit is None


def _paged(pages: dict[str, dict[str, Any]]) -> Handler:
    async def handler(request: web.Request) -> web.Response:
        return web.json_response(pages[request.query["currentPage"]])

    return handler


async def test_pagination_without_links_uses_pages_total(
    session: aiohttp.ClientSession, socket_enabled: None
) -> None:
    pages = {
        str(n): {
            "data": [{"liveStreamId": f"li{n}", "name": f"S{n}"}],
            "pagination": {"currentPage": n, "pagesTotal": 3},
        }
        for n in (1, 2, 3)
    }
    async with canned(_paged(pages)) as url:
        streams = await ApiVideoClient(session, "k", base_url=url).list_live_streams()
    assert [s.id for s in streams] == ["li1", "li2", "li3"]
    assert streams[0].broadcasting is False


async def test_pagination_stops_when_next_link_does_not_advance(
    session: aiohttp.ClientSession, socket_enabled: None
) -> None:
    stuck = {
        "data": [{"webhookId": "webhook_1", "events": "nope", "url": 3, "createdAt": "never"}],
        "pagination": {
            "pagesTotal": 9,
            "links": [{"rel": "next", "uri": "/webhooks?currentPage=1"}],
        },
    }
    async with canned(_paged({"1": stuck})) as url:
        hooks = await ApiVideoClient(session, "k", base_url=url).list_webhooks()
    assert len(hooks) == 1
    assert (hooks[0].events, hooks[0].url, hooks[0].created_at) == ((), "", None)


async def test_base_url_with_a_path_prefix_is_kept(
    session: aiohttp.ClientSession, socket_enabled: None
) -> None:
    seen: list[str] = []

    async def handler(request: web.Request) -> web.Response:
        seen.append(request.path)
        return web.json_response({"data": [], "pagination": {"links": []}})

    async with canned(handler) as url:
        await ApiVideoClient(session, "k", base_url=f"{url}/proxy/").validate()
    assert seen == ["/proxy/live-streams"]


def test_created_at_keeps_its_offset() -> None:
    hook = Webhook.from_dict({"createdAt": "2021-01-08T14:12:18+00:00"})
    assert hook.created_at == datetime(2021, 1, 8, 14, 12, 18, tzinfo=UTC)


async def test_pagination_gives_up_after_max_pages(
    session: aiohttp.ClientSession, socket_enabled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client_module, "MAX_PAGES", 3)

    async def endless(request: web.Request) -> web.Response:
        page = int(request.query["currentPage"])
        return web.json_response(
            {"data": [{"liveStreamId": f"li{page}"}], "pagination": {"pagesTotal": page + 1}}
        )

    async with canned(endless) as url:
        with pytest.raises(ApiVideoResponseError, match="more than 3 pages"):
            await ApiVideoClient(session, "k", base_url=url).list_live_streams()


async def test_list_without_pagination_is_one_page(
    session: aiohttp.ClientSession, socket_enabled: None
) -> None:
    body = b'{"data": [{"liveStreamId": "li1"}, "junk"]}'
    async with canned(_reply(200, body)) as url:
        streams = await ApiVideoClient(session, "k", base_url=url).list_live_streams()
    assert [(s.id, s.name) for s in streams] == [("li1", "li1")]
