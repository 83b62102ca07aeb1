"""Deliveries from the simulated ContentGroove over real sockets: events, duplicates, rejections."""

from __future__ import annotations

import json
from typing import Any

from aiohttp.test_utils import TestClient
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.video_pipeline.clients.contentgroove import build_delivery
from simulator.contentgroove import ContentGrooveSimulator
from tests.account_fixtures import our_tracebacks

from .conftest import EVENT, processed_media


def path_of(entry: MockConfigEntry) -> str:
    return f"/api/webhook/{entry.data['webhook_id']}"


async def post(
    client: TestClient,
    entry: MockConfigEntry,
    body: bytes,
    content_type: str | None = "application/json",
) -> int:
    headers = {"Content-Type": content_type} if content_type else {}
    async with client.post(path_of(entry), data=body, headers=headers) as response:
        return response.status


async def test_processing_finished_fires_one_event(
    hass: HomeAssistant,
    sim: ContentGrooveSimulator,
    loaded_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The notes' delivery shape (media, clips, transcript), as the simulator sends it."""
    events = async_capture_events(hass, EVENT)
    submitted = sim.submit_media("https://cdn.example/physics-101.mp4", name="Physics 101")
    attempts = await sim.finish_processing(submitted["id"])
    await hass.async_block_till_done()
    assert [(a.status, a.attempt) for a in attempts] == [(200, 1)]
    payload = json.loads(attempts[0].body)
    assert [e.data for e in events] == [
        {
            "config_entry_id": loaded_entry.entry_id,
            "provider": "contentgroove",
            "event_type": "media.processing_finished",
            "media_id": submitted["id"],
            "payload": payload,
        }
    ]
    assert {item["type"] for item in payload["payload"]["included"]} == {
        "clips",
        "transcriptions",
    }
    assert not our_tracebacks(caplog)


async def test_duplicate_deliveries_fire_once(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    events = async_capture_events(hass, EVENT)
    sim.duplicate_deliveries = 2
    submitted = sim.submit_media("https://cdn.example/a.mp4")
    attempts = await sim.finish_processing(submitted["id"])
    await hass.async_block_till_done()
    assert [a.status for a in attempts] == [200, 200, 200]
    assert len(events) == 1


async def test_repeat_after_reload_fires_nothing(
    hass: HomeAssistant,
    sim: ContentGrooveSimulator,
    loaded_entry: MockConfigEntry,
    http_client: TestClient,
) -> None:
    events = async_capture_events(hass, EVENT)
    submitted = sim.submit_media("https://cdn.example/c.mp4")
    await sim.finish_processing(submitted["id"])
    await hass.async_block_till_done()
    assert len(events) == 1
    assert await hass.config_entries.async_reload(loaded_entry.entry_id)
    await hass.async_block_till_done()
    body = json.dumps(sim.delivery_body(submitted["id"])).encode()
    assert await post(http_client, loaded_entry, body) == 200
    await hass.async_block_till_done()
    assert len(events) == 1
    # Another media still fires.
    other = sim.submit_media("https://cdn.example/d.mp4")
    await sim.finish_processing(other["id"])
    await hass.async_block_till_done()
    assert len(events) == 2


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b'{"event":"media.processing_finished"}', "text/plain", 415),
        (b'{"event":"media.processing_finished"}', None, 415),
        (b'{"event": "media.proc', "application/json", 400),
        (b"[1, 2]", "application/json", 422),
        (b'{"payload": {}}', "application/json", 422),
        (b'{"event": 3}', "application/json", 422),
        (b'{"event": "media.processing_finished", "payload": []}', "application/json", 422),
        (b'{"event": "media.processing_finished", "payload": {}}', "application/json", 422),
        (
            b'{"event": "media.processing_finished", "payload": {"data": {"id": [7]}}}',
            "application/json",
            422,
        ),
        (b'{"event":"x","pad":"' + b"a" * (256 * 1024) + b'"}', "application/json", 413),
    ],
    ids=[
        "content-type",
        "no-content-type",
        "truncated",
        "array",
        "no-event",
        "event-type",
        "payload-type",
        "no-media",
        "media-id-type",
        "oversized",
    ],
)
async def test_bad_bodies_are_refused(
    hass: HomeAssistant,
    sim: ContentGrooveSimulator,
    loaded_entry: MockConfigEntry,
    http_client: TestClient,
    caplog: pytest.LogCaptureFixture,
    body: bytes,
    content_type: str | None,
    status: int,
) -> None:
    events = async_capture_events(hass, EVENT)
    assert await post(http_client, loaded_entry, body, content_type) == status
    await hass.async_block_till_done()
    assert not events
    assert not our_tracebacks(caplog)
    assert "Rejected a contentgroove webhook delivery" in caplog.text


async def test_get_is_not_a_delivery(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, http_client: TestClient
) -> None:
    events = async_capture_events(hass, EVENT)
    async with http_client.get(path_of(loaded_entry)) as response:
        assert response.status == 405
    assert not events


async def test_unknown_event_is_fired_as_is(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, http_client: TestClient
) -> None:
    events = async_capture_events(hass, EVENT)
    payload: dict[str, Any] = build_delivery(processed_media("m-new"), event="media.deleted")
    assert await post(http_client, loaded_entry, json.dumps(payload).encode()) == 200
    # An unknown event without a media has no key: each one fires.
    bare = {"event": "account.updated", "payload": {"plan": "pro"}}
    for _ in range(2):
        assert await post(http_client, loaded_entry, json.dumps(bare).encode()) == 200
    await hass.async_block_till_done()
    assert [(e.data["event_type"], e.data.get("media_id")) for e in events] == [
        ("media.deleted", "m-new"),
        ("account.updated", None),
        ("account.updated", None),
    ]
    assert events[1].data["payload"] == bare


async def test_numeric_media_id_is_a_string(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, http_client: TestClient
) -> None:
    """JSON:API ids are strings, but a number is read as one rather than refused."""
    events = async_capture_events(hass, EVENT)
    body = b'{"event": "media.processing_finished", "payload": {"data": {"id": 7}}}'
    assert await post(http_client, loaded_entry, body) == 200
    assert await post(http_client, loaded_entry, body.replace(b"7", b'"7"')) == 200
    await hass.async_block_till_done()
    assert [e.data["media_id"] for e in events] == ["7"]


async def test_strings_for_numbers_are_accepted(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, http_client: TestClient
) -> None:
    """The vendor writes some numbers as strings; the delivery is passed on unchanged."""
    payload = build_delivery(processed_media("m-str"))
    payload["payload"]["data"]["attributes"]["source_file_duration"] = "61.5"
    events = async_capture_events(hass, EVENT)
    assert await post(http_client, loaded_entry, json.dumps(payload).encode()) == 200
    await hass.async_block_till_done()
    assert events[0].data["payload"] == payload
