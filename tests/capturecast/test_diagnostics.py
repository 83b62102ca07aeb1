"""Diagnostics of a CaptureCast unit: secrets redacted, state and API probe included."""

from __future__ import annotations

import json
from unittest.mock import MagicMock

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.video_pipeline.const import DOMAIN
from simulator.capturecast import SimulatedUnit

from .test_end_to_end import add_unit


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
    assert result["scheduler"] == {"list_form": None, "cancel_form": None}
    assert "secret" not in json.dumps(result)


@pytest.mark.parametrize(
    ("disabled", "list_form", "range_probe"),
    [
        (set(), "GET /api/1/scheduler?range", "HTTP 200 application/json"),
        ({"/api/1/scheduler"}, "GET /api/1/scheduler/events?start&end", "HTTP 404"),
    ],
)
async def test_diagnostics_show_which_scheduler_form_answered(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    capturecast_unit: SimulatedUnit,
    disabled: set[str],
    list_form: str,
    range_probe: str,
) -> None:
    capturecast_unit.disabled_paths = disabled
    await add_unit(hass, capturecast_unit)
    entry = hass.config_entries.async_entries(DOMAIN)[0]
    result = await get_diagnostics_for_config_entry(hass, hass_client, entry)
    # The capture schedule calendar has listed the coming days already.
    assert result["scheduler"] == {"list_form": list_form, "cancel_form": None}
    assert result["calendar"] == {"upcoming_captures": []}
    assert result["api_probe"]["GET /api/1/scheduler?range"] == range_probe
    assert result["api_probe"]["GET /api/1/scheduler/events?start&end"] == (
        "HTTP 200 application/json"
    )

    await hass.services.async_call(
        DOMAIN,
        "list_scheduled_captures",
        {"config_entry_id": entry.entry_id},
        blocking=True,
        return_response=True,
    )
    result = await get_diagnostics_for_config_entry(hass, hass_client, entry)
    assert result["scheduler"]["list_form"] == list_form
