"""The generic webhook handler over HA's real HTTP server: status codes, dedupe, events."""

from __future__ import annotations

from collections.abc import AsyncIterator
from http import HTTPStatus
import json
import logging
from typing import Any

from aiohttp.test_utils import TestClient
from homeassistant.const import CONF_WEBHOOK_ID
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from homeassistant.util.aiohttp import MockRequest
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.video_pipeline.const import DOMAIN, Provider
from custom_components.video_pipeline.webhooks import (
    EVENT_VIDEO_PIPELINE,
    MAX_BODY_BYTES,
    async_setup_webhooks,
)
from custom_components.video_pipeline.webhooks.cloudhooks import (
    active_subscription,
    async_get_cloudhook,
)
from custom_components.video_pipeline.webhooks.receiver import (
    DeliveryReceiver,
    RateLimitedLog,
    is_json_media_type,
    media_type,
)

from .conftest import HEADERS, SECRET, fake_adapter

URL = f"/api/webhook/{SECRET}"
DELIVERY = {"type": "video.encoding.quality.completed", "id": "d1", "videoId": "vi123"}


async def post(client: TestClient, body: Any, headers: dict[str, str] = HEADERS) -> int:
    """POST a JSON-serialisable body (or raw bytes) and return the status."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    resp = await client.post(URL, data=data, headers=headers)
    return resp.status


async def test_valid_delivery_fires_one_event_with_the_contract_fields(
    hass: HomeAssistant, client: TestClient, loaded_entry: MockConfigEntry
) -> None:
    events = async_capture_events(hass, EVENT_VIDEO_PIPELINE)
    assert await post(client, DELIVERY) == HTTPStatus.OK
    await hass.async_block_till_done()
    assert [e.data for e in events] == [
        {
            "config_entry_id": loaded_entry.entry_id,
            "provider": "api_video",
            "event_type": "video.encoding.quality.completed",
            "video_id": "vi123",
            "payload": DELIVERY,
        }
    ]


async def test_the_same_delivery_twice_fires_once(hass: HomeAssistant, client: TestClient) -> None:
    events = async_capture_events(hass, EVENT_VIDEO_PIPELINE)
    assert await post(client, DELIVERY) == HTTPStatus.OK
    assert await post(client, DELIVERY) == HTTPStatus.OK
    assert await post(client, {**DELIVERY, "id": "d2"}) == HTTPStatus.OK
    await hass.async_block_till_done()
    assert len(events) == 2


async def test_deliveries_without_a_dedupe_key_always_fire(
    hass: HomeAssistant, client: TestClient
) -> None:
    events = async_capture_events(hass, EVENT_VIDEO_PIPELINE)
    item = {"type": "item.updated"}
    assert await post(client, item) == HTTPStatus.OK
    assert await post(client, item) == HTTPStatus.OK
    await hass.async_block_till_done()
    assert len(events) == 2


@pytest.mark.parametrize(
    ("body", "headers", "status"),
    [
        (b"{not json", HEADERS, HTTPStatus.BAD_REQUEST),
        (b"\xff\xfe", HEADERS, HTTPStatus.BAD_REQUEST),
        (DELIVERY, {**HEADERS, "Content-Type": "text/plain"}, HTTPStatus.UNSUPPORTED_MEDIA_TYPE),
        (
            DELIVERY,
            {**HEADERS, "Content-Type": "application/x-www-form-urlencoded"},
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
        ),
        (DELIVERY, {**HEADERS, "X-Test-Signature": "forged"}, HTTPStatus.UNAUTHORIZED),
        ([1, 2], HEADERS, HTTPStatus.UNPROCESSABLE_ENTITY),
        ({"type": 5}, HEADERS, HTTPStatus.UNPROCESSABLE_ENTITY),
    ],
    ids=["bad-json", "not-utf8", "text", "form", "unsigned", "array", "shape"],
)
async def test_bad_deliveries_get_a_4xx_one_log_line_and_no_event(
    hass: HomeAssistant,
    client: TestClient,
    caplog: pytest.LogCaptureFixture,
    body: Any,
    headers: dict[str, str],
    status: HTTPStatus,
) -> None:
    events = async_capture_events(hass, EVENT_VIDEO_PIPELINE)
    caplog.set_level(logging.DEBUG)
    assert await post(client, body, headers) == status
    await hass.async_block_till_done()
    assert events == []
    rejections = [r for r in caplog.records if "Rejected a api_video" in r.getMessage()]
    assert len(rejections) == 1
    assert rejections[0].levelno == logging.WARNING
    assert f"HTTP {int(status)}" in rejections[0].getMessage()
    assert "Traceback" not in caplog.text


async def test_missing_content_type_is_refused(client: TestClient) -> None:
    resp = await client.post(URL, data=b"{}", headers={"Content-Type": ""})
    assert resp.status == HTTPStatus.UNSUPPORTED_MEDIA_TYPE


async def test_json_suffix_types_and_parameters_are_accepted(
    hass: HomeAssistant, client: TestClient
) -> None:
    events = async_capture_events(hass, EVENT_VIDEO_PIPELINE)
    headers = {**HEADERS, "Content-Type": "Application/Vnd.Vendor+JSON; charset=utf-8"}
    assert await post(client, DELIVERY, headers) == HTTPStatus.OK
    await hass.async_block_till_done()
    assert len(events) == 1


async def test_a_body_over_the_cap_is_refused_with_413(
    hass: HomeAssistant, client: TestClient
) -> None:
    events = async_capture_events(hass, EVENT_VIDEO_PIPELINE)
    big = {**DELIVERY, "padding": "x" * MAX_BODY_BYTES}
    assert await post(client, big) == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    await hass.async_block_till_done()
    assert events == []


async def test_a_chunked_body_over_the_cap_is_refused(client: TestClient) -> None:
    """No Content-Length to trust: the receiver stops reading past the cap."""

    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"type": "video.source.recorded", "padding": "'
        for _ in range(8):
            yield b"x" * (MAX_BODY_BYTES // 4)
        yield b'"}'

    resp = await client.post(URL, data=chunks(), headers=HEADERS)
    assert resp.status == HTTPStatus.REQUEST_ENTITY_TOO_LARGE


async def test_a_body_exactly_at_the_cap_is_accepted(
    hass: HomeAssistant, client: TestClient
) -> None:
    head = json.dumps({**DELIVERY, "padding": ""}).encode()
    body = head[:-2] + b"x" * (MAX_BODY_BYTES - len(head)) + head[-2:]
    assert len(body) == MAX_BODY_BYTES
    assert await post(client, body) == HTTPStatus.OK


async def test_get_is_not_allowed(client: TestClient) -> None:
    resp = await client.get(URL)
    assert resp.status == HTTPStatus.METHOD_NOT_ALLOWED


async def test_cloudhook_requests_and_a_missing_content_type_when_allowed(
    hass: HomeAssistant,
) -> None:
    """HA Cloud relays cloudhooks as MockRequest; some vendors send no content type."""
    events = async_capture_events(hass, EVENT_VIDEO_PIPELINE)
    receiver = DeliveryReceiver(
        entry_id="e1",
        provider=Provider.CLEVERCAST,
        adapter=fake_adapter,
        dedupe=None,
        allow_missing_content_type=True,
    )
    request = MockRequest(
        content=json.dumps({"type": "item.deleted"}).encode(),
        mock_source="cloud",
        method="POST",
        headers={"X-Test-Signature": "good"},
    )
    resp = await receiver.async_handle(hass, request, "item.deleted")  # type: ignore[arg-type]  # MockRequest duck-types aiohttp's
    assert resp.status == HTTPStatus.OK
    await hass.async_block_till_done()
    assert [e.data["provider"] for e in events] == ["clevercast"]


async def test_rejection_logging_is_rate_limited(caplog: pytest.LogCaptureFixture) -> None:
    now = [100.0]
    log = RateLimitedLog(interval=60.0, clock=lambda: now[0])
    for _ in range(3):
        log.log(logging.WARNING, "Rejected %s", "x")
    now[0] += 59.0
    log.log(logging.WARNING, "Rejected %s", "x")
    now[0] += 1.0
    log.log(logging.WARNING, "Rejected %s", "y")
    log.log(logging.WARNING, "Rejected %s", "z")
    assert [r.getMessage() for r in caplog.records] == [
        "Rejected x",
        "Rejected y (3 similar rejections not logged)",
    ]


def test_media_type_parsing() -> None:
    assert media_type({"Content-Type": " Application/JSON ; charset=utf-8"}) == "application/json"
    assert media_type({"Content-Type": ";"}) is None
    assert media_type({}) is None
    assert is_json_media_type("application/problem+json")
    assert not is_json_media_type("application/jsonp")
    assert not is_json_media_type(None)


async def test_vendors_without_retries_can_turn_dedupe_off(
    hass: HomeAssistant, hass_client_no_auth: Any, external_url: str
) -> None:
    assert await async_setup_component(hass, "webhook", {})
    entry = MockConfigEntry(domain=DOMAIN, data={CONF_WEBHOOK_ID: SECRET})
    entry.add_to_hass(hass)
    endpoint = await async_setup_webhooks(
        hass,
        entry,
        provider=Provider.CLEVERCAST,
        vendor_name="Clevercast",
        adapter=fake_adapter,
        dedupe=False,
    )
    events = async_capture_events(hass, EVENT_VIDEO_PIPELINE)
    client = await hass_client_no_auth()
    assert await post(client, DELIVERY) == HTTPStatus.OK
    assert await post(client, DELIVERY) == HTTPStatus.OK
    await hass.async_block_till_done()
    assert len(events) == 2
    await endpoint.async_stop()


async def test_no_cloudhook_without_the_cloud(hass: HomeAssistant) -> None:
    assert await async_get_cloudhook(hass, SECRET) is None
    assert not active_subscription(hass)
