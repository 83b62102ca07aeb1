"""Config flow steps of a ContentGroove account, against the simulated API."""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

from homeassistant.config_entries import SOURCE_USER, ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.video_pipeline.clients.contentgroove import ContentGrooveClient
from custom_components.video_pipeline.const import DOMAIN
from custom_components.video_pipeline.contentgroove.client_factory import account_fingerprint
from simulator.contentgroove import API_PREFIX, ContentGrooveSimulator

from .conftest import entry_data

NEW_KEY = "cg-rotated-key"


def api_url(sim: ContentGrooveSimulator) -> str:
    return f"{sim.base_url}{API_PREFIX}"


async def start(hass: HomeAssistant) -> tuple[str, dict[str, Any]]:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert result["type"] is FlowResultType.MENU
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "contentgroove"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "contentgroove"
    return str(result["flow_id"]), dict(result)


async def test_add_account(hass: HomeAssistant, sim: ContentGrooveSimulator) -> None:
    flow_id, form = await start(hass)
    assert [str(k) for k in form["data_schema"].schema] == ["api_key", "advanced"]
    with patch("custom_components.video_pipeline.async_setup_entry", return_value=True) as setup:
        result = await hass.config_entries.flow.async_configure(
            flow_id, {"api_key": f" {sim.api_key} ", "advanced": {"base_url": api_url(sim)}}
        )
        await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "ContentGroove"
    assert result["data"] == {
        "provider": "contentgroove",
        "api_key": sim.api_key,
        "base_url": api_url(sim),
    }
    assert result["result"].unique_id == account_fingerprint(result["data"])
    assert sim.api_key not in result["result"].unique_id
    assert len(setup.mock_calls) == 1


async def test_the_key_alone_is_enough(hass: HomeAssistant, sim: ContentGrooveSimulator) -> None:
    flow_id, form = await start(hass)
    with (
        patch.object(ContentGrooveClient, "validate", return_value=None) as validate,
        patch("custom_components.video_pipeline.async_setup_entry", return_value=True),
    ):
        result = await hass.config_entries.flow.async_configure(flow_id, {"api_key": "k"})
        await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == {"provider": "contentgroove", "api_key": "k"}
    assert len(validate.mock_calls) == 1


async def test_invalid_key(hass: HomeAssistant, sim: ContentGrooveSimulator) -> None:
    flow_id, _ = await start(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {"api_key": "wrong", "advanced": {"base_url": api_url(sim)}}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "invalid_api_key"}


async def test_cannot_connect_then_recover(
    hass: HomeAssistant, sim: ContentGrooveSimulator
) -> None:
    flow_id, _ = await start(hass)
    sim.server_error = True
    user_input = {"api_key": sim.api_key, "advanced": {"base_url": api_url(sim)}}
    result = await hass.config_entries.flow.async_configure(flow_id, user_input)
    assert result["errors"] == {"base": "cannot_connect"}
    sim.server_error = False
    with patch("custom_components.video_pipeline.async_setup_entry", return_value=True):
        result = await hass.config_entries.flow.async_configure(flow_id, user_input)
        await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY


async def test_unexpected_error(
    hass: HomeAssistant, sim: ContentGrooveSimulator, caplog: pytest.LogCaptureFixture
) -> None:
    flow_id, _ = await start(hass)
    with patch.object(ContentGrooveClient, "validate", side_effect=RuntimeError("boom")):
        result = await hass.config_entries.flow.async_configure(
            flow_id, {"api_key": sim.api_key, "advanced": {"base_url": api_url(sim)}}
        )
    assert result["errors"] == {"base": "unknown"}
    assert "Unexpected error while checking a ContentGroove key" in caplog.text


async def test_duplicate_aborts(hass: HomeAssistant, sim: ContentGrooveSimulator) -> None:
    data = entry_data(sim)
    MockConfigEntry(domain=DOMAIN, unique_id=account_fingerprint(data), data=data).add_to_hass(hass)
    flow_id, _ = await start(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {"api_key": sim.api_key, "advanced": {"base_url": api_url(sim)}}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_reauth(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    subscription = dict(loaded_entry.data["subscription"])
    sim.api_key = NEW_KEY
    result = await loaded_entry.start_reauth_flow(hass)
    assert result["step_id"] == "contentgroove_reauth_confirm"
    assert result["description_placeholders"]["account"] == "ContentGroove"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"api_key": "still-wrong"}
    )
    assert result["errors"] == {"base": "invalid_api_key"}
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"api_key": NEW_KEY})
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    assert loaded_entry.data["api_key"] == NEW_KEY
    assert loaded_entry.data["base_url"] == api_url(sim)
    assert loaded_entry.unique_id == account_fingerprint(loaded_entry.data)
    assert loaded_entry.state is ConfigEntryState.LOADED
    # The account's subscription stays; no second one is made.
    assert loaded_entry.data["subscription"] == subscription
    assert list(sim.subscriptions) == [subscription["subscription_id"]]


async def test_reconfigure(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    result = await loaded_entry.start_reconfigure_flow(hass)
    assert result["step_id"] == "contentgroove_reconfigure"
    assert [str(k) for k in result["data_schema"].schema] == ["api_key", "advanced"]
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"api_key": NEW_KEY, "advanced": {"base_url": api_url(sim)}}
    )
    assert result["errors"] == {"base": "invalid_api_key"}
    sim.api_key = NEW_KEY
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"api_key": NEW_KEY, "advanced": {"base_url": api_url(sim)}}
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert loaded_entry.data["api_key"] == NEW_KEY
    assert loaded_entry.unique_id == account_fingerprint(loaded_entry.data)
    assert loaded_entry.state is ConfigEntryState.LOADED


async def test_reconfigure_onto_another_entry_aborts(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    other = entry_data(sim, NEW_KEY)
    MockConfigEntry(domain=DOMAIN, unique_id=account_fingerprint(other), data=other).add_to_hass(
        hass
    )
    sim.api_key = NEW_KEY
    result = await loaded_entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"api_key": NEW_KEY})
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert loaded_entry.data["api_key"] != NEW_KEY


async def test_no_options_flow(hass: HomeAssistant, loaded_entry: MockConfigEntry) -> None:
    assert not loaded_entry.supports_options
