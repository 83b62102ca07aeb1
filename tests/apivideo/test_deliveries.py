"""Deliveries from the simulated api.video over real sockets: verification, events, rejections."""

from __future__ import annotations

import json
from typing import Any

from aiohttp.test_utils import TestClient
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.video_pipeline.apivideo.adapter import (
    ApiVideoAdapter,
    SecretBook,
    might_hold_long_integer,
)
from custom_components.video_pipeline.apivideo.client_factory import create_client
from custom_components.video_pipeline.clients.apivideo import EVENT_TYPES, sign
from custom_components.video_pipeline.webhooks import WebhookRequest
from simulator.apivideo import EVENT_FIELDS, ApiVideoSimulator
from tests.account_fixtures import our_tracebacks, webhook_url

EVENT = "video_pipeline_event"
ID_FIELDS = {"videoId": "video_id", "liveStreamId": "live_stream_id"}
TEST_VECTOR_SECRET = "sig_sec_0000000000000000000000"
TEST_VECTOR_BODY = (
    b'{"type":"video.encoding.quality.completed","emittedAt":"2021-01-29T15:46:25.217Z",'
    b'"videoId":"vi0000000000000000000000","liveStreamId":"li0000000000000000000000",'
    b'"encoding":"hls","quality":"720p"}'
)
TEST_VECTOR_SIGNATURE = "27a77d3a7fc626854886b5dbfae4e32c8b0170c1ea1b714c91ba77f1e7774e8c"


def path_of(entry: MockConfigEntry) -> str:
    return f"/api/webhook/{entry.data['webhook_id']}"


def signed_headers(entry: MockConfigEntry, body: bytes) -> dict[str, str]:
    subscription = entry.data["subscription"]
    return {
        "Content-Type": "application/json",
        "X-Api-Video-WebhookID": subscription["webhook_id"],
        "X-Api-Video-Signature": sign(subscription["secret"], body),
    }


async def post(
    client: TestClient, entry: MockConfigEntry, body: bytes, headers: dict[str, str]
) -> int:
    async with client.post(path_of(entry), data=body, headers=headers) as response:
        return response.status


@pytest.mark.parametrize("event_type", EVENT_TYPES)
async def test_each_event_type_fires_one_event(
    hass: HomeAssistant,
    sim: ApiVideoSimulator,
    loaded_entry: MockConfigEntry,
    event_type: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    events = async_capture_events(hass, EVENT)
    attempts = await sim.emit(event_type, extra="kept")
    await hass.async_block_till_done()
    assert [(a.status, a.attempt) for a in attempts] == [(200, 1)]
    assert len(events) == 1
    payload = json.loads(attempts[0].body)
    ids = {ID_FIELDS[k]: v for k, v in EVENT_FIELDS[event_type].items() if k in ID_FIELDS}
    assert events[0].data == {
        "config_entry_id": loaded_entry.entry_id,
        "provider": "api_video",
        "event_type": event_type,
        **ids,
        "payload": payload,
    }
    assert payload["extra"] == "kept"
    assert not our_tracebacks(caplog)


async def test_duplicate_fires_once(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    events = async_capture_events(hass, EVENT)
    attempts = await sim.emit("video.summary.generated", duplicate=True)
    await hass.async_block_till_done()
    assert [a.status for a in attempts] == [200, 200]
    assert len(events) == 1


async def test_repeat_after_reload_fires_nothing(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    events = async_capture_events(hass, EVENT)
    emitted = "2026-03-01T10:00:00.000Z"
    await sim.emit("live-stream.broadcast.started", emittedAt=emitted)
    await hass.async_block_till_done()
    assert len(events) == 1
    assert await hass.config_entries.async_reload(loaded_entry.entry_id)
    await hass.async_block_till_done()
    attempts = await sim.emit("live-stream.broadcast.started", emittedAt=emitted)
    await hass.async_block_till_done()
    assert [a.status for a in attempts] == [200]
    assert len(events) == 1
    # A new event (another time) still fires.
    await sim.emit("live-stream.broadcast.started", emittedAt="2026-03-01T10:05:00.000Z")
    await hass.async_block_till_done()
    assert len(events) == 2


async def test_bad_signature_is_refused(
    hass: HomeAssistant,
    sim: ApiVideoSimulator,
    loaded_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    events = async_capture_events(hass, EVENT)
    attempts = await sim.emit("video.encoding.quality.completed", bad_signature=True)
    await hass.async_block_till_done()
    assert [a.status for a in attempts] == [401] * 4
    assert not events
    assert "the signature does not match the body" in caplog.text
    assert not our_tracebacks(caplog)


async def test_subscription_made_at_vendor_is_looked_up_once(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    events = async_capture_events(hass, EVENT)
    direct = sim.add_webhook(["video.caption.generated"], webhook_url(hass, loaded_entry))
    lookups = f"/webhooks/{direct.webhook_id}"
    attempts = await sim.emit("video.caption.generated")
    await hass.async_block_till_done()
    assert {(a.webhook_id, a.status) for a in attempts} == {
        (direct.webhook_id, 200),
        (loaded_entry.data["subscription"]["webhook_id"], 200),
    }
    assert len(events) == 2  # one per subscription: they are separate deliveries
    assert sum(1 for x in sim.exchanges if x.method == "GET" and x.path == lookups) == 1
    await sim.emit("video.caption.generated", captionId="caption_2")
    await hass.async_block_till_done()
    assert len(events) == 4
    assert sum(1 for x in sim.exchanges if x.method == "GET" and x.path == lookups) == 1


async def test_forged_webhook_id_is_refused_and_remembered(
    hass: HomeAssistant,
    sim: ApiVideoSimulator,
    loaded_entry: MockConfigEntry,
    http_client: TestClient,
    caplog: pytest.LogCaptureFixture,
) -> None:
    events = async_capture_events(hass, EVENT)
    body = b'{"type":"video.summary.generated","videoId":"vi1","summaryId":"su1"}'
    headers = {
        "Content-Type": "application/json",
        "X-Api-Video-WebhookID": "webhook_forged",
        "X-Api-Video-Signature": sign("guess", body),
    }
    assert await post(http_client, loaded_entry, body, headers) == 401
    before = len(sim.exchanges)
    assert await post(http_client, loaded_entry, body, headers) == 401
    assert len(sim.exchanges) == before
    assert [x.path for x in sim.exchanges].count("/webhooks/webhook_forged") == 1
    # An id that is not even a path segment is refused without a lookup.
    headers["X-Api-Video-WebhookID"] = "../webhooks"
    assert await post(http_client, loaded_entry, body, headers) == 401
    assert len(sim.exchanges) == before
    await hass.async_block_till_done()
    assert not events
    assert not our_tracebacks(caplog)


async def test_api_unreachable_during_lookup_answers_503(
    hass: HomeAssistant,
    sim: ApiVideoSimulator,
    loaded_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    events = async_capture_events(hass, EVENT)
    direct = sim.add_webhook(["video.source.recorded"], webhook_url(hass, loaded_entry))
    sim.account().webhooks.pop(loaded_entry.data["subscription"]["webhook_id"])
    await sim.stop()  # the API is down; deliveries still go out
    attempts = await sim.emit("video.source.recorded")
    await hass.async_block_till_done()
    assert [(a.webhook_id, a.status) for a in attempts] == [(direct.webhook_id, 503)] * 4
    assert not events
    assert not our_tracebacks(caplog)
    # The API is back: the retry verifies (a failure is not remembered as "unknown").
    base_url = sim.base_url
    await sim.start(port=int(base_url.rsplit(":", 1)[1]))
    assert sim.base_url == base_url
    attempts = await sim.emit("video.source.recorded")
    await hass.async_block_till_done()
    assert [a.status for a in attempts] == [200]
    assert len(events) == 1


@pytest.mark.parametrize(
    ("drop", "replace"),
    [
        ("X-Api-Video-Signature", None),
        ("X-Api-Video-WebhookID", None),
        (None, ("X-Api-Video-WebhookID", "   ")),
        (None, ("X-Api-Video-WebhookID", "w" * 65)),
        (None, ("X-Api-Video-Signature", "ünïcode")),
    ],
)
async def test_missing_headers_are_refused(
    hass: HomeAssistant,
    sim: ApiVideoSimulator,
    loaded_entry: MockConfigEntry,
    http_client: TestClient,
    caplog: pytest.LogCaptureFixture,
    drop: str | None,
    replace: tuple[str, str] | None,
) -> None:
    events = async_capture_events(hass, EVENT)
    body = b'{"type":"video.summary.generated","videoId":"vi1","summaryId":"su1"}'
    headers = signed_headers(loaded_entry, body)
    if drop:
        del headers[drop]
    if replace:
        headers[replace[0]] = replace[1]
    before = len(sim.exchanges)
    assert await post(http_client, loaded_entry, body, headers) == 401
    assert len(sim.exchanges) == before
    await hass.async_block_till_done()
    assert not events
    assert not our_tracebacks(caplog)


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b'{"type":"video.summary.generated"}', "text/plain", 415),
        (b'{"type": "video.summary', "application/json", 400),
        (b"[1, 2]", "application/json", 422),
        (b'{"type": 3}', "application/json", 422),
        (b'{"type":"video.encoding.quality.completed"}', "application/json", 422),
        (b'{"type":"video.deleted","videoId":7}', "application/json", 422),
        (b'{"type":"x","pad":"' + b"a" * (256 * 1024) + b'"}', "application/json", 413),
    ],
    ids=["content-type", "malformed", "array", "type", "missing-id", "id-type", "oversized"],
)
async def test_bad_bodies_are_refused(
    hass: HomeAssistant,
    sim: ApiVideoSimulator,
    loaded_entry: MockConfigEntry,
    http_client: TestClient,
    caplog: pytest.LogCaptureFixture,
    body: bytes,
    content_type: str,
    status: int,
) -> None:
    events = async_capture_events(hass, EVENT)
    headers = {**signed_headers(loaded_entry, body), "Content-Type": content_type}
    assert await post(http_client, loaded_entry, body, headers) == status
    await hass.async_block_till_done()
    assert not events
    assert not our_tracebacks(caplog)


async def test_unknown_event_type_is_fired_as_is(
    hass: HomeAssistant,
    sim: ApiVideoSimulator,
    loaded_entry: MockConfigEntry,
    http_client: TestClient,
) -> None:
    events = async_capture_events(hass, EVENT)
    payload: dict[str, Any] = {"type": "video.deleted", "videoId": "vi9", "more": [1]}
    body = json.dumps(payload).encode()
    assert await post(http_client, loaded_entry, body, signed_headers(loaded_entry, body)) == 200
    await hass.async_block_till_done()
    assert [e.data for e in events] == [
        {
            "config_entry_id": loaded_entry.entry_id,
            "provider": "api_video",
            "event_type": "video.deleted",
            "video_id": "vi9",
            "payload": payload,
        }
    ]


async def test_notes_test_vector_verifies(hass: HomeAssistant) -> None:
    client = create_client(hass, {"api_key": "unused", "base_url": "http://127.0.0.1:9"})
    adapter = ApiVideoAdapter(SecretBook(client, {"webhook_vector": TEST_VECTOR_SECRET}))
    headers = {
        "X-Api-Video-WebhookID": "webhook_vector",
        "X-Api-Video-Signature": TEST_VECTOR_SIGNATURE,
    }
    request = WebhookRequest(
        body=TEST_VECTOR_BODY, data=json.loads(TEST_VECTOR_BODY), headers=headers, query={}
    )
    result = await adapter(request)
    assert isinstance(result, list)
    assert [(d.event_type, d.video_id, d.live_stream_id) for d in result] == [
        ("video.encoding.quality.completed", "vi0000000000000000000000", "li0000000000000000000000")
    ]
    assert result[0].payload["quality"] == "720p"
    # One byte off and it no longer verifies.
    tampered = WebhookRequest(
        body=TEST_VECTOR_BODY.replace(b"720p", b"721p"), data={}, headers=headers, query={}
    )
    rejection = await adapter(tampered)
    assert not isinstance(rejection, list)
    assert rejection.status == 401


async def test_long_integers_arrive_exact(
    hass: HomeAssistant,
    sim: ApiVideoSimulator,
    loaded_entry: MockConfigEntry,
    http_client: TestClient,
) -> None:
    """HA's decoder would turn integers beyond 64 bits into floats; the event keeps them exact."""
    events = async_capture_events(hass, EVENT)
    body = (
        b'{"type":"video.deleted","videoId":"vi9","big":123456789012345678901,'
        b'"low":[-9223372036854775809],"fits":999999999999999999}'
    )
    assert await post(http_client, loaded_entry, body, signed_headers(loaded_entry, body)) == 200
    await hass.async_block_till_done()
    payload = events[0].data["payload"]
    assert payload["big"] == 123456789012345678901
    assert isinstance(payload["big"], int)
    assert payload["low"] == [-9223372036854775809]
    assert payload["fits"] == 999999999999999999


@pytest.mark.parametrize(
    ("body", "long"),
    [
        (b'{"a":1234567890123456789}', True),
        (b'{"a": -1234567890123456789}', True),
        (b'{"a":[1,\n1234567890123456789]}', True),
        (b"1234567890123456789", True),
        (b'{"a":123456789012345678,"b":-123456789012345678}', False),
        (b'{"videoId":"vi0000000000000000000000"}', False),
        (b'{"a":0.12345678901234567890123}', False),
    ],
    ids=["19-digits", "negative", "in-array", "alone", "18-digits", "in-an-id", "fraction"],
)
def test_long_integer_scan(body: bytes, long: bool) -> None:
    assert might_hold_long_integer(body) is long


async def test_decoded_body_is_used_unless_it_may_hold_long_integers(hass: HomeAssistant) -> None:
    """The receiver's decoded body is reused (one JSON parse a delivery) when it is exact."""
    client = create_client(hass, {"api_key": "unused", "base_url": "http://127.0.0.1:9"})
    adapter = ApiVideoAdapter(SecretBook(client, {"w1": "s1"}))

    async def accepted(body: bytes) -> tuple[dict[str, Any], dict[str, Any]]:
        headers = {"X-Api-Video-WebhookID": "w1", "X-Api-Video-Signature": sign("s1", body)}
        decoded = json.loads(body)
        result = await adapter(WebhookRequest(body=body, data=decoded, headers=headers, query={}))
        assert isinstance(result, list)
        return decoded, dict(result[0].payload) | {"same": result[0].payload is decoded}

    decoded, payload = await accepted(b'{"type":"video.deleted","videoId":"vi9","n":12}')
    assert payload == decoded | {"same": True}
    # A long integer: Python's own parse of the body, not the (here exact too) decoded one.
    decoded, payload = await accepted(b'{"type":"video.deleted","n":12345678901234567890123}')
    assert payload == decoded | {"same": False}
