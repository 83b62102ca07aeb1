"""End to end: Home Assistant drives a simulated unit over real loopback sockets."""

from __future__ import annotations

from datetime import timedelta
import logging

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import SOURCE_USER, ConfigEntryState
from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
import pytest
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from custom_components.video_pipeline.const import DOMAIN
from simulator.capturecast import SimulatedUnit

UNIT = "lecture_hall_101"


async def add_unit(
    hass: HomeAssistant, unit: SimulatedUnit, username: str = "admin"
) -> FlowResultType | dict[str, object]:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "capturecast"}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {
            "host": f"{unit.host}:{unit.port}",
            "username": username,
            "password": username,
        },
    )
    await hass.async_block_till_done()
    return dict(result)


async def press(hass: HomeAssistant, domain: str, service: str, entity: str, **data: str) -> None:
    await hass.services.async_call(domain, service, {"entity_id": entity, **data}, blocking=True)
    await hass.async_block_till_done()


def state(hass: HomeAssistant, entity_id: str) -> str:
    current = hass.states.get(entity_id)
    assert current is not None, entity_id
    return current.state


async def test_full_capture_through_home_assistant(
    hass: HomeAssistant, capturecast_unit: SimulatedUnit
) -> None:
    result = await add_unit(hass, capturecast_unit)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Lecture Hall 101"
    entry = hass.config_entries.async_entries(DOMAIN)[0]
    assert entry.unique_id == "sim-0001"
    assert entry.state is ConfigEntryState.LOADED

    assert state(hass, f"sensor.{UNIT}_capture_state") == "idle"
    assert state(hass, f"sensor.{UNIT}_video_devices") == "2"
    await press(
        hass,
        "select",
        "select_option",
        f"select.{UNIT}_capture_template",
        option="Panel discussion",
    )
    await press(hass, "switch", "turn_on", f"switch.{UNIT}_recording")
    assert capturecast_unit.capture is not None
    assert capturecast_unit.capture.request["templateID"] == "2-src"
    assert state(hass, f"switch.{UNIT}_recording") == "on"
    assert state(hass, f"sensor.{UNIT}_capture_state") == "recording"

    capturecast_unit.clock.advance(120)
    await press(hass, "switch", "turn_on", f"switch.{UNIT}_paused")
    assert state(hass, f"sensor.{UNIT}_capture_state") == "paused"
    assert state(hass, f"switch.{UNIT}_recording") == "on"
    capturecast_unit.clock.advance(30)
    await press(hass, "switch", "turn_off", f"switch.{UNIT}_paused")
    assert state(hass, f"sensor.{UNIT}_capture_state") == "recording"
    capturecast_unit.clock.advance(60)
    await press(hass, "switch", "turn_off", f"switch.{UNIT}_recording")
    assert state(hass, f"switch.{UNIT}_recording") == "off"
    assert state(hass, f"switch.{UNIT}_paused") == STATE_UNAVAILABLE
    assert state(hass, f"sensor.{UNIT}_capture_state") == "processing"

    response = await hass.services.async_call(
        DOMAIN,
        "list_media_packages",
        {"config_entry_id": entry.entry_id},
        blocking=True,
        return_response=True,
    )
    assert response is not None
    (package,) = response["media_packages"]
    assert package["duration"] == 180.0
    assert package["title"] == "Untitled capture"


async def test_start_capture_action_and_schedule(
    hass: HomeAssistant, capturecast_unit: SimulatedUnit
) -> None:
    await add_unit(hass, capturecast_unit)
    entry = hass.config_entries.async_entries(DOMAIN)[0]
    await hass.services.async_call(
        DOMAIN,
        "start_capture",
        {
            "config_entry_id": entry.entry_id,
            "template": "Audio only",
            "title": "Office hours",
            "duration": 600,
        },
        blocking=True,
    )
    assert capturecast_unit.capture is not None
    assert capturecast_unit.capture.request == {
        "templateID": "3-src",
        "title": "Office hours",
        "duration": 600000,
    }
    assert state(hass, f"sensor.{UNIT}_capture_title") == "Office hours"


async def test_role_that_cannot_capture_is_refused(
    hass: HomeAssistant, capturecast_unit: SimulatedUnit
) -> None:
    result = await add_unit(hass, capturecast_unit, username="viewer")
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "insufficient_permissions"}


async def test_outage_and_password_change(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    capturecast_unit: SimulatedUnit,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await add_unit(hass, capturecast_unit)
    entity = f"sensor.{UNIT}_capture_state"

    async def poll() -> None:
        freezer.tick(timedelta(seconds=11))
        async_fire_time_changed(hass)
        await hass.async_block_till_done(wait_background_tasks=True)

    await capturecast_unit.go_offline()
    await poll()
    await poll()
    assert state(hass, entity) == STATE_UNAVAILABLE
    await capturecast_unit.go_online()
    await poll()
    assert state(hass, entity) == "idle"
    assert caplog.text.count("Error fetching") == 1
    # Debug records aside (HA 2026's coordinator adds a "Full error:" one per failed refresh).
    assert not [r for r in caplog.records if r.exc_info and r.levelno > logging.DEBUG]

    capturecast_unit.users["admin"].password = "changed"
    freezer.tick(timedelta(minutes=3))  # also due: the slow state, which needs credentials
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)
    flows = hass.config_entries.flow.async_progress()
    assert [flow["context"]["source"] for flow in flows] == ["reauth"]
    result = await hass.config_entries.flow.async_configure(
        flows[0]["flow_id"], {"username": "admin", "password": "changed"}
    )
    assert result["reason"] == "reauth_successful"


async def test_unit_without_users_call_is_added_and_records(
    hass: HomeAssistant, capturecast_unit: SimulatedUnit
) -> None:
    """A unit serving the confirmed and documented calls, but not /api/1/users, works fully."""
    capturecast_unit.disabled_paths = {"/api/1/users"}
    result = await add_unit(hass, capturecast_unit)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    entry = hass.config_entries.async_entries(DOMAIN)[0]
    assert entry.state is ConfigEntryState.LOADED
    assert ("GET", "/api/1/users") in capturecast_unit.requests  # asked, and it answered 404

    await press(hass, "switch", "turn_on", f"switch.{UNIT}_recording")
    assert capturecast_unit.state == "capturing"
    assert state(hass, f"switch.{UNIT}_recording") == "on"
    capturecast_unit.clock.advance(90)
    await press(hass, "switch", "turn_off", f"switch.{UNIT}_recording")
    assert capturecast_unit.state == "processing"
    assert state(hass, f"switch.{UNIT}_recording") == "off"
    (package,) = capturecast_unit.media_packages
    assert package["duration"] == 90_000


async def test_wrong_password_is_refused(
    hass: HomeAssistant, capturecast_unit: SimulatedUnit
) -> None:
    """A password the unit refuses (401 on any call of the flow) is reported as such."""
    capturecast_unit.users["admin"].password = "changed"
    result = await add_unit(hass, capturecast_unit)
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "invalid_auth"}


async def test_wrong_password_without_users_call_asks_to_reauthenticate(
    hass: HomeAssistant, capturecast_unit: SimulatedUnit
) -> None:
    """Unit info needs no auth: without /users a wrong password shows at the first poll."""
    capturecast_unit.disabled_paths = {"/api/1/users"}
    capturecast_unit.users["admin"].password = "changed"
    result = await add_unit(hass, capturecast_unit)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    entry = hass.config_entries.async_entries(DOMAIN)[0]
    assert entry.state is ConfigEntryState.SETUP_ERROR
    flows = hass.config_entries.flow.async_progress()
    assert [flow["context"]["source"] for flow in flows] == ["reauth"]
    result = await hass.config_entries.flow.async_configure(
        flows[0]["flow_id"], {"username": "admin", "password": "changed"}
    )
    assert result["reason"] == "reauth_successful"
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
