"""Diagnostics of a CaptureCast unit: secrets redacted, state and API probe included."""

from __future__ import annotations

import json
from unittest.mock import MagicMock

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator


async def test_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    mock_capturecast_client: MagicMock,
    mock_config_entry: MockConfigEntry,
) -> None:
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    result = await get_diagnostics_for_config_entry(hass, hass_client, mock_config_entry)

    assert result["entry"]["password"] == "**REDACTED**"
    assert result["entry"]["username"] == "**REDACTED**"
    assert result["entry"]["host"] == "capture-101.example.edu"
    assert result["unit"]["serial_number"] == "**REDACTED**"
    assert result["unit"]["unit_name"] == "Lecture Hall 101"
    assert result["last_update_success"] is True
    assert result["state"]["capture"]["state"] == "idle"
    assert result["state"]["slow"]["disk"]["total"] == 1000 * 10**9
    assert result["api_probe"] == {"/api/1/status/unit": "HTTP 200 application/json"}
    assert "secret" not in json.dumps(result)
