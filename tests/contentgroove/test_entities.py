"""Entities of a ContentGroove account: the media event entity and the last-media sensor."""

from __future__ import annotations

import json
from typing import Any
from unittest.mock import patch

from aiohttp.test_utils import TestClient
from homeassistant.const import STATE_UNKNOWN
from homeassistant.core import HomeAssistant, State
from homeassistant.helpers import device_registry as dr, entity_registry as er
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    mock_restore_cache_with_extra_data,
)

from custom_components.video_pipeline.clients.contentgroove import (
    Delivery,
    build_delivery,
    parse_delivery,
)
from custom_components.video_pipeline.const import DOMAIN
from custom_components.video_pipeline.contentgroove import (
    adapter as adapter_module,
    sensor as sensor_module,
)
from custom_components.video_pipeline.webhooks import AcceptedDelivery
from simulator.contentgroove import ContentGrooveSimulator
from tests.account_fixtures import entity_id, setup_entry
from tests.ha_compat import device_of

from .conftest import processed_media


async def test_device_is_a_service(hass: HomeAssistant, loaded_entry: MockConfigEntry) -> None:
    device = device_of(hass, (DOMAIN, loaded_entry.unique_id))
    assert device is not None
    assert (device.manufacturer, device.model, device.entry_type) == (
        "ContentGroove",
        "Account",
        dr.DeviceEntryType.SERVICE,
    )


async def test_event_entity_triggers_with_translated_type(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    event = entity_id(hass, "event", f"{loaded_entry.unique_id}_media_events")
    assert hass.states.get(event).state == STATE_UNKNOWN
    assert hass.states.get(event).attributes["event_types"] == ["media_processing_finished"]
    assert hass.states.get(event).name == "ContentGroove Media events"
    submitted = sim.submit_media("https://cdn.example/e.mp4", name="Week 3")
    await sim.finish_processing(submitted["id"])
    await hass.async_block_till_done()
    state = hass.states.get(event)
    assert state.state != STATE_UNKNOWN
    assert state.attributes["event_type"] == "media_processing_finished"
    assert state.attributes["vendor_event_type"] == "media.processing_finished"
    assert state.attributes["media_id"] == submitted["id"]
    assert "payload" not in state.attributes


async def test_last_media_sensor_names_media_and_best_clip(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    sensor = entity_id(hass, "sensor", f"{loaded_entry.unique_id}_last_media")
    assert hass.states.get(sensor).state == STATE_UNKNOWN
    submitted = sim.submit_media("https://cdn.example/f.mp4", name="Physics 101")
    await sim.finish_processing(submitted["id"])
    await hass.async_block_till_done()
    state = hass.states.get(sensor)
    assert state.state == "Physics 101"
    best = next(clip for clip in sim.clips.values() if str(clip["attributes"]["rank"]) == "1")
    assert {
        key: state.attributes[key]
        for key in ("media_id", "clip_count", "duration", "top_clip_name", "top_clip_url")
    } == {
        "media_id": submitted["id"],
        "clip_count": 3,
        "duration": 93.5,
        "top_clip_name": "Physics 101 #1",
        "top_clip_url": best["attributes"]["media_file_url"],
    }


async def test_last_media_without_name_or_clips(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, http_client: TestClient
) -> None:
    sensor = entity_id(hass, "sensor", f"{loaded_entry.unique_id}_last_media")
    body = build_delivery(processed_media("m-9", name=None, duration=None))
    async with http_client.post(
        f"/api/webhook/{loaded_entry.data['webhook_id']}",
        data=json.dumps(body),
        headers={"Content-Type": "application/json"},
    ) as response:
        assert response.status == 200
    await hass.async_block_till_done()
    state = hass.states.get(sensor)
    assert state.state == "m-9"
    assert state.attributes["clip_count"] == 0
    assert state.attributes["top_clip_name"] is None
    assert state.attributes["duration"] is None


async def test_a_delivery_is_parsed_once(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, http_client: TestClient
) -> None:
    """The adapter's parse travels with the delivery: the sensor and the entry reuse it."""
    sensor = entity_id(hass, "sensor", f"{loaded_entry.unique_id}_last_media")
    body = build_delivery(processed_media("m-11", name="Once"))
    parses: list[Delivery] = []

    def parse(data: Any) -> Delivery:
        parses.append(parse_delivery(data))
        return parses[-1]

    with patch.object(adapter_module, "parse_delivery", side_effect=parse):
        async with http_client.post(
            f"/api/webhook/{loaded_entry.data['webhook_id']}",
            data=json.dumps(body),
            headers={"Content-Type": "application/json"},
        ) as response:
            assert response.status == 200
        await hass.async_block_till_done()
    assert hass.states.get(sensor).state == "Once"
    assert len(parses) == 1
    assert loaded_entry.runtime_data.last_delivery is parses[0]


def test_the_sensor_parses_a_delivery_without_the_adapters_parse() -> None:
    body = build_delivery(processed_media("m-12", name="Alone"))
    delivery = AcceptedDelivery(event_type="media.processing_finished", payload=body)
    assert sensor_module.LAST_MEDIA.value_fn(delivery) == "Alone"
    assert sensor_module.LAST_MEDIA.attributes_fn(delivery)["media_id"] == "m-12"


async def test_last_media_long_name_is_cut_to_a_state(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, http_client: TestClient
) -> None:
    sensor = entity_id(hass, "sensor", f"{loaded_entry.unique_id}_last_media")
    body = build_delivery(processed_media("m-10", name="n" * 400))
    async with http_client.post(
        f"/api/webhook/{loaded_entry.data['webhook_id']}",
        data=json.dumps(body),
        headers={"Content-Type": "application/json"},
    ) as response:
        assert response.status == 200
    await hass.async_block_till_done()
    assert hass.states.get(sensor).state == "n" * 255


async def test_last_media_restored(
    hass: HomeAssistant, sim: ContentGrooveSimulator, entry: MockConfigEntry, external_url: str
) -> None:
    entry.add_to_hass(hass)
    er.async_get(hass).async_get_or_create(
        "sensor",
        DOMAIN,
        f"{entry.unique_id}_last_media",
        config_entry=entry,
        suggested_object_id="contentgroove_last_processed_media",
    )
    mock_restore_cache_with_extra_data(
        hass,
        [
            (
                State(
                    "sensor.contentgroove_last_processed_media",
                    "Old lecture",
                    {"media_id": "m-old", "clip_count": 4, "top_clip_name": "Old #1"},
                ),
                {"native_value": "Old lecture", "native_unit_of_measurement": None},
            )
        ],
    )
    await setup_entry(hass, entry)
    state = hass.states.get("sensor.contentgroove_last_processed_media")
    assert state.state == "Old lecture"
    assert state.attributes["media_id"] == "m-old"
    assert state.attributes["clip_count"] == 4
    assert state.attributes["top_clip_name"] == "Old #1"
