"""The api.video simulator's delivery sender and control API, checked with the client's tools."""

from __future__ import annotations

import aiohttp
import pytest

from custom_components.video_pipeline.clients.apivideo import parse_delivery, verify
from custom_components.video_pipeline.clients.apivideo.webhooks import (
    SIGNATURE_HEADER,
    WEBHOOK_ID_HEADER,
)
from custom_components.video_pipeline.clients.http_auth import basic_authorization
from simulator.apivideo import EVENT_FIELDS, ApiVideoSimulator

from .conftest import Receiver, Sleeps


async def test_emit_delivers_signed_body_to_matching_subscriptions(
    apivideo_sim: ApiVideoSimulator, receiver: Receiver, sim_sleeps: Sleeps
) -> None:
    wanted = apivideo_sim.add_webhook(["video.source.recorded"], receiver.url)
    apivideo_sim.add_webhook(["live-stream.broadcast.started"], receiver.url)
    apivideo_sim.add_webhook(["video.source.recorded"], receiver.url, environment="sandbox")

    attempts = await apivideo_sim.emit("video.source.recorded", videoId="vi42")

    assert [(a.webhook_id, a.attempt, a.status) for a in attempts] == [(wanted.webhook_id, 1, 204)]
    assert sim_sleeps.delays == []
    [(headers, body)] = receiver.received
    assert headers[WEBHOOK_ID_HEADER] == wanted.webhook_id
    assert verify(wanted.signature_secret, body, headers[SIGNATURE_HEADER])
    assert headers["Content-Type"] == "application/json"
    delivery = parse_delivery(body)
    assert (delivery.type, delivery.video_id, delivery.live_stream_id) == (
        "video.source.recorded",
        "vi42",
        EVENT_FIELDS["video.source.recorded"]["liveStreamId"],
    )
    assert delivery.emitted_at is not None


@pytest.mark.parametrize("event_type", list(EVENT_FIELDS))
async def test_every_event_type_is_deliverable_and_parses(
    apivideo_sim: ApiVideoSimulator, receiver: Receiver, event_type: str
) -> None:
    apivideo_sim.add_webhook([event_type], receiver.url)
    await apivideo_sim.emit(event_type)
    [(_, body)] = receiver.received
    assert parse_delivery(body).payload.items() >= EVENT_FIELDS[event_type].items()


async def test_failures_are_retried_three_times_with_the_delay(
    apivideo_sim: ApiVideoSimulator, receiver: Receiver, sim_sleeps: Sleeps
) -> None:
    apivideo_sim.add_webhook(["live-stream.broadcast.ended"], receiver.url)
    receiver.statuses = [500, 300, 404, 503]
    attempts = await apivideo_sim.emit("live-stream.broadcast.ended")
    assert [(a.attempt, a.status, a.ok) for a in attempts] == [
        (1, 500, False),
        (2, 300, False),
        (3, 404, False),
        (4, 503, False),
    ]
    assert sim_sleeps.delays == [3.0, 3.0, 3.0]
    assert len({body for _, body in receiver.received}) == 1  # retries resend the same bytes


async def test_retry_stops_at_the_first_success(
    apivideo_sim: ApiVideoSimulator, receiver: Receiver, sim_sleeps: Sleeps
) -> None:
    apivideo_sim.retry_delay = 0.5
    apivideo_sim.add_webhook(["live-stream.broadcast.ended"], receiver.url)
    receiver.statuses = [502, 299]
    attempts = await apivideo_sim.emit("live-stream.broadcast.ended")
    assert [(a.attempt, a.status) for a in attempts] == [(1, 502), (2, 299)]
    assert sim_sleeps.delays == [0.5]


async def test_unreachable_receiver_is_retried_and_reported(
    apivideo_sim: ApiVideoSimulator, sim_sleeps: Sleeps
) -> None:
    apivideo_sim.add_webhook(["live-stream.broadcast.ended"], f"{apivideo_sim.base_url}/nowhere")
    await apivideo_sim.stop()  # nothing listens there any more
    attempts = await apivideo_sim.emit("live-stream.broadcast.ended")
    assert [(a.status, a.error is not None) for a in attempts] == [(None, True)] * 4


async def test_duplicate_and_bad_signature(
    apivideo_sim: ApiVideoSimulator, receiver: Receiver
) -> None:
    hook = apivideo_sim.add_webhook(["video.summary.generated"], receiver.url)
    await apivideo_sim.emit("video.summary.generated", duplicate=True)
    first, second = receiver.received
    assert first[1] == second[1]
    key = parse_delivery(first[1]).dedupe_key(first[0][WEBHOOK_ID_HEADER])
    assert key == parse_delivery(second[1]).dedupe_key(second[0][WEBHOOK_ID_HEADER])

    await apivideo_sim.emit("video.summary.generated", bad_signature=True)
    headers, body = receiver.received[-1]
    assert not verify(hook.signature_secret, body, headers[SIGNATURE_HEADER])


async def test_control_api(apivideo_sim: ApiVideoSimulator, receiver: Receiver) -> None:
    hook = apivideo_sim.add_webhook(["video.caption.generated"], receiver.url)
    async with aiohttp.ClientSession() as http:
        resp = await http.post(
            f"{apivideo_sim.base_url}/_sim/emit",
            json={"type": "video.caption.generated", "fields": {"language": "de"}},
        )
        assert (await resp.json())["attempts"] == [
            {
                "webhookId": hook.webhook_id,
                "url": receiver.url,
                "attempt": 1,
                "status": 204,
                "error": None,
            }
        ]
        assert parse_delivery(receiver.received[0][1]).payload["language"] == "de"

        resp = await http.post(
            f"{apivideo_sim.base_url}/_sim/live-streams", json={"name": "Cam", "broadcasting": True}
        )
        assert resp.status == 201
        state = await (await http.get(f"{apivideo_sim.base_url}/_sim/state")).json()
        assert [s["name"] for s in state["production"]["liveStreams"]] == ["Cam"]
        assert state["sandbox"]["webhooks"] == []

        await http.post(f"{apivideo_sim.base_url}/_sim/throttle", json={"retry_after": 7})
        resp = await http.get(f"{apivideo_sim.base_url}/live-streams")
        assert resp.status == 429
        assert resp.headers["X-RateLimit-Retry-After"] == "7"


@pytest.mark.parametrize(
    "payload", [b"not json", b"[]", b"{}", b'{"type": 5}', b'{"type": "x", "fields": [1]}']
)
async def test_control_emit_rejects_bad_input(
    apivideo_sim: ApiVideoSimulator, payload: bytes
) -> None:
    async with aiohttp.ClientSession() as http:
        resp = await http.post(f"{apivideo_sim.base_url}/_sim/emit", data=payload)
    assert resp.status == 400


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("pageSize=0", "pageSize"),
        ("pageSize=101", "pageSize"),
        ("currentPage=0", "currentPage"),
        ("currentPage=x", "currentPage"),
    ],
)
async def test_bad_pagination_is_a_problem_details_400(
    apivideo_sim: ApiVideoSimulator, query: str, name: str
) -> None:
    auth = {"Authorization": basic_authorization("sim-production-key", "")}
    async with aiohttp.ClientSession() as http:
        resp = await http.get(f"{apivideo_sim.base_url}/webhooks?{query}", headers=auth)
        body = await resp.json()
    assert resp.status == 400
    assert body["status"] == 400
    assert body["name"] == name
    assert "X-RateLimit-Limit" in resp.headers


@pytest.mark.parametrize(
    "auth_header", ["Bearer sim-production-key", "Basic !!!", "Basic " + "c2ltLXByb2R1Y3Rpb24ta2V5"]
)
async def test_bad_credentials_are_401(apivideo_sim: ApiVideoSimulator, auth_header: str) -> None:
    async with aiohttp.ClientSession() as http:
        resp = await http.get(
            f"{apivideo_sim.base_url}/webhooks", headers={"Authorization": auth_header}
        )
    assert resp.status == 401


@pytest.mark.parametrize(
    ("method", "path", "payload", "status"),
    [
        ("GET", "/no-such-thing", None, 404),
        ("POST", "/webhooks", b"not json", 400),
        ("POST", "/webhooks", b"[]", 400),
        ("POST", "/webhooks", b'{"events": [], "url": "https://e.com"}', 400),
        ("POST", "/webhooks", b'{"events": ["video.source.recorded"]}', 400),
    ],
)
async def test_api_errors_are_problem_details(
    apivideo_sim: ApiVideoSimulator, method: str, path: str, payload: bytes | None, status: int
) -> None:
    auth = {"Authorization": basic_authorization("sim-production-key", "")}
    async with aiohttp.ClientSession() as http:
        resp = await http.request(
            method, f"{apivideo_sim.base_url}{path}", data=payload, headers=auth
        )
        body = await resp.json()
    assert resp.status == status
    assert body["status"] == status
    assert body["title"]
    assert resp.headers["X-RateLimit-Remaining"].isdigit()
