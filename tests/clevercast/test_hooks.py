"""Item hooks arriving from the simulated Clevercast account over real sockets."""

from __future__ import annotations

import logging

from aiohttp.test_utils import TestClient
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.video_pipeline.clevercast.adapter import clevercast_adapter
from custom_components.video_pipeline.const import DOMAIN
from custom_components.video_pipeline.webhooks import (
    EVENT_VIDEO_PIPELINE,
    Rejection,
    WebhookRequest,
)
from simulator.clevercast import ClevercastSimulator

KINDS = ("item.updated", "item.deleted", "workflow")


def hook_url(entry: MockConfigEntry, kind: str) -> str:
    urls = entry.runtime_data.endpoint.urls
    url = urls[kind]
    assert url is not None
    return str(url)


@pytest.mark.parametrize("kind", KINDS)
async def test_each_hook_kind_fires_one_event(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    clevercast_sim: ClevercastSimulator,
    kind: str,
) -> None:
    events = async_capture_events(hass, EVENT_VIDEO_PIPELINE)
    status = await clevercast_sim.post_item_hook("102", hook_url(loaded_entry, kind))
    await hass.async_block_till_done()
    assert status == 200
    assert [event.data for event in events] == [
        {
            "config_entry_id": loaded_entry.entry_id,
            "provider": "clevercast",
            "event_type": kind,
            "item_id": "102",
            "payload": clevercast_sim.items["102"],
        }
    ]


async def test_the_three_urls_differ_and_hide_the_secret(loaded_entry: MockConfigEntry) -> None:
    urls = [hook_url(loaded_entry, kind) for kind in KINDS]
    assert len(set(urls)) == 3
    assert all(loaded_entry.data["webhook_id"] not in url for url in urls)


async def test_every_repeat_counts(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, clevercast_sim: ClevercastSimulator
) -> None:
    """Clevercast re-sends an item on every change: nothing is deduplicated."""
    events = async_capture_events(hass, EVENT_VIDEO_PIPELINE)
    url = hook_url(loaded_entry, "item.updated")
    for _ in range(3):
        assert await clevercast_sim.post_item_hook("101", url) == 200
    await hass.async_block_till_done()
    assert len(events) == 3


async def test_event_entity_and_sensor_follow_hooks(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, clevercast_sim: ClevercastSimulator
) -> None:
    registry = er.async_get(hass)
    event_id = registry.async_get_entity_id(
        "event", DOMAIN, f"{loaded_entry.unique_id}_item_events"
    )
    sensor_id = registry.async_get_entity_id(
        "sensor", DOMAIN, f"{loaded_entry.unique_id}_last_item"
    )
    assert event_id and sensor_id
    assert hass.states.get(sensor_id).state == "unknown"

    await clevercast_sim.post_item_hook("103", hook_url(loaded_entry, "workflow"))
    await hass.async_block_till_done()

    event = hass.states.get(event_id)
    assert event.attributes["event_type"] == "workflow"
    assert event.attributes["vendor_event_type"] == "workflow"
    assert event.attributes["item_id"] == "103"
    assert event.attributes["event_types"] == ["item_updated", "item_deleted", "workflow"]
    sensor = hass.states.get(sensor_id)
    assert sensor.state == "Closing words"
    assert sensor.attributes["item_id"] == "103"
    assert sensor.attributes["hook"] == "workflow"
    assert sensor.attributes["status"] == "published"
    assert sensor.attributes["updated_at"] == "2026-11-22T09:00:00+00:00"


async def test_sensor_falls_back_to_the_id_and_truncates(
    hass: HomeAssistant,
    ha_client: TestClient,
    loaded_entry: MockConfigEntry,
) -> None:
    sensor_id = er.async_get(hass).async_get_entity_id(
        "sensor", DOMAIN, f"{loaded_entry.unique_id}_last_item"
    )
    path = hook_url(loaded_entry, "item.updated").split("/api/webhook/")[1]
    resp = await ha_client.post(f"/api/webhook/{path}", json={"id": 7})
    assert resp.status == 200
    await hass.async_block_till_done()
    assert hass.states.get(sensor_id).state == "7"
    resp = await ha_client.post(f"/api/webhook/{path}", json={"id": 8, "name": "x" * 400})
    await hass.async_block_till_done()
    assert hass.states.get(sensor_id).state == "x" * 255


@pytest.mark.parametrize(
    ("body", "headers", "status"),
    [
        (b"not json", {"Content-Type": "application/json"}, 400),
        (b"[1, 2]", {"Content-Type": "application/json"}, 422),
        (b'{"name": "no id"}', {"Content-Type": "application/json"}, 422),
        (b'{"id": ""}', {"Content-Type": "application/json"}, 422),
        (b'{"id": 5}', {"Content-Type": "text/plain"}, 415),
        (
            b'{"id": "5", "name": "' + b"x" * 300_000 + b'"}',
            {"Content-Type": "application/json"},
            413,
        ),
    ],
)
async def test_bad_bodies_get_a_4xx_and_no_event(
    hass: HomeAssistant,
    ha_client: TestClient,
    loaded_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
    body: bytes,
    headers: dict[str, str],
    status: int,
) -> None:
    events = async_capture_events(hass, EVENT_VIDEO_PIPELINE)
    path = hook_url(loaded_entry, "item.updated").split("/api/webhook/")[1]
    with caplog.at_level(logging.WARNING):
        resp = await ha_client.post(f"/api/webhook/{path}", data=body, headers=headers)
    await hass.async_block_till_done()
    assert resp.status == status
    assert events == []
    ours = [r for r in caplog.records if r.name.startswith("custom_components.video_pipeline")]
    assert len(ours) == 1
    assert ours[0].exc_info is None


async def test_a_body_without_content_type_is_accepted(
    hass: HomeAssistant, ha_client: TestClient, loaded_entry: MockConfigEntry
) -> None:
    """Clevercast's content type is not documented, so a missing one is fine."""
    events = async_capture_events(hass, EVENT_VIDEO_PIPELINE)
    path = hook_url(loaded_entry, "item.deleted").split("/api/webhook/")[1]
    resp = await ha_client.post(
        f"/api/webhook/{path}", data=b'{"id": 101}', skip_auto_headers=["Content-Type"]
    )
    await hass.async_block_till_done()
    assert resp.status == 200
    assert [event.data["event_type"] for event in events] == ["item.deleted"]


async def test_unload_stops_the_hooks(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, clevercast_sim: ClevercastSimulator
) -> None:
    url = hook_url(loaded_entry, "item.updated")
    events = async_capture_events(hass, EVENT_VIDEO_PIPELINE)
    assert await hass.config_entries.async_unload(loaded_entry.entry_id)
    await clevercast_sim.post_item_hook("101", url)
    await hass.async_block_till_done()
    assert events == []


async def test_the_adapter_needs_a_hook_kind() -> None:
    request = WebhookRequest(body=b'{"id": 1}', data={"id": 1}, headers={}, query={}, kind=None)
    result = await clevercast_adapter(request)
    assert isinstance(result, Rejection)
    assert result.status == 422
