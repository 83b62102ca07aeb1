"""The ContentGroove simulator's deliveries (duplicates, retries), control API and CLI entry."""

from __future__ import annotations

import socket
from typing import Any

import aiohttp

from custom_components.video_pipeline.clients.contentgroove import (
    ContentGrooveClient,
    build_delivery,
    parse_delivery,
)
from simulator.__main__ import _start_contentgroove, build_parser
from simulator.contentgroove import ContentGrooveSimulator

from .conftest import Receiver, Sleeps


async def test_finish_delivers_to_active_subscriptions(
    cg_sim: ContentGrooveSimulator,
    cg_client: ContentGrooveClient,
    receiver: Receiver,
    sim_sleeps: Sleeps,
) -> None:
    subscription = await cg_client.ensure_webhook_subscription(receiver.url)
    cg_sim.add_subscription(receiver.url, active=False)
    cg_sim.add_subscription(receiver.url, ["media.other_event"])
    media = await cg_client.submit_media("https://videos.example/keynote.mp4", name="Keynote")

    attempts = await cg_sim.finish_processing(media.id)

    assert [(a.subscription_id, a.url, a.copy, a.attempt, a.status) for a in attempts] == [
        (subscription.id, receiver.url, 0, 1, 200)
    ]
    assert attempts[0].ok
    assert sim_sleeps.delays == []
    assert len(receiver.received) == 1
    delivery = parse_delivery(receiver.received[0])
    assert delivery.dedupe_key == f"media.processing_finished:{media.id}"
    # What the delivery says about the media is what GET says.
    assert delivery.media == await cg_client.get_media(media.id)
    assert [clip.rank for clip in delivery.clips] == [1, 2, 3]
    assert delivery.top_clip is not None
    assert delivery.top_clip.start_time == 12.5
    assert delivery.top_clip.end_time == 27.5
    assert delivery.transcript == "Transcript of Keynote."
    # The client's builder writes the same shape the simulator sends.
    rebuilt = parse_delivery(build_delivery(delivery.media, delivery.clips, delivery.transcript))
    assert (rebuilt.media, rebuilt.clips, rebuilt.transcript) == (
        delivery.media,
        delivery.clips,
        delivery.transcript,
    )


async def test_duplicates_share_one_dedupe_key(
    cg_sim: ContentGrooveSimulator, receiver: Receiver
) -> None:
    cg_sim.add_subscription(receiver.url)
    cg_sim.duplicate_deliveries = 2
    media = cg_sim.submit_media("https://videos.example/a.mp4")
    attempts = await cg_sim.finish_processing(media["id"])
    assert [a.copy for a in attempts] == [0, 1, 2]
    keys = {parse_delivery(body).dedupe_key for body in receiver.received}
    assert keys == {f"media.processing_finished:{media['id']}"}
    assert len(receiver.received) == 3
    assert cg_sim.deliveries == attempts


async def test_non_200_is_retried_with_exponential_backoff(
    cg_sim: ContentGrooveSimulator, receiver: Receiver, sim_sleeps: Sleeps
) -> None:
    cg_sim.add_subscription(receiver.url)
    receiver.statuses = [500, 204, 200]
    media = cg_sim.submit_media("https://videos.example/a.mp4")
    attempts = await cg_sim.finish_processing(media["id"])
    assert [(a.attempt, a.status, a.ok) for a in attempts] == [
        (1, 500, False),
        (2, 204, False),  # only 200 counts
        (3, 200, True),
    ]
    assert sim_sleeps.delays == [0.5, 1.0]

    # A receiver that keeps failing gets a limited number of attempts.
    cg_sim.max_attempts = 3
    sim_sleeps.delays.clear()
    receiver.statuses = [503] * 5
    other = cg_sim.submit_media("https://videos.example/b.mp4")
    attempts = await cg_sim.finish_processing(other["id"])
    assert [a.status for a in attempts] == [503, 503, 503]
    assert sim_sleeps.delays == [0.5, 1.0]


async def test_unreachable_receiver(cg_sim: ContentGrooveSimulator, sim_sleeps: Sleeps) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cg_sim.add_subscription(f"http://127.0.0.1:{port}/hook")
    cg_sim.max_attempts = 2
    media = cg_sim.submit_media("https://videos.example/a.mp4")
    attempts = await cg_sim.finish_processing(media["id"])
    assert [(a.status, a.ok) for a in attempts] == [(None, False), (None, False)]
    assert all(a.error for a in attempts)
    assert sim_sleeps.delays == [0.5]


async def test_control_api(
    cg_sim: ContentGrooveSimulator, receiver: Receiver, http_session: aiohttp.ClientSession
) -> None:
    base = cg_sim.base_url
    async with http_session.post(
        f"{base}/_sim/faults",
        json={
            "quota_exceeded": True,
            "rate_limited": 4,
            "server_error": True,
            "duplicate_deliveries": 1,
        },
    ) as response:
        assert await response.json() == {
            "quota_exceeded": True,
            "rate_limited": 4.0,
            "server_error": True,
            "duplicate_deliveries": 1,
        }
    async with http_session.get(f"{base}/api/v1/medias") as response:
        assert response.status == 429
        assert response.headers["Retry-After"] == "4"
    async with http_session.post(f"{base}/_sim/faults", json={"rate_limited": None}) as response:
        assert (await response.json())["rate_limited"] is None
    async with http_session.post(f"{base}/_sim/faults", json={"server_error": False}) as response:
        assert (await response.json())["server_error"] is False
    assert cg_sim.quota_exceeded

    cg_sim.add_subscription(receiver.url)
    media = cg_sim.submit_media("https://videos.example/a.mp4")
    async with http_session.post(f"{base}/_sim/finish", json={"media_id": media["id"]}) as resp:
        attempts = (await resp.json())["attempts"]
    assert [(a["copy"], a["status"], a["error"]) for a in attempts] == [
        (0, 200, None),
        (1, 200, None),
    ]
    async with http_session.post(f"{base}/_sim/finish", json={"media_id": "nope"}) as resp:
        assert resp.status == 404
    async with http_session.post(f"{base}/_sim/finish", json=["x"]) as resp:
        assert resp.status == 404
    async with http_session.get(f"{base}/_sim/state") as resp:
        state = await resp.json()
    assert state["api_key"] == "cg-test-key"
    assert state["faults"]["quota_exceeded"] is True
    assert [m["id"] for m in state["medias"]] == [media["id"]]
    assert len(state["clips"]) == 3
    assert len(state["webhook_subscriptions"]) == 1
    assert len(state["deliveries"]) == 2


async def request(
    session: aiohttp.ClientSession, method: str, url: str, **kwargs: Any
) -> tuple[int, Any]:
    async with session.request(method, url, **kwargs) as response:
        return response.status, await response.json(content_type=None)


async def test_api_edges(
    cg_sim: ContentGrooveSimulator, http_session: aiohttp.ClientSession
) -> None:
    api = f"{cg_sim.base_url}/api/v1"
    key = cg_sim.api_key
    bearer = {"Authorization": f"Bearer {key}"}
    # The key is accepted three ways, as on the real service.
    assert (await request(http_session, "GET", f"{api}/medias", headers={"X-API-KEY": key}))[
        0
    ] == 200
    assert (await request(http_session, "GET", f"{api}/medias?api_key={key}"))[0] == 200
    status, body = await request(
        http_session, "GET", f"{api}/medias", headers={"Authorization": key}
    )
    assert (status, body) == (
        401,
        {"errors": [{"message": "You need to sign in or sign up before continuing."}]},
    )

    for query in ("page[number]=x", "page[size]=0", "page[number]=0"):
        status, body = await request(http_session, "GET", f"{api}/clips?{query}", headers=bearer)
        assert status == 400
        assert body["errors"][0]["status"] == "400"

    media = cg_sim.submit_media("https://videos.example/a.mp4")
    await cg_sim.finish_processing(media["id"])
    status, body = await request(http_session, "GET", f"{api}/clips", headers=bearer)
    assert status == 200
    assert len(body["data"]) == 2  # max_page_size
    # The vendor's list links: current and self, never next.
    assert body["links"] == {"current": f"{api}/clips?page[number]=1", "self": f"{api}/clips"}
    status, body = await request(
        http_session, "GET", f"{api}/clips?page[number]=2&page[size]=2", headers=bearer
    )
    assert len(body["data"]) == 1
    assert body["links"] == {"current": f"{api}/clips?page[number]=2", "self": f"{api}/clips"}

    # Bodies that cannot be read are 400 (the spec's "Response Codes")...
    posts = [
        ("medias", {"data": b"{}", "headers": bearer}, "Content-Type"),
        (
            "medias",
            {"data": b"{", "headers": {**bearer, "Content-Type": "application/json"}},
            "not valid JSON",
        ),
        ("medias", {"json": {"data": []}, "headers": bearer}, "Expected"),
        ("medias", {"json": [], "headers": bearer}, "Expected"),
        ("webhook_subscriptions", {"json": {"data": 1}, "headers": bearer}, "Expected"),
    ]
    for path, kwargs, detail in posts:
        status, body = await request(http_session, "POST", f"{api}/{path}", **kwargs)
        assert status == 400, path
        assert detail in body["errors"][0]["detail"]
    # ...and a missing or unusable attribute is a 422 pointing at it.
    invalid = [
        ("medias", {}, "source_url"),
        ("medias", {"upload_id": "u1"}, "upload_id"),
        ("webhook_subscriptions", {"subscribed_events": ["*"]}, "url"),
        ("webhook_subscriptions", {"url": 5}, "url"),
        (
            "webhook_subscriptions",
            {"url": "https://h/x", "subscribed_events": ["x"]},
            "subscribed_events",
        ),
        (
            "webhook_subscriptions",
            {"url": "https://h/x", "subscribed_events": []},
            "subscribed_events",
        ),
    ]
    for path, attributes, attribute in invalid:
        status, body = await request(
            http_session,
            "POST",
            f"{api}/{path}",
            json={"data": {"attributes": attributes}},
            headers=bearer,
        )
        assert status == 422, attributes
        [error] = body["errors"]
        assert (error["status"], error["title"]) == ("422", "Unprocessable Entity")
        assert error["source"] == {"pointer": f"/data/attributes/{attribute}"}
        assert attribute in error["detail"]
    # Only url is required: without subscribed_events the subscription is to every event.
    status, body = await request(
        http_session,
        "POST",
        f"{api}/webhook_subscriptions",
        json={"data": {"attributes": {"url": "https://h/all"}}},
        headers=bearer,
    )
    assert status == 200
    assert body["data"]["attributes"]["subscribed_events"] == ["*"]
    assert body["links"] == {"self": f"{api}/webhook_subscriptions"}

    # Odd name and description types are ignored, not stored.
    status, body = await request(
        http_session,
        "POST",
        f"{api}/medias",
        json={
            "data": {
                "attributes": {"source_url": "https://v.example/x.mp4", "name": 1, "description": 2}
            }
        },
        headers=bearer,
    )
    assert status == 200
    assert body["data"]["attributes"]["name"] == "x.mp4"
    assert body["data"]["attributes"]["description"] is None
    status, body = await request(http_session, "GET", f"{api}/nothing-here", headers=bearer)
    assert (status, body) == (
        404,
        {"errors": [{"detail": None, "source": None, "status": "404", "title": "Not Found"}]},
    )


def test_unprocessed_delivery_body_has_no_transcript() -> None:
    sim = ContentGrooveSimulator()
    media = sim.submit_media("https://videos.example/a.mp4", "A", "d")
    body = sim.delivery_body(media["id"])
    assert body["payload"]["included"] == []
    assert parse_delivery(body).transcript is None


async def test_command_line(socket_enabled: None) -> None:
    assert await _start_contentgroove(build_parser().parse_args([])) is None
    running = await _start_contentgroove(build_parser().parse_args(["--contentgroove"]))
    assert running is not None
    try:
        [line] = running.description
        assert line["service"] == "contentgroove"
        assert line["api_key"] == "cg-test-key"
        assert str(line["url"]).startswith("http://127.0.0.1:")
        assert str(line["url"]).endswith("/api/v1")
        async with aiohttp.ClientSession() as session:
            client = ContentGrooveClient(session, line["api_key"], base_url=line["url"])
            await client.validate()
    finally:
        await running.stop()


def test_port_flag() -> None:
    args = build_parser().parse_args(["--contentgroove", "--contentgroove-port", "8123"])
    assert args.contentgroove_port == 8123


async def test_a_subscription_to_every_event_gets_deliveries(
    cg_sim: ContentGrooveSimulator, receiver: Receiver
) -> None:
    """The spec's subscription examples subscribe to ``["*"]``."""
    everything = cg_sim.add_subscription(receiver.url, ["*"])
    media = cg_sim.submit_media("https://videos.example/a.mp4")
    attempts = await cg_sim.finish_processing(media["id"])
    assert [(a.subscription_id, a.status) for a in attempts] == [(everything["id"], 200)]
    assert parse_delivery(receiver.received[0]).media_id == media["id"]


async def test_clip_edges(
    cg_sim: ContentGrooveSimulator, http_session: aiohttp.ClientSession
) -> None:
    api = f"{cg_sim.base_url}/api/v1"
    bearer = {"Authorization": f"Bearer {cg_sim.api_key}"}
    media = cg_sim.submit_media("https://videos.example/a.mp4", "A")
    await cg_sim.finish_processing(media["id"])  # 93.5 s long, three clips

    async def create(**attributes: Any) -> tuple[int, Any]:
        body = {"data": {"attributes": {"name": "C", "media_id": media["id"], **attributes}}}
        return await request(http_session, "POST", f"{api}/clips", headers=bearer, json=body)

    for window, pointer in (
        ({"start_time": 5, "end_time": 5}, "end_time"),
        ({"start_time": -1, "end_time": 5}, "start_time"),
        ({"start_time": True, "end_time": 5}, "start_time"),
        ({"start_time": 80, "end_time": 94}, "end_time"),
    ):
        status, body = await create(**window)
        assert status == 422, window
        assert body["errors"][0]["source"]["pointer"] == f"/data/attributes/{pointer}"
    status, body = await create(start_time=0, end_time=93.5, name="")
    assert (status, body["errors"][0]["source"]["pointer"]) == (422, "/data/attributes/name")
    status, body = await create(start_time=0, end_time=93.5)
    assert status == 200
    assert body["data"]["attributes"]["end_time"] == 93.5

    async def listed(query: str) -> tuple[int, Any]:
        return await request(http_session, "GET", f"{api}/clips?{query}", headers=bearer)

    status, body = await listed("filter[name_eq]=C")
    assert [c["attributes"]["name"] for c in body["data"]] == ["C"]
    status, body = await listed("filter[text_start]=Highlight ranked 1")
    assert [c["attributes"]["rank"] for c in body["data"]] == [1]
    status, body = await listed("filter[rank_lt]=2")
    assert status == 400
    assert "filter[rank_lt]" in body["errors"][0]["detail"]
    status, body = await listed("sort=name")
    assert (status, len(body["data"])) == (200, 2)  # sorting is not simulated; page size 2
    # A clip of a media that is gone is still deleted.
    clip = cg_sim.add_clip(media["id"], "Orphan", 1, 2)
    del cg_sim.medias[media["id"]]
    status, _ = await request(http_session, "DELETE", f"{api}/clips/{clip['id']}", headers=bearer)
    assert status == 204
