"""The ContentGroove client against the simulator (and a few canned servers) over loopback."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp
from aiohttp import web
import pytest

from custom_components.video_pipeline.clients.contentgroove import (
    ContentGrooveAuthenticationError,
    ContentGrooveClient,
    ContentGrooveConnectionError,
    ContentGrooveError,
    ContentGrooveNotFoundError,
    ContentGrooveQuotaError,
    ContentGrooveRateLimitedError,
    ContentGrooveResponseError,
    paths,
)
from custom_components.video_pipeline.clients.contentgroove.client import DEFAULT_BASE_URL
from simulator.contentgroove import ContentGrooveSimulator

from .conftest import canned

EVENT = "media.processing_finished"


def test_defaults(http_session: aiohttp.ClientSession) -> None:
    assert DEFAULT_BASE_URL == "https://api.contentgroove.com/api/v1"
    assert ContentGrooveClient(http_session, "k").base_url == (
        "https://api.contentgroove.com/api/v1/"
    )


async def test_webhook_subscriptions_crud_across_pages(
    cg_sim: ContentGrooveSimulator, cg_client: ContentGrooveClient
) -> None:
    await cg_client.validate()
    assert await cg_client.list_webhook_subscriptions() == []
    created = [
        await cg_client.create_webhook_subscription(f"https://hooks.example/{n}") for n in range(5)
    ]
    assert created[0].events == (EVENT,)
    assert created[0].active is True
    # The simulator serves two per page, with the vendor's links (current, self; no next):
    # three pages, read by page number.
    listed = await cg_client.list_webhook_subscriptions()
    assert listed == created
    pages = [
        e.query["page[number]"]
        for e in cg_sim.exchanges
        if e.method == "GET" and e.path.endswith("/webhook_subscriptions")
    ]
    assert pages == ["1", "1", "2", "3"]  # the empty list, then three pages
    assert await cg_client.get_webhook_subscription(created[3].id) == created[3]
    await cg_client.delete_webhook_subscription(created[3].id)
    with pytest.raises(ContentGrooveNotFoundError, match="HTTP 404: Not Found") as err:
        await cg_client.get_webhook_subscription(created[3].id)
    assert err.value.status == 404
    assert err.value.detail == "Not Found"  # the documented 404: detail null, title Not Found
    with pytest.raises(ContentGrooveNotFoundError):
        await cg_client.delete_webhook_subscription(created[3].id)
    with pytest.raises(ValueError, match="not a ContentGroove id"):
        await cg_client.get_webhook_subscription("../medias")
    with pytest.raises(ValueError, match="not a ContentGroove id"):
        await cg_client.delete_webhook_subscription(" ")
    assert len(await cg_client.list_webhook_subscriptions()) == 4


async def test_ensure_reuses_or_creates(
    cg_sim: ContentGrooveSimulator, cg_client: ContentGrooveClient
) -> None:
    url = "https://hooks.example/ha"
    first = await cg_client.ensure_webhook_subscription(url)
    assert await cg_client.ensure_webhook_subscription(url, [EVENT]) == first
    assert len(cg_sim.subscriptions) == 1
    # An inactive one with the same url and events is not reused; another url is not either.
    cg_sim.subscriptions[first.id]["attributes"]["active"] = False
    second = await cg_client.ensure_webhook_subscription(url)
    assert second.id != first.id
    third = await cg_client.ensure_webhook_subscription("https://hooks.example/other")
    assert third.url == "https://hooks.example/other"
    assert len(cg_sim.subscriptions) == 3


async def test_media_submit_and_processing(
    cg_sim: ContentGrooveSimulator, cg_client: ContentGrooveClient
) -> None:
    media = await cg_client.submit_media(
        "https://videos.example/talk.mp4", name="Talk", description="A talk"
    )
    assert (media.name, media.description, media.is_processing) == ("Talk", "A talk", True)
    assert media.duration_seconds is None
    unnamed = await cg_client.submit_media("https://videos.example/raw.mp4")
    assert unnamed.name == "raw.mp4"
    assert unnamed.description is None
    await cg_sim.finish_processing(media.id)
    done = await cg_client.get_media(media.id)
    # The simulator writes the duration as a string; the model coerces it.
    assert (done.is_processing, done.has_fetch_error, done.duration_seconds) == (
        False,
        False,
        93.5,
    )
    assert done.preview_image_url == f"https://cdn.example/{media.id}.jpg"
    with pytest.raises(ContentGrooveNotFoundError):
        await cg_client.get_media("999")
    with pytest.raises(ValueError, match="not a ContentGroove id"):
        await cg_client.get_media("a/b")


async def test_error_statuses(
    cg_sim: ContentGrooveSimulator,
    cg_client: ContentGrooveClient,
    http_session: aiohttp.ClientSession,
) -> None:
    wrong = ContentGrooveClient(http_session, "wrong", base_url=f"{cg_sim.base_url}/api/v1/")
    signed_out = "You need to sign in or sign up before continuing."
    with pytest.raises(ContentGrooveAuthenticationError, match=signed_out) as auth:
        await wrong.validate()
    assert (auth.value.status, auth.value.detail) == (401, signed_out)

    with pytest.raises(ContentGrooveResponseError, match="HTTP 422: source_url") as bad:
        await cg_client.submit_media("ftp://nowhere")
    assert bad.value.status == 422

    cg_sim.quota_exceeded = True
    with pytest.raises(ContentGrooveQuotaError, match="usage quota is exhausted") as quota:
        await cg_client.submit_media("https://videos.example/a.mp4")
    assert quota.value.status == 402
    assert quota.value.detail is not None
    assert quota.value.detail.startswith("You have exceeded the monthly quota")
    cg_sim.quota_exceeded = False

    cg_sim.rate_limited = 2.5
    with pytest.raises(ContentGrooveRateLimitedError, match="HTTP 429") as limited:
        await cg_client.list_webhook_subscriptions()
    assert (limited.value.status, limited.value.retry_after) == (429, 2.5)
    cg_sim.rate_limited = None

    cg_sim.server_error = True
    with pytest.raises(ContentGrooveResponseError, match="HTTP 500") as server:
        await cg_client.get_media("1")
    assert server.value.status == 500
    assert not isinstance(server.value, ContentGrooveNotFoundError)
    cg_sim.server_error = False

    port = int(cg_sim.base_url.rsplit(":", 1)[1])
    await cg_sim.stop()
    with pytest.raises(ContentGrooveConnectionError):
        await cg_client.validate()
    await cg_sim.start(port=port)
    await cg_client.validate()


async def test_odd_answers(socket_enabled: None, http_session: aiohttp.ClientSession) -> None:
    answers: dict[str, Any] = {}

    async def handler(request: web.Request) -> web.StreamResponse:
        key = request.path_qs if request.path_qs in answers else request.path
        answer = answers[key]
        if callable(answer):
            result: web.StreamResponse = await answer(request)
            return result
        status, body, headers = answer
        if isinstance(body, str | bytes):
            return web.Response(status=status, body=body, headers=headers)
        return web.json_response(body, status=status, headers=headers)

    async with canned(handler) as base:
        api = ContentGrooveClient(http_session, "k", base_url=f"{base}/api/v1", timeout=0.2)

        answers["/api/v1/medias/1"] = (200, "<html>", None)
        with pytest.raises(ContentGrooveResponseError, match="not JSON"):
            await api.get_media("1")
        answers["/api/v1/medias/2"] = (200, {"data": {"type": "medias"}}, None)
        with pytest.raises(ContentGrooveResponseError, match="resource document"):
            await api.get_media("2")
        answers["/api/v1/medias/3"] = (200, [1], None)
        with pytest.raises(ContentGrooveResponseError, match="resource document"):
            await api.get_media("3")
        answers["/api/v1/medias/4"] = (418, "no json", None)
        with pytest.raises(ContentGrooveResponseError, match="HTTP 418: no details") as teapot:
            await api.get_media("4")
        assert teapot.value.detail is None
        answers["/api/v1/medias/5"] = (
            422,
            {"errors": [{"title": "Invalid"}, {"detail": "name is too long"}, "x", {}]},
            None,
        )
        with pytest.raises(ContentGrooveResponseError, match="Invalid; name is too long"):
            await api.get_media("5")
        answers["/api/v1/medias/6"] = (409, {"errors": [{}], "message": "conflict"}, None)
        with pytest.raises(ContentGrooveResponseError, match="HTTP 409: conflict"):
            await api.get_media("6")
        answers["/api/v1/medias/7"] = (409, {"errors": "x", "message": ""}, None)
        with pytest.raises(ContentGrooveResponseError, match="no details"):
            await api.get_media("7")
        # The 401 body every operation of the vendor's OpenAPI documents: the text is in
        # errors[].message, with no detail or title.
        signed_out = "You need to sign in or sign up before continuing."
        answers["/api/v1/medias/8"] = (401, {"errors": [{"message": signed_out}]}, None)
        with pytest.raises(ContentGrooveAuthenticationError) as unauthorized:
            await api.get_media("8")
        assert unauthorized.value.detail == signed_out
        assert str(unauthorized.value) == f"GET /api/v1/medias/8: HTTP 401: {signed_out}"
        for number, header in enumerate((None, "soon", "-1", "inf", " 3 ")):
            headers = None if header is None else {"Retry-After": header}
            answers[f"/api/v1/medias/r{number}"] = (429, b"", headers)
        retry_afters = []
        for number in range(5):
            with pytest.raises(ContentGrooveRateLimitedError) as limited:
                await api.get_media(f"r{number}")
            retry_afters.append(limited.value.retry_after)
        assert retry_afters == [None, None, None, None, 3.0]

        async def slow(request: web.Request) -> web.Response:
            await asyncio.sleep(1)
            return web.json_response({})

        answers["/api/v1/medias/slow"] = slow
        with pytest.raises(ContentGrooveConnectionError, match="no answer within 0.2 s"):
            await api.get_media("slow")

        answers["/api/v1/webhook_subscriptions/8"] = (204, b"", None)
        await api.delete_webhook_subscription("8")

        answers["/api/v1/webhook_subscriptions"] = (200, {"data": {"id": "1"}}, None)
        with pytest.raises(ContentGrooveResponseError, match="list document"):
            await api.list_webhook_subscriptions()


async def test_paging_by_page_number(
    socket_enabled: None, http_session: aiohttp.ClientSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages: dict[str, Any] = {}
    requested: list[str] = []

    def resource(number: int) -> dict[str, Any]:
        return {
            "id": str(number),
            "type": "webhook_subscriptions",
            "attributes": {"url": f"https://h/{number}", "subscribed_events": [EVENT]},
        }

    async def handler(request: web.Request) -> web.Response:
        page = request.query["page[number]"]
        assert request.query["page[size]"] == "100"
        requested.append(page)
        return web.json_response(pages.get(page, {"data": []}))

    def links(page: int) -> dict[str, str]:
        # The links of the vendor's documented list answers: current and self, never next.
        base = "http://api.contentgroove.com/api/v1/webhook_subscriptions"
        return {"current": f"{base}?page[number]={page}", "self": base}

    async with canned(handler) as base:
        api = ContentGrooveClient(http_session, "k", base_url=f"{base}/api/v1/")

        async def ids() -> list[str]:
            requested.clear()
            return [sub.id for sub in await api.list_webhook_subscriptions()]

        # More than one page, with links but no next: every page is read, up to a short one
        # (the server serves two where we ask for 100; the first page's length is the size).
        pages["1"] = {"data": [resource(1), resource(2)], "links": links(1)}
        pages["2"] = {"data": [resource(3), resource(4)], "links": links(2)}
        pages["3"] = {"data": [resource(5)], "links": links(3)}
        assert await ids() == ["1", "2", "3", "4", "5"]
        assert requested == ["1", "2", "3"]
        # Junk items are skipped; an empty page ends the list.
        pages["3"] = {"data": [], "links": links(3)}
        pages["2"]["data"] += ["junk", {"id": None}]
        assert await ids() == ["1", "2", "3", "4"]
        assert requested == ["1", "2", "3"]
        # A first page shorter than asked for is not the end: the server may cap the size.
        pages["1"] = {"data": [resource(1)], "links": links(1)}
        pages["2"] = {"data": [resource(2)]}
        pages["3"] = {"data": [], "links": None}
        assert await ids() == ["1", "2"]
        assert requested == ["1", "2", "3"]
        # A page that brings nothing new ends it (a server ignoring page[number]).
        pages["2"] = pages["3"] = {"data": [resource(1)], "links": links(1)}
        assert await ids() == ["1"]
        assert requested == ["1", "2"]
        # An empty first page.
        pages.clear()
        assert await ids() == []
        assert requested == ["1"]
        # Pages that never end stop at MAX_PAGES.
        monkeypatch.setattr(paths, "MAX_PAGES", 4)
        for number in range(1, 10):
            pages[str(number)] = {"data": [resource(number)], "links": links(number)}
        assert await ids() == ["1", "2", "3", "4"]
        assert requested == ["1", "2", "3", "4"]


def test_every_error_is_a_contentgroove_error() -> None:
    for error in (
        ContentGrooveConnectionError("x"),
        ContentGrooveResponseError("x", 500),
        ContentGrooveRateLimitedError("x"),
    ):
        assert isinstance(error, ContentGrooveError)
    assert ContentGrooveRateLimitedError("x").retry_after is None


async def test_clips_of_one_media(
    cg_sim: ContentGrooveSimulator, cg_client: ContentGrooveClient
) -> None:
    media = await cg_client.submit_media("https://videos.example/a.mp4", "A")
    await cg_sim.finish_processing(media.id)
    clip = await cg_client.create_clip(media.id, "Intro", 0, 30.25)
    assert (clip.name, clip.start_time, clip.end_time, clip.rank) == ("Intro", 0, 30.25, None)
    assert (clip.media_id, clip.is_processing, clip.media_file_url) == (media.id, True, None)
    sent = cg_sim.exchanges[-1]
    assert sent.method == "POST"
    assert json.loads(sent.body) == {
        "data": {
            "attributes": {
                "name": "Intro",
                "media_id": media.id,
                "start_time": 0,
                "end_time": 30.25,
            }
        }
    }
    assert [c.name for c in await cg_client.list_clips(media.id)] == [
        "A #2",
        "A #1",
        "A #3",
        "Intro",
    ]
    assert await cg_client.list_clips("999") == []
    await cg_client.delete_clip(clip.id)
    assert clip.id not in cg_sim.clips
    assert {"id": clip.id, "type": "clips"} not in cg_sim.medias[media.id]["relationships"][
        "clips"
    ]["data"]
    for call in (
        cg_client.get_clip("../medias"),
        cg_client.delete_clip(""),
        cg_client.create_clip("a/b", "x", 0, 1),
        cg_client.list_clips(".."),
    ):
        with pytest.raises(ValueError, match="not a ContentGroove id"):
            await call


async def test_clip_filter_ignored_by_the_server(
    socket_enabled: None, http_session: aiohttp.ClientSession
) -> None:
    """A server ignoring the (guessed) media filter: the other media's clips are dropped."""
    seen: list[dict[str, str]] = []

    def clip(clip_id: str, media_id: str | None) -> dict[str, Any]:
        resource: dict[str, Any] = {"id": clip_id, "type": "clips", "attributes": {"rank": 1}}
        if media_id is not None:
            resource["relationships"] = {"media": {"data": {"id": media_id, "type": "medias"}}}
        return resource

    async def handler(request: web.Request) -> web.StreamResponse:
        seen.append(dict(request.query))
        page = [clip("1", "m1"), clip("2", "m2"), clip("3", None)]
        return web.json_response({"data": page if request.query["page[number]"] == "1" else []})

    async with canned(handler) as base:
        api = ContentGrooveClient(http_session, "k", base_url=f"{base}/api/v1")
        assert [c.id for c in await api.list_clips("m1")] == ["1", "3"]
    assert seen[0] == {"filter[media_id_eq]": "m1", "page[number]": "1", "page[size]": "100"}
