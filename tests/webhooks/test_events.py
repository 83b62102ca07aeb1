"""The bus event contract, the logbook lines and the account's event entities."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from aiohttp.test_utils import TestClient
from homeassistant.const import STATE_UNKNOWN
from homeassistant.core import Event, HomeAssistant
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.video_pipeline.const import DOMAIN, Provider
from custom_components.video_pipeline.logbook import async_describe_events, describe_event_data
from custom_components.video_pipeline.webhooks import (
    EVENT_VIDEO_PIPELINE,
    AcceptedDelivery,
    build_event_data,
)
from custom_components.video_pipeline.webhooks.event_entity import entity_event_type

from .conftest import HEADERS, SECRET

URL = f"/api/webhook/{SECRET}"
EN_JSON = (
    Path(__file__).parents[2] / "custom_components" / "video_pipeline" / "translations" / "en.json"
)


def test_event_data_carries_exactly_the_documented_fields() -> None:
    delivery = AcceptedDelivery(
        event_type="media.processing_finished",
        payload={"event": "media.processing_finished", "id": "m1"},
        dedupe_key="k",
        media_id="m1",
    )
    assert build_event_data("e1", Provider.CONTENTGROOVE, delivery) == {
        "config_entry_id": "e1",
        "provider": "contentgroove",
        "event_type": "media.processing_finished",
        "media_id": "m1",
        "payload": {"event": "media.processing_finished", "id": "m1"},
    }


def test_every_id_is_included_when_present() -> None:
    delivery = AcceptedDelivery(
        event_type="t", payload={}, video_id="v", live_stream_id="l", media_id="m", item_id="i"
    )
    data = build_event_data("e1", Provider.API_VIDEO, delivery)
    assert [k for k in data if k.endswith("_id")] == [
        "config_entry_id",
        "video_id",
        "live_stream_id",
        "media_id",
        "item_id",
    ]


def test_logbook_names_the_vendor_the_event_and_its_ids() -> None:
    assert describe_event_data(
        {
            "provider": "api_video",
            "event_type": "video.source.recorded",
            "video_id": "vi123",
            "live_stream_id": "li9",
        }
    ) == {"name": "api.video", "message": "video.source.recorded for video vi123, live stream li9"}
    assert describe_event_data({"provider": "clevercast", "event_type": "workflow"}) == {
        "name": "Clevercast",
        "message": "workflow",
    }
    assert describe_event_data({"provider": "someone", "event_type": "x", "item_id": "4"}) == {
        "name": "someone",
        "message": "x for item 4",
    }
    assert describe_event_data({}) == {"name": DOMAIN, "message": "event"}


def test_logbook_describer_is_registered_for_the_bus_event(hass: HomeAssistant) -> None:
    described: list[tuple[str, str, Any]] = []
    async_describe_events(hass, lambda *args: described.append(args))
    [(domain, event_type, describe)] = described
    assert (domain, event_type) == (DOMAIN, EVENT_VIDEO_PIPELINE)
    event = Event(EVENT_VIDEO_PIPELINE, {"provider": "contentgroove", "event_type": "e"})
    assert describe(event) == {"name": "ContentGroove", "message": "e"}


def test_entity_event_types_are_translation_keys() -> None:
    assert entity_event_type("video.encoding.quality.completed") == (
        "video_encoding_quality_completed"
    )
    assert entity_event_type("live-stream.broadcast.started") == "live_stream_broadcast_started"
    assert entity_event_type("Item.Updated") == "item_updated"


async def test_the_event_entity_triggers_for_the_types_it_groups(
    hass: HomeAssistant, client: TestClient, loaded_entry: MockConfigEntry
) -> None:
    entity_id = er.async_get(hass).async_get_entity_id("event", DOMAIN, "acct-1_encoding")
    assert entity_id is not None
    state = hass.states.get(entity_id)
    assert state is not None
    assert state.state == STATE_UNKNOWN
    assert state.attributes["event_types"] == [
        "video_encoding_quality_completed",
        "video_source_recorded",
    ]

    body = {"type": "live-stream.broadcast.started", "liveStreamId": "li1"}
    assert (await client.post(URL, json=body, headers=HEADERS)).status == 200
    await hass.async_block_till_done()
    state = hass.states.get(entity_id)
    assert state is not None
    assert state.state == STATE_UNKNOWN  # not one of its types

    body = {"type": "video.source.recorded", "videoId": "vi1", "liveStreamId": "li1"}
    assert (await client.post(URL, json=body, headers=HEADERS)).status == 200
    await hass.async_block_till_done()
    state = hass.states.get(entity_id)
    assert state is not None
    assert state.state != STATE_UNKNOWN
    assert state.attributes["event_type"] == "video_source_recorded"
    assert state.attributes["vendor_event_type"] == "video.source.recorded"
    assert state.attributes["video_id"] == "vi1"
    assert state.attributes["live_stream_id"] == "li1"
    assert "payload" not in state.attributes


def test_the_repair_is_translated_with_its_placeholders() -> None:
    issue = json.loads(EN_JSON.read_text(encoding="utf-8"))["issues"]["no_public_url"]
    assert "{vendor}" in issue["title"]
    assert "{entry}" in issue["description"]
    assert "external URL" in issue["description"]
