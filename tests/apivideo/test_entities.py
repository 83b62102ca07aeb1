"""Entities of an api.video account: event entities, live-stream and last-encoding sensors."""

from __future__ import annotations

from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNKNOWN
from homeassistant.core import HomeAssistant, State
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    mock_restore_cache,
    mock_restore_cache_with_extra_data,
)

from custom_components.video_pipeline.const import DOMAIN
from simulator.apivideo import ApiVideoSimulator
from tests.account_fixtures import entity_id, setup_entry


def stream_uid(entry: MockConfigEntry, stream_id: str) -> str:
    return f"{entry.unique_id}_live_stream_{stream_id}"


async def test_event_entities_trigger_with_translated_types(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    video = entity_id(hass, "event", f"{loaded_entry.unique_id}_video_events")
    live = entity_id(hass, "event", f"{loaded_entry.unique_id}_live_stream_events")
    assert hass.states.get(video).state == STATE_UNKNOWN
    assert hass.states.get(video).attributes["event_types"] == [
        "video_encoding_quality_completed",
        "video_source_recorded",
        "video_caption_generated",
        "video_summary_generated",
    ]
    assert hass.states.get(live).attributes["event_types"] == [
        "live_stream_broadcast_started",
        "live_stream_broadcast_ended",
    ]
    assert hass.states.get(video).name == "api.video Video events"

    await sim.emit("video.source.recorded", videoId="vi_rec", liveStreamId="li_rec")
    await hass.async_block_till_done()
    state = hass.states.get(video)
    assert state.state != STATE_UNKNOWN
    assert state.attributes["event_type"] == "video_source_recorded"
    assert state.attributes["vendor_event_type"] == "video.source.recorded"
    assert state.attributes["video_id"] == "vi_rec"
    assert state.attributes["live_stream_id"] == "li_rec"
    assert "payload" not in state.attributes
    assert hass.states.get(live).state == STATE_UNKNOWN

    await sim.emit("live-stream.broadcast.ended", liveStreamId="li_rec")
    await hass.async_block_till_done()
    state = hass.states.get(live)
    assert state.attributes["event_type"] == "live_stream_broadcast_ended"
    assert state.attributes["live_stream_id"] == "li_rec"
    assert hass.states.get(video).attributes["event_type"] == "video_source_recorded"


async def test_live_stream_sensors_from_the_stream_list(
    hass: HomeAssistant,
    sim: ApiVideoSimulator,
    entry: MockConfigEntry,
    external_url: str,
) -> None:
    lobby = sim.add_live_stream("Lobby", broadcasting=True)
    stage = sim.add_live_stream("Stage")
    await setup_entry(hass, entry)
    lobby_id = entity_id(hass, "binary_sensor", stream_uid(entry, lobby.live_stream_id))
    stage_id = entity_id(hass, "binary_sensor", stream_uid(entry, stage.live_stream_id))
    assert hass.states.get(lobby_id).state == STATE_ON
    assert hass.states.get(lobby_id).name == "api.video Lobby broadcasting"
    assert hass.states.get(lobby_id).attributes["live_stream_id"] == lobby.live_stream_id
    assert hass.states.get(stage_id).state == STATE_OFF

    await sim.emit("live-stream.broadcast.started", liveStreamId=stage.live_stream_id)
    await hass.async_block_till_done()
    assert hass.states.get(stage_id).state == STATE_ON
    assert hass.states.get(lobby_id).state == STATE_ON
    await sim.emit("live-stream.broadcast.ended", liveStreamId=lobby.live_stream_id)
    await hass.async_block_till_done()
    assert hass.states.get(lobby_id).state == STATE_OFF
    assert hass.states.get(stage_id).state == STATE_ON


async def test_unknown_stream_gets_a_sensor_on_first_delivery(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    registry = er.async_get(hass)
    assert not [
        e
        for e in er.async_entries_for_config_entry(registry, loaded_entry.entry_id)
        if e.domain == "binary_sensor"
    ]
    await sim.emit("live-stream.broadcast.started", liveStreamId="li_new")
    await hass.async_block_till_done()
    new = entity_id(hass, "binary_sensor", stream_uid(loaded_entry, "li_new"))
    assert hass.states.get(new).state == STATE_ON
    assert hass.states.get(new).name == "api.video li_new broadcasting"
    await sim.emit("live-stream.broadcast.ended", liveStreamId="li_new")
    await hass.async_block_till_done()
    assert hass.states.get(new).state == STATE_OFF

    # A recording names a stream without saying whether it broadcasts: unknown until told.
    await sim.emit("video.source.recorded", liveStreamId="li_rec", videoId="vi1")
    await hass.async_block_till_done()
    rec = entity_id(hass, "binary_sensor", stream_uid(loaded_entry, "li_rec"))
    assert hass.states.get(rec).state == STATE_UNKNOWN
    # Nor does a second one: the sensor is not written (a start or an end is, even repeated).
    reported = hass.states.get(new).last_reported
    await sim.emit("video.source.recorded", liveStreamId="li_new", videoId="vi2")
    await hass.async_block_till_done()
    assert hass.states.get(new).last_reported == reported
    await sim.emit("live-stream.broadcast.ended", liveStreamId="li_new")
    await hass.async_block_till_done()
    assert hass.states.get(new).state == STATE_OFF
    assert hass.states.get(new).last_reported > reported
    # Video events without a stream add nothing.
    await sim.emit("video.summary.generated")
    await hass.async_block_till_done()
    sensors = [
        e
        for e in er.async_entries_for_config_entry(registry, loaded_entry.entry_id)
        if e.domain == "binary_sensor"
    ]
    assert len(sensors) == 2


async def test_live_stream_sensors_restored_after_restart(
    hass: HomeAssistant,
    sim: ApiVideoSimulator,
    entry: MockConfigEntry,
    external_url: str,
) -> None:
    listed = sim.add_live_stream("Listed", broadcasting=False)
    entry.add_to_hass(hass)
    registry = er.async_get(hass)
    for stream_id, object_id in (
        ("li_gone", "gone_broadcasting"),
        ("li_off", "off_broadcasting"),
        ("li_dunno", "dunno_broadcasting"),
        (listed.live_stream_id, "listed_broadcasting"),
    ):
        registry.async_get_or_create(
            "binary_sensor",
            DOMAIN,
            stream_uid(entry, stream_id),
            config_entry=entry,
            suggested_object_id=object_id,
        )
    # Another platform's entity in the registry is not a stream.
    registry.async_get_or_create(
        "sensor", DOMAIN, f"{entry.unique_id}_live_stream_x", config_entry=entry
    )
    mock_restore_cache(
        hass,
        [
            State("binary_sensor.gone_broadcasting", STATE_ON),
            State("binary_sensor.off_broadcasting", STATE_OFF),
            State("binary_sensor.dunno_broadcasting", "unavailable"),
            State("binary_sensor.listed_broadcasting", STATE_ON),
        ],
    )
    await setup_entry(hass, entry)
    assert hass.states.get("binary_sensor.gone_broadcasting").state == STATE_ON
    assert hass.states.get("binary_sensor.off_broadcasting").state == STATE_OFF
    assert hass.states.get("binary_sensor.dunno_broadcasting").state == STATE_UNKNOWN
    # What the API says at setup beats the state from before the restart.
    assert hass.states.get("binary_sensor.listed_broadcasting").state == STATE_OFF
    assert hass.states.get("binary_sensor.gone_broadcasting").attributes == {
        "live_stream_id": "li_gone",
        "friendly_name": "api.video li_gone broadcasting",
    }
    # A restored stream is not announced again (no second entity) when it is delivered.
    await sim.emit("live-stream.broadcast.ended", liveStreamId="li_gone")
    await hass.async_block_till_done()
    assert hass.states.get("binary_sensor.gone_broadcasting").state == STATE_OFF
    # Four streams: the sensor-domain registry entry is not mistaken for one.
    assert len(hass.states.async_entity_ids("binary_sensor")) == 4


@pytest.mark.parametrize(
    ("emitted_at", "expected"),
    [
        ("2026-03-01T10:00:00.250Z", "2026-03-01T10:00:00+00:00"),  # HA shows seconds
        ("2026-03-01T10:00:00", "2026-03-01T10:00:00+00:00"),
        ("2026-03-01T11:00:00+01:00", "2026-03-01T10:00:00+00:00"),
    ],
)
async def test_last_encoding_sensor(
    hass: HomeAssistant,
    sim: ApiVideoSimulator,
    loaded_entry: MockConfigEntry,
    emitted_at: str,
    expected: str,
) -> None:
    sensor = entity_id(hass, "sensor", f"{loaded_entry.unique_id}_last_encoding")
    assert hass.states.get(sensor).state == STATE_UNKNOWN
    assert hass.states.get(sensor).attributes["device_class"] == "timestamp"
    await sim.emit(
        "video.encoding.quality.completed",
        videoId="vi_enc",
        encoding="mp4",
        quality="1080p",
        emittedAt=emitted_at,
    )
    await hass.async_block_till_done()
    state = hass.states.get(sensor)
    assert dt_util.parse_datetime(state.state) == dt_util.parse_datetime(expected)
    assert {k: state.attributes[k] for k in ("video_id", "encoding", "quality")} == {
        "video_id": "vi_enc",
        "encoding": "mp4",
        "quality": "1080p",
    }
    # Other events leave it alone.
    await sim.emit("video.summary.generated", videoId="vi_other")
    await hass.async_block_till_done()
    assert hass.states.get(sensor).attributes["video_id"] == "vi_enc"


async def test_last_encoding_without_a_readable_time_uses_arrival(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    sensor = entity_id(hass, "sensor", f"{loaded_entry.unique_id}_last_encoding")
    before = dt_util.utcnow()
    await sim.emit("video.encoding.quality.completed", emittedAt="yesterday-ish")
    await hass.async_block_till_done()
    value = dt_util.parse_datetime(hass.states.get(sensor).state)
    assert value is not None
    assert before.replace(microsecond=0) <= value <= dt_util.utcnow()


async def test_last_encoding_restored(
    hass: HomeAssistant,
    sim: ApiVideoSimulator,
    entry: MockConfigEntry,
    external_url: str,
) -> None:
    entry.add_to_hass(hass)
    er.async_get(hass).async_get_or_create(
        "sensor",
        DOMAIN,
        f"{entry.unique_id}_last_encoding",
        config_entry=entry,
        suggested_object_id="api_video_last_encoding",
    )
    when = "2026-02-02T08:30:00+00:00"
    mock_restore_cache_with_extra_data(
        hass,
        [
            (
                State(
                    "sensor.api_video_last_encoding",
                    when,
                    {
                        "video_id": "vi_old",
                        "encoding": "hls",
                        "quality": "480p",
                        "device_class": "timestamp",
                        "friendly_name": "old name",
                    },
                ),
                {
                    "native_value": {
                        "__type": "<class 'datetime.datetime'>",
                        "isoformat": when,
                    },
                    "native_unit_of_measurement": None,
                },
            )
        ],
    )
    await setup_entry(hass, entry)
    state = hass.states.get("sensor.api_video_last_encoding")
    assert dt_util.parse_datetime(state.state) == dt_util.parse_datetime(when)
    assert state.attributes["video_id"] == "vi_old"
    assert state.attributes["quality"] == "480p"
    assert state.attributes["encoding"] == "hls"
    assert state.attributes["friendly_name"] != "old name"
