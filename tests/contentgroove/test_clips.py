"""The ContentGroove clip actions against the simulated API, and the clip from the last media."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
import voluptuous as vol

from custom_components.video_pipeline.clients.contentgroove import Clip
from custom_components.video_pipeline.const import DOMAIN
from custom_components.video_pipeline.contentgroove.services import clip_window
from simulator.contentgroove import ContentGrooveSimulator

ENTRY = "config_entry_id"


async def call(
    hass: HomeAssistant, service: str, data: dict[str, Any], *, response: bool = True
) -> Any:
    return await hass.services.async_call(
        DOMAIN, service, data, blocking=True, return_response=response
    )


async def processed(sim: ContentGrooveSimulator, hass: HomeAssistant, name: str = "Lecture") -> str:
    """A media submitted and processed at the simulator, its delivery handled by HA."""
    media = sim.submit_media(f"https://cdn.example/{name}.mp4", name)
    attempts = await sim.finish_processing(media["id"])
    assert [a.status for a in attempts] == [200]
    await hass.async_block_till_done()
    return str(media["id"])


async def test_create_list_get_delete(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    media_id = await processed(sim, hass)
    target = {ENTRY: loaded_entry.entry_id}
    created = await call(
        hass,
        "contentgroove_create_clip",
        {**target, "media_id": media_id, "start_time": 10, "end_time": "40.5", "name": "Q&A"},
    )
    assert created == {
        "clip_id": created["clip_id"],
        "media_id": media_id,
        "name": "Q&A",
        "start_time": 10.0,
        "end_time": 40.5,
        "rank": None,
        "text": None,
        "url": None,
        "is_processing": True,
    }
    attributes = sim.clips[created["clip_id"]]["attributes"]
    assert (attributes["start_time"], attributes["end_time"]) == (10.0, 40.5)

    listed = await call(hass, "contentgroove_list_clips", {**target, "media_id": media_id})
    assert [c["rank"] for c in listed["clips"]] == [2, 1, 3, None]  # two per page at the sim
    assert (
        listed["clips"][1]["url"]
        == sim.clips[listed["clips"][1]["clip_id"]]["attributes"]["media_file_url"]
    )
    other = await processed(sim, hass, "Other")
    everything = await call(hass, "contentgroove_list_clips", target)
    assert {c["media_id"] for c in everything["clips"]} == {media_id, other}
    assert len(everything["clips"]) == 7

    got = await call(hass, "contentgroove_get_clip", {**target, "clip_id": created["clip_id"]})
    assert got == created
    result = await call(
        hass,
        "contentgroove_delete_clip",
        {**target, "clip_id": created["clip_id"]},
        response=False,
    )
    assert result is None
    assert created["clip_id"] not in sim.clips
    for service in ("contentgroove_get_clip", "contentgroove_delete_clip"):
        with pytest.raises(ServiceValidationError) as err:
            await call(
                hass,
                service,
                {**target, "clip_id": created["clip_id"]},
                response=service.endswith("get_clip"),
            )
        assert err.value.translation_key == "contentgroove_clip_not_found"
        assert err.value.translation_placeholders == {"clip_id": created["clip_id"]}


async def test_create_clip_default_name(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    media_id = await processed(sim, hass)
    result = await call(
        hass,
        "contentgroove_create_clip",
        {ENTRY: loaded_entry.entry_id, "media_id": media_id, "start_time": 0, "end_time": 12.5},
        response=False,
    )
    assert result is None
    [clip] = [c for c in sim.clips.values() if c["attributes"]["rank"] is None]
    assert clip["attributes"]["name"] == "Clip 0-12.5 s"


@pytest.mark.parametrize(
    "data",
    [
        {"start_time": 1, "end_time": 2},
        {"media_id": "1", "end_time": 2},
        {"media_id": "../x", "start_time": 1, "end_time": 2},
        {"media_id": "1", "start_time": -1, "end_time": 2},
        {"media_id": "1", "start_time": "soon", "end_time": 2},
        {"media_id": "1", "start_time": 1, "end_time": 2, "name": ""},
    ],
)
async def test_create_clip_invalid_input(
    hass: HomeAssistant,
    sim: ContentGrooveSimulator,
    loaded_entry: MockConfigEntry,
    data: dict[str, Any],
) -> None:
    with pytest.raises(vol.Invalid):
        await call(hass, "contentgroove_create_clip", {ENTRY: loaded_entry.entry_id, **data})
    assert not sim.clips


async def test_create_clip_ending_before_it_starts(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    media_id = await processed(sim, hass)
    before = dict(sim.clips)
    requests = len(sim.exchanges)
    with pytest.raises(ServiceValidationError) as err:
        await call(
            hass,
            "contentgroove_create_clip",
            {ENTRY: loaded_entry.entry_id, "media_id": media_id, "start_time": 30, "end_time": 30},
        )
    assert err.value.translation_key == "contentgroove_clip_window"
    assert err.value.translation_placeholders == {"start_time": "30", "end_time": "30"}
    assert sim.clips == before
    assert len(sim.exchanges) == requests  # nothing was sent


async def test_clip_refused_by_vendor(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    with pytest.raises(HomeAssistantError) as err:
        await call(
            hass,
            "contentgroove_create_clip",
            {ENTRY: loaded_entry.entry_id, "media_id": "999", "start_time": 0, "end_time": 5},
        )
    assert err.value.translation_key == "contentgroove_request_failed"
    assert "HTTP 422" in err.value.translation_placeholders["error"]


async def test_clip_quota_and_rate_limit(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    media_id = await processed(sim, hass)
    before = dict(sim.clips)
    sim.quota_exceeded = True
    for service, data in (
        ("contentgroove_create_clip", {"media_id": media_id, "start_time": 0, "end_time": 5}),
        ("contentgroove_create_clip_from_last_media", {}),
    ):
        with pytest.raises(HomeAssistantError) as err:
            await call(hass, service, {ENTRY: loaded_entry.entry_id, **data})
        assert err.value.translation_key == "contentgroove_quota"
    assert sim.clips == before
    sim.quota_exceeded = False
    sim.rate_limited = 20
    for service, data in (
        ("contentgroove_list_clips", {}),
        ("contentgroove_get_clip", {"clip_id": next(iter(sim.clips))}),
        ("contentgroove_create_clip_from_last_media", {}),
    ):
        with pytest.raises(HomeAssistantError) as err:
            await call(hass, service, {ENTRY: loaded_entry.entry_id, **data})
        assert err.value.translation_key == "contentgroove_rate_limited"
        assert err.value.translation_placeholders == {"retry_after": "20"}


async def test_clip_from_last_media(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    await processed(sim, hass, "Week 1")
    media_id = await processed(sim, hass, "Week 2")
    # The simulator's best clip (rank 1) runs 12.5-27.5 s of a 93.5 s media.
    [top] = [
        key
        for key, c in sim.clips.items()
        if c["attributes"]["rank"] == 1 and c["relationships"]["media"]["data"]["id"] == media_id
    ]
    result = await call(
        hass, "contentgroove_create_clip_from_last_media", {ENTRY: loaded_entry.entry_id}
    )
    assert result == {
        "clip_id": result["clip_id"],
        "media_id": media_id,
        "name": "Week 2 0-60 s",
        "start_time": 0.0,
        "end_time": 60.0,
        "rank": None,
        "text": None,
        "url": None,
        "is_processing": True,
        "suggested_clip_id": top,
    }
    result = await call(
        hass,
        "contentgroove_create_clip_from_last_media",
        {ENTRY: loaded_entry.entry_id, "window": 10, "name": "Short"},
    )
    assert (result["name"], result["start_time"], result["end_time"]) == ("Short", 15.0, 25.0)
    attributes = sim.clips[result["clip_id"]]["attributes"]
    assert (attributes["start_time"], attributes["end_time"]) == (15.0, 25.0)


async def test_clip_from_last_media_before_any_delivery(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    with pytest.raises(ServiceValidationError) as err:
        await call(
            hass, "contentgroove_create_clip_from_last_media", {ENTRY: loaded_entry.entry_id}
        )
    assert err.value.translation_key == "contentgroove_no_processed_media"
    assert err.value.translation_placeholders == {"name": "ContentGroove"}


async def test_clip_from_last_media_without_suggestions(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    """A delivery whose clips have no times (or no clips at all) gives a clear error."""
    media = sim.submit_media("https://cdn.example/silent.mp4", "Silence")
    sim.medias[media["id"]]["attributes"]["is_processing"] = False
    body = sim.delivery_body(media["id"])
    body["payload"]["included"] = [
        {"id": "c9", "type": "clips", "attributes": {"rank": 1, "start_time": None}}
    ]
    await sim.deliver("media.processing_finished", body)
    await hass.async_block_till_done()
    with pytest.raises(ServiceValidationError) as err:
        await call(
            hass, "contentgroove_create_clip_from_last_media", {ENTRY: loaded_entry.entry_id}
        )
    assert err.value.translation_key == "contentgroove_no_suggested_clip"
    assert err.value.translation_placeholders == {"media": "Silence"}


@pytest.mark.parametrize("window", [0, -5, 3601, "long"])
async def test_clip_from_last_media_invalid_window(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, window: Any
) -> None:
    with pytest.raises(vol.Invalid):
        await call(
            hass,
            "contentgroove_create_clip_from_last_media",
            {ENTRY: loaded_entry.entry_id, "window": window},
        )


def _clip(start: float, end: float) -> Clip:
    return Clip("c", None, start, end, 1, None, None)


@pytest.mark.parametrize(
    ("clip", "window", "duration", "expected"),
    [
        (_clip(100, 110), 60, 600, (75.0, 135.0)),  # centred
        (_clip(5, 15), 60, 600, (0.0, 60.0)),  # kept after the start
        (_clip(580, 590), 60, 600, (540.0, 600.0)),  # kept before the end
        (_clip(10, 20), 60, 30, (0.0, 30.0)),  # a media shorter than the window
        (_clip(580, 590), 60, None, (555.0, 615.0)),  # unknown duration
        (_clip(1, 2), 1 / 3, None, (1.333, 1.667)),
    ],
)
def test_clip_window(
    clip: Clip, window: float, duration: float | None, expected: tuple[float, float]
) -> None:
    assert clip_window(clip, window, duration) == expected
