"""Snapshot of the capture schedule calendar: its state and the events HA's calendar lists."""

from __future__ import annotations

from datetime import timedelta
from unittest.mock import MagicMock

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry
from syrupy.assertion import SnapshotAssertion

from tests.snapshots import snapshot_data

from .test_calendar import CALENDAR, NOW, captured, frozen_now  # noqa: F401  # the frozen clock
from .test_entities import setup_unit


async def test_calendar_state_and_events(
    hass: HomeAssistant,
    mock_capturecast_client: MagicMock,
    mock_config_entry: MockConfigEntry,
    snapshot: SnapshotAssertion,
) -> None:
    mock_capturecast_client.list_scheduled_captures.return_value = [
        captured("a", timedelta(hours=2), title="Physics 101"),
        captured("b", timedelta(days=1, hours=2), template_id="2-src", title="Chemistry 201"),
        captured("c", timedelta(hours=-3), completed=True, started=True, title="Biology 110"),
    ]
    await setup_unit(hass, mock_config_entry)
    state = hass.states.get(CALENDAR)
    assert state is not None
    response = await hass.services.async_call(
        "calendar",
        "get_events",
        {
            "entity_id": CALENDAR,
            "start_date_time": NOW - timedelta(hours=6),
            "duration": {"days": 2},
        },
        blocking=True,
        return_response=True,
    )
    assert snapshot_data({"state": state.state, "attributes": dict(state.attributes)}) == snapshot
    assert snapshot_data(response) == snapshot
