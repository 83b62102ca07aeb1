"""Snapshot of the ContentGroove clip actions' responses."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry
from syrupy.assertion import SnapshotAssertion

from simulator.contentgroove import ContentGrooveSimulator
from tests.snapshots import snapshot_data

from .test_clips import ENTRY, call, processed


async def test_clip_actions(
    hass: HomeAssistant,
    sim: ContentGrooveSimulator,
    loaded_entry: MockConfigEntry,
    snapshot: SnapshotAssertion,
) -> None:
    media_id = await processed(sim, hass)
    target = {ENTRY: loaded_entry.entry_id}
    made = await call(
        hass,
        "contentgroove_create_clip",
        {**target, "media_id": media_id, "name": "Intro", "start_time": 0, "end_time": 12.5},
    )
    around_best = await call(hass, "contentgroove_create_clip_from_last_media", {**target})
    listed = await call(hass, "contentgroove_list_clips", {**target, "media_id": media_id})
    replace = {sim.base_url: "<simulator>", loaded_entry.entry_id: "<entry>"}
    assert snapshot_data(made, replace) == snapshot
    assert snapshot_data(around_best, replace) == snapshot
    assert snapshot_data(listed, replace) == snapshot
