"""Diagnostics of a Cognitive3D organization: the key is redacted."""

from __future__ import annotations

import json
from unittest.mock import patch

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.video_pipeline.clients.cognitive3d import (
    Cognitive3DConnectionError,
    Cognitive3DResponseError,
)
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
    probe = result["api_probe"]
    assert probe["GET /v0/organizations/apiKeys/whoami"] == (
        "HTTP 200, organizationId 42, fields ['organizationId']"
    )
    assert probe["GET /v0/organizations/42"] == "HTTP 200, 2 projects"
    assert probe["POST /v0/datasets/sessions/paginatedListQueries"].startswith(
        "HTTP 200, project 1001: "
    )


async def test_diagnostics_probe_reports_failures(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    cognitive3d_sim: Cognitive3DSimulator,
    cognitive3d_entry: MockConfigEntry,
) -> None:
    cognitive3d_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(cognitive3d_entry.entry_id)
    await hass.async_block_till_done()
    cognitive3d_sim.discoverable = False
    client = cognitive3d_entry.runtime_data.client
    with patch.object(client, "query_sessions", side_effect=Cognitive3DConnectionError("down")):
        result = await get_diagnostics_for_config_entry(hass, hass_client, cognitive3d_entry)
    probe = result["api_probe"]
    assert probe["GET /v0/organizations/apiKeys/whoami"] == "HTTP 404"
    assert probe["GET /v0/organizations/42"] == "HTTP 200, 2 projects"
    assert probe["POST /v0/datasets/sessions/paginatedListQueries"] == "error: down"
    with patch.object(client, "whoami", side_effect=Cognitive3DResponseError("odd body")):
        result = await get_diagnostics_for_config_entry(hass, hass_client, cognitive3d_entry)
    assert result["api_probe"]["GET /v0/organizations/apiKeys/whoami"] == "error: odd body"
