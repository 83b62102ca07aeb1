"""Fault injection through the simulator: units that vanish, stall, fail or change under us.

Entities go unavailable and recover by themselves, no state is lost or invented, and the log
gets one line per transition and no traceback.
"""

from __future__ import annotations

from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
import pytest

from custom_components.video_pipeline.capturecast.coordinator import CaptureCastCoordinator
from custom_components.video_pipeline.const import DOMAIN
from simulator.capturecast import SimulatedUnit
from tests.account_fixtures import our_tracebacks

from .test_end_to_end import add_unit, press, state

UNIT = "lecture_hall_101"


def coordinator_of(hass: HomeAssistant) -> CaptureCastCoordinator:
    coordinator: CaptureCastCoordinator = hass.config_entries.async_entries(DOMAIN)[
        0
    ].runtime_data.coordinator
    return coordinator


async def refresh(hass: HomeAssistant) -> None:
    await coordinator_of(hass).async_refresh()
    await hass.async_block_till_done()


async def test_unit_offline_mid_capture(
    hass: HomeAssistant, capturecast_unit: SimulatedUnit, caplog: pytest.LogCaptureFixture
) -> None:
    await add_unit(hass, capturecast_unit)
    await press(hass, "switch", "turn_on", f"switch.{UNIT}_recording")
    capturecast_unit.clock.advance(60)
    await refresh(hass)
    assert state(hass, f"sensor.{UNIT}_capture_elapsed_time") == "60.0"

    await capturecast_unit.go_offline()
    await refresh(hass)
    await refresh(hass)
    for entity in (f"switch.{UNIT}_recording", f"sensor.{UNIT}_capture_state"):
        assert state(hass, entity) == STATE_UNAVAILABLE

    # The unit kept recording while Home Assistant could not see it.
    capturecast_unit.clock.advance(120)
    await capturecast_unit.go_online()
    await refresh(hass)
    assert state(hass, f"switch.{UNIT}_recording") == "on"
    assert state(hass, f"sensor.{UNIT}_capture_elapsed_time") == "180.0"
    assert caplog.text.count("Error fetching CaptureCast Lecture Hall 101 data") == 1
    assert caplog.text.count("Fetching CaptureCast Lecture Hall 101 data recovered") == 1
    assert not our_tracebacks(caplog)


async def test_slow_answers_past_the_timeout(
    hass: HomeAssistant, capturecast_unit: SimulatedUnit, caplog: pytest.LogCaptureFixture
) -> None:
    await add_unit(hass, capturecast_unit)
    client = coordinator_of(hass).client
    client._timeout = 0.1
    capturecast_unit.latency_ms = 300
    await refresh(hass)
    assert state(hass, f"sensor.{UNIT}_capture_state") == STATE_UNAVAILABLE
    assert "no answer within 0.1 s" in caplog.text
    capturecast_unit.latency_ms = 0
    await refresh(hass)
    assert state(hass, f"sensor.{UNIT}_capture_state") == "idle"
    assert not our_tracebacks(caplog)


async def test_server_errors_then_recovery(
    hass: HomeAssistant, capturecast_unit: SimulatedUnit, caplog: pytest.LogCaptureFixture
) -> None:
    await add_unit(hass, capturecast_unit)
    capturecast_unit.error_status = 500
    for _ in range(3):
        await refresh(hass)
    assert state(hass, f"sensor.{UNIT}_capture_state") == STATE_UNAVAILABLE
    assert caplog.text.count("Error fetching") == 1
    capturecast_unit.error_status = 0
    await refresh(hass)
    assert state(hass, f"sensor.{UNIT}_capture_state") == "idle"
    assert not our_tracebacks(caplog)


async def test_actions_during_an_outage_fail_clearly(
    hass: HomeAssistant, capturecast_unit: SimulatedUnit
) -> None:
    from homeassistant.exceptions import HomeAssistantError

    await add_unit(hass, capturecast_unit)
    await capturecast_unit.go_offline()
    with pytest.raises(HomeAssistantError) as err:
        await press(hass, "switch", "turn_on", f"switch.{UNIT}_recording")
    assert err.value.translation_key == "capturecast_action_cannot_connect"
    await capturecast_unit.go_online()
    assert capturecast_unit.capture is None  # nothing was started behind the user's back


async def test_selected_template_deleted_on_the_unit(
    hass: HomeAssistant, capturecast_unit: SimulatedUnit, caplog: pytest.LogCaptureFixture
) -> None:
    await add_unit(hass, capturecast_unit)
    select = f"select.{UNIT}_capture_template"
    await press(hass, "select", "select_option", select, option="Audio only")
    del capturecast_unit.templates["3-src"]
    coordinator_of(hass).invalidate_slow_state()
    await refresh(hass)
    assert state(hass, select) == "Lecture (camera + slides)"
    assert "Audio only" not in hass.states.get(select).attributes["options"]
    await press(hass, "switch", "turn_on", f"switch.{UNIT}_recording")
    assert capturecast_unit.capture is not None
    assert capturecast_unit.capture.request["templateID"] == "1-src"
    assert caplog.text.count("selected template 3-src no longer exists") == 1
