"""Setting up, unloading and reloading a CaptureCast unit's entry."""

from __future__ import annotations

from unittest.mock import MagicMock

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.video_pipeline.clients.capturecast import (
    CaptureCastAuthenticationError,
    CaptureCastConnectionError,
)


async def test_setup_unload_reload(
    hass: HomeAssistant, mock_capturecast_client: MagicMock, mock_config_entry: MockConfigEntry
) -> None:
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    assert mock_config_entry.state is ConfigEntryState.LOADED
    assert hass.states.get("switch.lecture_hall_101_recording") is not None

    assert await hass.config_entries.async_reload(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    assert mock_config_entry.state is ConfigEntryState.LOADED
    assert mock_capturecast_client.get_unit_info.await_count == 2

    assert await hass.config_entries.async_unload(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    assert mock_config_entry.state is ConfigEntryState.NOT_LOADED
    assert hass.states.get("switch.lecture_hall_101_recording").state == "unavailable"


async def test_unreachable_unit_is_retried(
    hass: HomeAssistant, mock_capturecast_client: MagicMock, mock_config_entry: MockConfigEntry
) -> None:
    mock_capturecast_client.get_unit_info.side_effect = CaptureCastConnectionError("down")
    mock_config_entry.add_to_hass(hass)
    await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    assert mock_config_entry.state is ConfigEntryState.SETUP_RETRY
    assert mock_config_entry.reason == "Could not connect to the unit: down"


async def test_rejected_password_at_setup_starts_reauth(
    hass: HomeAssistant, mock_capturecast_client: MagicMock, mock_config_entry: MockConfigEntry
) -> None:
    mock_capturecast_client.get_unit_info.side_effect = CaptureCastAuthenticationError("401")
    mock_config_entry.add_to_hass(hass)
    await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    assert mock_config_entry.state is ConfigEntryState.SETUP_ERROR
    flows = hass.config_entries.flow.async_progress()
    assert [flow["context"]["source"] for flow in flows] == ["reauth"]


async def test_first_poll_failing_is_retried(
    hass: HomeAssistant, mock_capturecast_client: MagicMock, mock_config_entry: MockConfigEntry
) -> None:
    mock_capturecast_client.get_capture_status.side_effect = CaptureCastConnectionError("down")
    mock_config_entry.add_to_hass(hass)
    await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    assert mock_config_entry.state is ConfigEntryState.SETUP_RETRY
