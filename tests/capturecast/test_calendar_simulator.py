"""The capture schedule calendar against a simulated unit; HA and the unit share one clock."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from simulator.capturecast import SimulatedUnit
from tests.simulator_fixtures import SIM_START

from .test_end_to_end import add_unit, state

UNIT = "lecture_hall_101"
CALENDAR = f"calendar.{UNIT}_capture_schedule"


async def advance(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, unit: SimulatedUnit, seconds: int
) -> None:
    """Move HA's clock and the unit's by the same time, and let HA poll."""
    unit.clock.advance(seconds)
    freezer.tick(timedelta(seconds=seconds))
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)


async def events(hass: HomeAssistant) -> list[dict[str, Any]]:
    response = await hass.services.async_call(
        "calendar",
        "get_events",
        {"entity_id": CALENDAR, "start_date_time": SIM_START, "duration": {"days": 1}},
        blocking=True,
        return_response=True,
    )
    found: list[dict[str, Any]] = response[CALENDAR]["events"]  # type: ignore[index,assignment]  # the calendar's response
    return found


async def test_a_capture_created_in_the_calendar_records_at_its_start(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, capturecast_unit: SimulatedUnit
) -> None:
    unit = capturecast_unit
    freezer.move_to(SIM_START)
    await add_unit(hass, unit)
    assert state(hass, CALENDAR) == "off"

    start = SIM_START + timedelta(minutes=30)
    await hass.services.async_call(
        "calendar",
        "create_event",
        {
            "entity_id": CALENDAR,
            "summary": "Physics 101",
            "start_date_time": start,
            "end_date_time": start + timedelta(minutes=45),
            "description": "Panel discussion",
        },
        blocking=True,
    )
    (event,) = unit.events.values()
    assert (event.title, event.template_id, event.start) == ("Physics 101", "2-src", start)
    assert [(e["summary"], e["description"]) for e in await events(hass)] == [
        ("Physics 101", "Panel discussion")
    ]

    # Nothing sent by HA at the start: the unit records by itself.
    await advance(hass, freezer, unit, 30 * 60 + 5)
    assert unit.state == "capturing"
    assert state(hass, CALENDAR) == "on"
    assert state(hass, f"sensor.{UNIT}_capture_state") == "recording"

    await advance(hass, freezer, unit, 45 * 60)
    assert event.completed
    assert [e["summary"] for e in await events(hass)] == ["✓ Physics 101"]
    assert state(hass, CALENDAR) == "off"


async def test_unreachable_unit_makes_the_calendar_unavailable(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, capturecast_unit: SimulatedUnit
) -> None:
    freezer.move_to(SIM_START)
    await add_unit(hass, capturecast_unit)
    await capturecast_unit.go_offline()
    await advance(hass, freezer, capturecast_unit, 11)
    assert state(hass, CALENDAR) == STATE_UNAVAILABLE
