"""Diagnostics of a Cognitive3D organization: the key is redacted."""

from __future__ import annotations

import json

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from simulator.cognitive3d import Cognitive3DSimulator


async def test_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    cognitive3d_sim: Cognitive3DSimulator,
    cognitive3d_entry: MockConfigEntry,
) -> None:
    cognitive3d_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(cognitive3d_entry.entry_id)
    await hass.async_block_till_done()
    result = await get_diagnostics_for_config_entry(hass, hass_client, cognitive3d_entry)
    assert result["entry"]["api_key"] == "**REDACTED**"
    assert result["entry"]["organization_id"] == 42
    assert sorted(int(p) for p in result["state"]["projects"]) == [1001, 1002]
    assert cognitive3d_sim.api_key not in json.dumps(result)
