"""Cognitive3D project and scene sensors against the simulated API."""

from __future__ import annotations

from datetime import timedelta

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_time_changed

from custom_components.video_pipeline.const import DOMAIN
from simulator.cognitive3d import Cognitive3DSimulator
from tests.ha_compat import device_of


async def setup_entry(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()


async def advance(hass: HomeAssistant, freezer: FrozenDateTimeFactory, minutes: int = 15) -> None:
    freezer.tick(timedelta(minutes=minutes))
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)


async def test_project_sensors(
    hass: HomeAssistant,
    cognitive3d_sim: Cognitive3DSimulator,
    cognitive3d_entry: MockConfigEntry,
) -> None:
    await setup_entry(hass, cognitive3d_entry)
    assert cognitive3d_entry.state is ConfigEntryState.LOADED
    now = dt_util.utcnow()
    sessions = [s for s in cognitive3d_sim.sessions if s.project_id == 1001]
    real = [s for s in sessions if not s.tags]

    assert hass.states.get("sensor.forklift_safety_total_sessions").state == str(len(sessions))
    day = [s for s in real if s.date >= now - timedelta(days=1)]
    week = [s for s in real if s.date >= now - timedelta(days=7)]
    assert hass.states.get("sensor.forklift_safety_sessions_in_the_last_24_hours").state == str(
        len(day)
    )
    assert hass.states.get("sensor.forklift_safety_sessions_in_the_last_7_days").state == str(
        len(week)
    )
    latest = hass.states.get("sensor.forklift_safety_latest_session")
    # Timestamp states are shown to the second.
    newest = max(s.date for s in sessions)
    assert dt_util.parse_datetime(latest.state) == newest.replace(microsecond=0)
    average = hass.states.get("sensor.forklift_safety_average_session_duration")
    expected_minutes = sum(s.duration_ms for s in sessions) / len(sessions) / 60000
    assert float(average.state) == pytest.approx(expected_minutes)
    assert average.attributes["unit_of_measurement"] == "min"

    warehouse = [s for s in sessions if s.scene_id == "sc-warehouse"]
    assert hass.states.get("sensor.forklift_safety_warehouse_sessions").state == str(len(warehouse))
    assert hass.states.get("sensor.forklift_safety_warehouse_latest_session") is not None

    device = device_of(hass, (DOMAIN, "cognitive3d_42_1001"))
    assert device is not None
    assert device.name == "Forklift Safety"
    assert device.manufacturer == "Cognitive3D"


async def test_recent_counts_leave_out_test_and_junk_sessions(
    hass: HomeAssistant,
    cognitive3d_sim: Cognitive3DSimulator,
    cognitive3d_entry: MockConfigEntry,
) -> None:
    now = dt_util.utcnow()
    for hours, tags in [
        (1, []),
        (1, ["test"]),
        (2, ["junk"]),
        (3, ["test", "junk"]),
        (30, ["junk"]),
        (50, []),
        (200, []),  # older than 7 days
    ]:
        cognitive3d_sim.add_session(
            1002, "sc-theatre", date=now - timedelta(hours=hours), tags=tags
        )
    await setup_entry(hass, cognitive3d_entry)
    sessions = [s for s in cognitive3d_sim.sessions if s.project_id == 1002]

    def recent(days: int, *, tagged: bool) -> int:
        since = now - timedelta(days=days)
        return len([s for s in sessions if s.date >= since and (tagged or not s.tags)])

    assert recent(1, tagged=True) - recent(1, tagged=False) >= 3
    assert recent(7, tagged=True) - recent(7, tagged=False) >= 4
    assert hass.states.get("sensor.surgery_prep_sessions_in_the_last_24_hours").state == str(
        recent(1, tagged=False)
    )
    assert hass.states.get("sensor.surgery_prep_sessions_in_the_last_7_days").state == str(
        recent(7, tagged=False)
    )
    # The total over the scenes' statistics still counts every session.
    assert hass.states.get("sensor.surgery_prep_total_sessions").state == str(len(sessions))


async def test_projects_come_and_go_without_reload(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    cognitive3d_sim: Cognitive3DSimulator,
    cognitive3d_entry: MockConfigEntry,
) -> None:
    await setup_entry(hass, cognitive3d_entry)
    assert hass.states.get("sensor.driving_total_sessions") is None

    cognitive3d_sim.add_project(1003, "Driving", {"sc-road": "Road"})
    cognitive3d_sim.add_session(1003, "sc-road")
    await advance(hass, freezer)
    assert hass.states.get("sensor.driving_total_sessions").state == "1"

    cognitive3d_sim.remove_project(1002)
    await advance(hass, freezer)
    assert device_of(hass, (DOMAIN, "cognitive3d_42_1002")) is None
    assert hass.states.get("sensor.surgery_prep_total_sessions") is None
    assert er.async_get(hass).async_get("sensor.surgery_prep_total_sessions") is None


async def test_many_scenes_disable_scene_sensors_by_default(
    hass: HomeAssistant,
    cognitive3d_sim: Cognitive3DSimulator,
    cognitive3d_entry: MockConfigEntry,
) -> None:
    cognitive3d_sim.add_project(1004, "Museum", {f"sc-{i}": f"Room {i}" for i in range(6)})
    await setup_entry(hass, cognitive3d_entry)
    entity = er.async_get(hass).async_get("sensor.museum_room_0_sessions")
    assert entity is not None
    assert entity.disabled_by is er.RegistryEntryDisabler.INTEGRATION
    assert hass.states.get("sensor.forklift_safety_dock_sessions") is not None


async def test_one_failure_is_tolerated_then_unavailable_then_recovers(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    cognitive3d_sim: Cognitive3DSimulator,
    cognitive3d_entry: MockConfigEntry,
) -> None:
    cognitive3d_entry.add_to_hass(hass)
    await hass.config_entries.async_setup(cognitive3d_entry.entry_id)
    await hass.async_block_till_done()
    runtime = cognitive3d_entry.runtime_data
    runtime.client._retry_delays = ()  # no backoff in this test: fail at once
    entity_id = "sensor.forklift_safety_total_sessions"
    before = hass.states.get(entity_id).state

    cognitive3d_sim.fail_next.extend([503])
    await advance(hass, freezer)
    assert hass.states.get(entity_id).state == before  # first failure: last data kept

    cognitive3d_sim.fail_next.extend([503])
    await advance(hass, freezer)
    assert hass.states.get(entity_id).state == STATE_UNAVAILABLE

    await advance(hass, freezer)
    assert hass.states.get(entity_id).state == before


async def test_bad_key_starts_reauth(
    hass: HomeAssistant,
    cognitive3d_sim: Cognitive3DSimulator,
    cognitive3d_entry: MockConfigEntry,
) -> None:
    cognitive3d_sim.api_key = "orgkey-rotated"
    cognitive3d_entry.add_to_hass(hass)
    await hass.config_entries.async_setup(cognitive3d_entry.entry_id)
    await hass.async_block_till_done()
    assert cognitive3d_entry.state is ConfigEntryState.SETUP_ERROR
    flows = hass.config_entries.flow.async_progress()
    assert [flow["context"]["source"] for flow in flows] == ["reauth"]


async def test_unload(
    hass: HomeAssistant,
    cognitive3d_entry: MockConfigEntry,
) -> None:
    await setup_entry(hass, cognitive3d_entry)
    assert await hass.config_entries.async_unload(cognitive3d_entry.entry_id)
    assert cognitive3d_entry.state is ConfigEntryState.NOT_LOADED
