"""The "Before a scheduled capture" blueprint fires from a unit's capture schedule calendar."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest.mock import MagicMock

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
    async_mock_service,
)

from custom_components.video_pipeline.clients.capturecast import ScheduledEvent

from .test_blueprints import blueprint_dir, use_blueprint

__all__ = ["blueprint_dir"]  # the fixture, used by name below

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
START = NOW + timedelta(minutes=40)


async def at(hass: HomeAssistant, freezer: FrozenDateTimeFactory, moment: datetime) -> None:
    freezer.move_to(moment)
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)


async def test_projector_turns_on_15_minutes_before_the_capture(
    hass: HomeAssistant,
    blueprint_dir: Path,
    freezer: FrozenDateTimeFactory,
    mock_capturecast_client: MagicMock,
    mock_config_entry: MockConfigEntry,
) -> None:
    freezer.move_to(NOW)
    mock_capturecast_client.list_scheduled_captures.return_value = [
        ScheduledEvent(
            id="ev1",
            title="Physics 101",
            template_id="1-src",
            start=START,
            stop=START + timedelta(hours=1),
            started=False,
            completed=False,
            media_package_id=None,
            group_id=None,
        )
    ]
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    turn_on = async_mock_service(hass, "homeassistant", "turn_on")
    notify = async_mock_service(hass, "test", "notify")
    await use_blueprint(
        hass,
        "before_scheduled_capture",
        {
            "schedule_calendar": "calendar.lecture_hall_101_capture_schedule",
            "devices_to_turn_on": ["switch.projector"],
            "extra_actions": [
                {
                    "action": "test.notify",
                    "data": {"message": "{{ trigger.calendar_event.summary }}"},
                }
            ],
        },
    )

    await at(hass, freezer, START - timedelta(minutes=16))
    assert turn_on == []
    await at(hass, freezer, START - timedelta(minutes=15) + timedelta(seconds=1))
    assert [call.data["entity_id"] for call in turn_on] == [["switch.projector"]]
    assert [call.data["message"] for call in notify] == ["Physics 101"]

    # Turning the automation off removes the calendar trigger's refresh timer.
    await hass.services.async_call(
        "automation",
        "turn_off",
        {"entity_id": "automation.before_scheduled_capture"},
        blocking=True,
    )
