"""Each shipped blueprint loads in Home Assistant and fires on a simulated event."""

from __future__ import annotations

from pathlib import Path
import shutil
from typing import Any

from homeassistant.core import HomeAssistant, ServiceCall, SupportsResponse
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service

BLUEPRINTS = Path(__file__).parents[2] / "blueprints" / "automation" / "video_pipeline"
EVENT = "video_pipeline_event"


@pytest.fixture
def blueprint_dir(hass: HomeAssistant, tmp_path: Path) -> Path:
    """Point HA's config dir at a temp dir holding the shipped blueprints."""
    hass.config.config_dir = str(tmp_path)
    target = tmp_path / "blueprints" / "automation" / "video_pipeline"
    shutil.copytree(BLUEPRINTS, target)
    return target


async def use_blueprint(hass: HomeAssistant, name: str, inputs: dict[str, Any]) -> None:
    assert await async_setup_component(
        hass,
        "automation",
        {
            "automation": {
                "alias": name,
                "use_blueprint": {"path": f"video_pipeline/{name}.yaml", "input": inputs},
            }
        },
    )
    await hass.async_block_till_done()
    assert hass.states.get(f"automation.{name}").state == "on"


def notify_action() -> list[dict[str, Any]]:
    return [{"action": "test.notify", "data": {"message": "{{ this is defined }}"}}]


def test_every_blueprint_is_tested() -> None:
    tested = {
        "lecture_hall_capture",
        "apivideo_rendition_ready",
        "apivideo_live_stream_light",
        "contentgroove_clips_ready",
        "clevercast_item_changed",
        "before_scheduled_capture",  # in test_before_scheduled_capture.py
    }
    assert {path.stem for path in BLUEPRINTS.glob("*.yaml")} == tested


async def test_lecture_hall_capture(hass: HomeAssistant, blueprint_dir: Path) -> None:
    turn_on = async_mock_service(hass, "switch", "turn_on")
    turn_off = async_mock_service(hass, "switch", "turn_off")
    alerts = async_mock_service(hass, "test", "unit_unavailable")
    hass.states.async_set("binary_sensor.hall_occupied", "off")
    hass.states.async_set("switch.hall_recording", "off")
    await use_blueprint(
        hass,
        "lecture_hall_capture",
        {
            "trigger_entity": "binary_sensor.hall_occupied",
            "recording_switch": "switch.hall_recording",
            "unavailable_actions": [{"action": "test.unit_unavailable"}],
        },
    )

    hass.states.async_set("binary_sensor.hall_occupied", "on")
    await hass.async_block_till_done()
    assert [call.data["entity_id"] for call in turn_on] == [["switch.hall_recording"]]

    hass.states.async_set("switch.hall_recording", "on")
    hass.states.async_set("binary_sensor.hall_occupied", "off")
    await hass.async_block_till_done()
    assert [call.data["entity_id"] for call in turn_off] == [["switch.hall_recording"]]

    # The unit is unavailable when the next lecture starts: no capture, the alert runs.
    hass.states.async_set("switch.hall_recording", "unavailable")
    hass.states.async_set("binary_sensor.hall_occupied", "on")
    await hass.async_block_till_done()
    assert len(turn_on) == 1
    assert len(alerts) == 1


async def test_lecture_hall_does_not_stop_an_idle_unit(
    hass: HomeAssistant, blueprint_dir: Path
) -> None:
    turn_off = async_mock_service(hass, "switch", "turn_off")
    hass.states.async_set("calendar.hall", "on")
    hass.states.async_set("switch.hall_recording", "off")
    await use_blueprint(
        hass,
        "lecture_hall_capture",
        {"trigger_entity": "calendar.hall", "recording_switch": "switch.hall_recording"},
    )
    hass.states.async_set("calendar.hall", "off")
    await hass.async_block_till_done()
    assert turn_off == []


def rendition(quality: str, encoding: str = "hls", video_id: str = "vi1") -> dict[str, Any]:
    payload = {
        "type": "video.encoding.quality.completed",
        "emittedAt": "2026-11-22T10:00:00Z",
        "videoId": video_id,
        "encoding": encoding,
        "quality": quality,
    }
    return {
        "config_entry_id": "abc",
        "provider": "api_video",
        "event_type": "video.encoding.quality.completed",
        "video_id": video_id,
        "payload": payload,
    }


async def test_rendition_ready(hass: HomeAssistant, blueprint_dir: Path) -> None:
    calls: list[ServiceCall] = async_mock_service(hass, "test", "notify")
    await use_blueprint(
        hass,
        "apivideo_rendition_ready",
        {
            "minimum_quality": "720p",
            "encoding": "hls",
            "actions": [
                {
                    "action": "test.notify",
                    "data": {"message": "{{ video_id }} {{ quality }} {{ encoding }}"},
                }
            ],
        },
    )
    for data in (
        rendition("480p"),
        rendition("720p"),
        rendition("1080p", "mp4"),
        rendition("1080p", video_id="vi2"),
    ):
        hass.bus.async_fire(EVENT, data)
    hass.bus.async_fire(EVENT, {**rendition("1080p"), "provider": "contentgroove"})
    await hass.async_block_till_done()
    assert [call.data["message"] for call in calls] == ["vi1 720p hls", "vi2 1080p hls"]


async def test_live_stream_light(hass: HomeAssistant, blueprint_dir: Path) -> None:
    turn_on = async_mock_service(hass, "homeassistant", "turn_on")
    turn_off = async_mock_service(hass, "homeassistant", "turn_off")
    await use_blueprint(
        hass,
        "apivideo_live_stream_light",
        {"live_stream_id": "li1", "target_entity": "light.on_air"},
    )

    def broadcast(kind: str, stream: str) -> dict[str, Any]:
        event_type = f"live-stream.broadcast.{kind}"
        return {
            "config_entry_id": "abc",
            "provider": "api_video",
            "event_type": event_type,
            "live_stream_id": stream,
            "payload": {"type": event_type, "liveStreamId": stream},
        }

    hass.bus.async_fire(EVENT, broadcast("started", "li2"))
    hass.bus.async_fire(EVENT, broadcast("started", "li1"))
    await hass.async_block_till_done()
    assert [call.data["entity_id"] for call in turn_on] == [["light.on_air"]]
    hass.bus.async_fire(EVENT, broadcast("ended", "li1"))
    await hass.async_block_till_done()
    assert [call.data["entity_id"] for call in turn_off] == [["light.on_air"]]


async def test_contentgroove_clips_ready(hass: HomeAssistant, blueprint_dir: Path) -> None:
    calls = async_mock_service(hass, "test", "notify")
    await use_blueprint(
        hass,
        "contentgroove_clips_ready",
        {
            "actions": [
                {
                    "action": "test.notify",
                    "data": {"message": "{{ media_name }}|{{ clip_count }}|{{ top_clip_url }}"},
                }
            ]
        },
    )
    payload = {
        "event": "media.processing_finished",
        "payload": {
            "data": {"id": "m1", "type": "media", "attributes": {"name": "Physics 101"}},
            "included": [
                {"id": "c2", "type": "clip", "attributes": {"rank": 2, "media_file_url": "u2"}},
                {"id": "c1", "type": "clip", "attributes": {"rank": 1, "media_file_url": "u1"}},
                {"id": "t1", "type": "transcription", "attributes": {"text": "hello"}},
            ],
        },
    }
    hass.bus.async_fire(
        EVENT,
        {
            "config_entry_id": "abc",
            "provider": "contentgroove",
            "event_type": "media.processing_finished",
            "media_id": "m1",
            "payload": payload,
        },
    )
    empty = {"event": "media.processing_finished", "payload": {"data": {"id": "m2"}}}
    hass.bus.async_fire(
        EVENT,
        {
            "config_entry_id": "abc",
            "provider": "contentgroove",
            "event_type": "media.processing_finished",
            "media_id": "m2",
            "payload": empty,
        },
    )
    # As ContentGroove (and the simulator) write it: plural type, a rank as a string.
    vendor = {
        "event": "media.processing_finished",
        "payload": {
            "data": {"id": "m3", "type": "medias", "attributes": {"name": "Week 3"}},
            "included": [
                {"id": "c5", "type": "clips", "attributes": {"media_file_url": "u5"}},
                {"id": "c3", "type": "clips", "attributes": {"rank": "2", "media_file_url": "u3"}},
                {"id": "c4", "type": "clips", "attributes": {"rank": 1, "media_file_url": "u4"}},
                {"id": "t3", "type": "transcriptions", "attributes": {"text": "hi"}},
            ],
        },
    }
    hass.bus.async_fire(
        EVENT,
        {
            "config_entry_id": "abc",
            "provider": "contentgroove",
            "event_type": "media.processing_finished",
            "media_id": "m3",
            "payload": vendor,
        },
    )
    await hass.async_block_till_done()
    assert [call.data["message"] for call in calls] == [
        "Physics 101|2|u1",
        "|0|",
        "Week 3|3|u4",
    ]


async def test_contentgroove_clips_ready_makes_a_clip(
    hass: HomeAssistant, blueprint_dir: Path
) -> None:
    """With a clip length, the clip is made first and the actions see it."""
    made = async_mock_service(
        hass,
        "video_pipeline",
        "contentgroove_create_clip_from_last_media",
        response={"clip_id": "c9", "name": "Week 3 0-45 s", "start_time": 0.0, "end_time": 45.0},
        supports_response=SupportsResponse.OPTIONAL,
    )
    calls = async_mock_service(hass, "test", "notify")
    await use_blueprint(
        hass,
        "contentgroove_clips_ready",
        {
            "clip_window": 45,
            "actions": [
                {
                    "action": "test.notify",
                    "data": {"message": "{{ media_name }}|{{ clip.clip_id }}|{{ clip.end_time }}"},
                }
            ],
        },
    )
    payload = {
        "event": "media.processing_finished",
        "payload": {"data": {"id": "m3", "type": "medias", "attributes": {"name": "Week 3"}}},
    }
    hass.bus.async_fire(
        EVENT,
        {
            "config_entry_id": "abc",
            "provider": "contentgroove",
            "event_type": "media.processing_finished",
            "media_id": "m3",
            "payload": payload,
        },
    )
    await hass.async_block_till_done()
    assert [call.data for call in made] == [{"config_entry_id": "abc", "window": 45}]
    assert [call.data["message"] for call in calls] == ["Week 3|c9|45.0"]


async def test_clevercast_item_changed(hass: HomeAssistant, blueprint_dir: Path) -> None:
    calls = async_mock_service(hass, "test", "notify")
    await use_blueprint(
        hass,
        "clevercast_item_changed",
        {
            "changes": ["item.deleted"],
            "actions": [
                {
                    "action": "test.notify",
                    "data": {"message": "{{ change }} {{ item_id }} {{ item_name }}"},
                }
            ],
        },
    )
    for change in ("item.updated", "item.deleted", "workflow"):
        hass.bus.async_fire(
            EVENT,
            {
                "config_entry_id": "abc",
                "provider": "clevercast",
                "event_type": change,
                "item_id": "42",
                "payload": {"id": 42, "name": "Keynote"},
            },
        )
    await hass.async_block_till_done()
    assert [call.data["message"] for call in calls] == ["item.deleted 42 Keynote"]
