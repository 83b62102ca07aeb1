"""Config flow for Cognitive3D organizations, against the simulated API."""

from __future__ import annotations

from unittest.mock import patch

from homeassistant.config_entries import SOURCE_USER
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.video_pipeline.clients.cognitive3d import Cognitive3DNotFoundError
from custom_components.video_pipeline.const import DOMAIN
from simulator.cognitive3d import Cognitive3DSimulator


async def start(hass: HomeAssistant) -> str:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "cognitive3d"}
    )
    assert result["step_id"] == "cognitive3d"
    return str(result["flow_id"])


async def test_add_organization_discovering_its_id(
    hass: HomeAssistant, cognitive3d_sim: Cognitive3DSimulator
) -> None:
    flow_id = await start(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id,
        {
            "api_key": f" {cognitive3d_sim.api_key} ",
            "advanced": {"base_url": cognitive3d_sim.base_url},
        },
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Training Lab"
    assert result["data"] == {
        "provider": "cognitive3d",
        "api_key": cognitive3d_sim.api_key,
        "organization_id": 42,
        "base_url": cognitive3d_sim.base_url,
    }
    assert result["result"].unique_id == "42"
    # The organization of the key comes from whoami, not from a list of organizations.
    assert ("GET", "/v0/organizations/apiKeys/whoami") in cognitive3d_sim.requests
    assert ("GET", "/v0/organizations") not in cognitive3d_sim.requests


async def test_legacy_key_and_typed_org_id(
    hass: HomeAssistant, cognitive3d_sim: Cognitive3DSimulator
) -> None:
    cognitive3d_sim.discoverable = False
    flow_id = await start(hass)
    data = {
        "api_key": cognitive3d_sim.legacy_key,
        "advanced": {"base_url": cognitive3d_sim.base_url},
    }
    result = await hass.config_entries.flow.async_configure(flow_id, data)
    assert result["errors"] == {"base": "organization_id_required"}
    result = await hass.config_entries.flow.async_configure(
        flow_id, {**data, "organization_id": "42"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"]["api_key"] == cognitive3d_sim.legacy_key


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"api_key": "orgkey-wrong"}, "invalid_auth"),
        ({"organization_id": "abc"}, "invalid_organization_id"),
        ({"organization_id": "7"}, "invalid_auth"),
        ({"advanced": {"base_url": "http://127.0.0.1:9"}}, "cannot_connect"),
    ],
)
async def test_errors(
    hass: HomeAssistant,
    cognitive3d_sim: Cognitive3DSimulator,
    change: dict[str, str],
    error: str,
) -> None:
    flow_id = await start(hass)
    data = {
        "api_key": cognitive3d_sim.api_key,
        "advanced": {"base_url": cognitive3d_sim.base_url},
        **change,
    }
    result = await hass.config_entries.flow.async_configure(flow_id, data)
    assert result["errors"] == {"base": error}


async def test_unknown_project_org_and_unexpected_error(
    hass: HomeAssistant, cognitive3d_sim: Cognitive3DSimulator
) -> None:
    flow_id = await start(hass)
    data = {"api_key": cognitive3d_sim.api_key, "advanced": {"base_url": cognitive3d_sim.base_url}}
    cognitive3d_sim.fail_next.append(404)  # discovery answers 404: ask for the id
    result = await hass.config_entries.flow.async_configure(flow_id, data)
    assert result["errors"] == {"base": "organization_id_required"}
    with patch(
        "custom_components.video_pipeline.clients.cognitive3d.Cognitive3DClient.get_organization",
        side_effect=RuntimeError("boom"),
    ):
        result = await hass.config_entries.flow.async_configure(flow_id, data)
    assert result["errors"] == {"base": "unknown"}


async def test_org_not_found(hass: HomeAssistant, cognitive3d_sim: Cognitive3DSimulator) -> None:
    flow_id = await start(hass)
    with patch(
        "custom_components.video_pipeline.clients.cognitive3d.Cognitive3DClient.get_organization",
        side_effect=Cognitive3DNotFoundError("gone", 404),
    ):
        result = await hass.config_entries.flow.async_configure(
            flow_id,
            {
                "api_key": cognitive3d_sim.api_key,
                "advanced": {"base_url": cognitive3d_sim.base_url},
            },
        )
    assert result["errors"] == {"base": "invalid_organization_id"}


async def test_already_configured(
    hass: HomeAssistant, cognitive3d_sim: Cognitive3DSimulator, cognitive3d_entry: MockConfigEntry
) -> None:
    cognitive3d_entry.add_to_hass(hass)
    flow_id = await start(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id,
        {"api_key": cognitive3d_sim.api_key, "advanced": {"base_url": cognitive3d_sim.base_url}},
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_reauth(
    hass: HomeAssistant, cognitive3d_sim: Cognitive3DSimulator, cognitive3d_entry: MockConfigEntry
) -> None:
    cognitive3d_entry.add_to_hass(hass)
    cognitive3d_sim.api_key = "orgkey-rotated"
    result = await cognitive3d_entry.start_reauth_flow(hass)
    assert result["step_id"] == "cognitive3d_reauth_confirm"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"api_key": "orgkey-old"}
    )
    assert result["errors"] == {"base": "invalid_auth"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"api_key": "orgkey-rotated"}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    assert cognitive3d_entry.data["api_key"] == "orgkey-rotated"


async def test_reconfigure(
    hass: HomeAssistant, cognitive3d_sim: Cognitive3DSimulator, cognitive3d_entry: MockConfigEntry
) -> None:
    cognitive3d_entry.add_to_hass(hass)
    result = await cognitive3d_entry.start_reconfigure_flow(hass)
    assert result["step_id"] == "cognitive3d_reconfigure"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"api_key": "orgkey-nope"}
    )
    assert result["errors"] == {"base": "invalid_auth"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"api_key": cognitive3d_sim.legacy_key}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert cognitive3d_entry.data["api_key"] == cognitive3d_sim.legacy_key


async def test_reconfigure_to_another_organization(
    hass: HomeAssistant, cognitive3d_sim: Cognitive3DSimulator
) -> None:
    entry = MockConfigEntry(
        domain=DOMAIN,
        unique_id="41",
        data={
            "provider": "cognitive3d",
            "api_key": "orgkey-old",
            "organization_id": 41,
            "base_url": cognitive3d_sim.base_url,
        },
    )
    entry.add_to_hass(hass)
    result = await entry.start_reconfigure_flow(hass)
    with patch.object(cognitive3d_sim, "org_id", 41):
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"], {"api_key": cognitive3d_sim.api_key}
        )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    # Same org id (41) answered: allowed. Now a key that reaches only organization 42.
    result = await entry.start_reconfigure_flow(hass)
    entry_data = dict(entry.data)
    entry_data.pop("organization_id")
    hass.config_entries.async_update_entry(entry, data=entry_data)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"api_key": cognitive3d_sim.api_key}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "wrong_organization"


async def test_options(
    hass: HomeAssistant, cognitive3d_sim: Cognitive3DSimulator, cognitive3d_entry: MockConfigEntry
) -> None:
    cognitive3d_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(cognitive3d_entry.entry_id)
    await hass.async_block_till_done()
    result = await hass.config_entries.options.async_init(cognitive3d_entry.entry_id)
    assert result["step_id"] == "init"
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"scan_interval_minutes": 30}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert cognitive3d_entry.options == {"scan_interval_minutes": 30}
    assert cognitive3d_entry.runtime_data.coordinator.update_interval.total_seconds() == 1800
