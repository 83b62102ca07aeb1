"""Config flow for Clevercast accounts, against the simulated API."""

from __future__ import annotations

from unittest.mock import patch

from homeassistant.config_entries import SOURCE_USER, ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.video_pipeline.const import DOMAIN
from custom_components.video_pipeline.webhooks import kind_webhook_id
from simulator.clevercast import ClevercastSimulator

from .conftest import EMAIL, PASSWORD

EXTERNAL = "https://ha.example.com"


def api(sim: ClevercastSimulator) -> str:
    return f"{sim.base_url}/api/v1/"


async def start(hass: HomeAssistant) -> str:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "clevercast"}
    )
    assert result["step_id"] == "clevercast"
    return str(result["flow_id"])


async def test_add_account_shows_the_three_hook_urls(
    hass: HomeAssistant, clevercast_sim: ClevercastSimulator
) -> None:
    await hass.config.async_update(external_url=EXTERNAL)
    flow_id = await start(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id,
        {
            "email": f" {EMAIL} ",
            "password": PASSWORD,
            "advanced": {"base_url": api(clevercast_sim)},
        },
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "clevercast_urls"
    urls = result["description_placeholders"]
    assert set(urls) == {"item_updated", "item_deleted", "workflow"}
    assert all(url.startswith(f"{EXTERNAL}/api/webhook/") for url in urls.values())
    assert len(set(urls.values())) == 3

    result = await hass.config_entries.flow.async_configure(flow_id, {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == f"Clevercast {EMAIL}"
    data = result["data"]
    secret = data.pop("webhook_id")
    assert data == {
        "provider": "clevercast",
        "email": EMAIL,
        "password": PASSWORD,
        "base_url": api(clevercast_sim),
    }
    assert result["result"].unique_id == EMAIL
    # The URLs shown are the ones the loaded entry answers on.
    assert urls["workflow"] == f"{EXTERNAL}/api/webhook/{kind_webhook_id(secret, 'workflow')}"
    await hass.async_block_till_done()
    assert result["result"].runtime_data.endpoint.url("workflow") == urls["workflow"]


async def test_without_a_public_url_the_step_says_so(
    hass: HomeAssistant, clevercast_sim: ClevercastSimulator
) -> None:
    flow_id = await start(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id,
        {"email": EMAIL, "password": PASSWORD, "advanced": {"base_url": api(clevercast_sim)}},
    )
    assert set(result["description_placeholders"].values()) == {"-"}


@pytest.mark.parametrize(
    ("email", "password", "error"),
    [
        (EMAIL, "wrong", "invalid_auth"),
        ("editor@example.com", "secret", "no_api_access"),
    ],
)
async def test_rejected_users(
    hass: HomeAssistant,
    clevercast_sim: ClevercastSimulator,
    email: str,
    password: str,
    error: str,
) -> None:
    flow_id = await start(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id,
        {"email": email, "password": password, "advanced": {"base_url": api(clevercast_sim)}},
    )
    assert result["errors"] == {"base": error}


async def test_unreachable_and_unexpected(
    hass: HomeAssistant, clevercast_sim: ClevercastSimulator
) -> None:
    flow_id = await start(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id,
        {
            "email": EMAIL,
            "password": PASSWORD,
            "advanced": {"base_url": "http://127.0.0.1:9/api/v1/"},
        },
    )
    assert result["errors"] == {"base": "cannot_connect"}
    with patch(
        "custom_components.video_pipeline.clients.clevercast.ClevercastClient.validate",
        side_effect=RuntimeError("boom"),
    ):
        result = await hass.config_entries.flow.async_configure(
            flow_id,
            {"email": EMAIL, "password": PASSWORD, "advanced": {"base_url": api(clevercast_sim)}},
        )
    assert result["errors"] == {"base": "unknown"}


async def test_the_same_user_twice_is_refused(
    hass: HomeAssistant, clevercast_sim: ClevercastSimulator, clevercast_entry: MockConfigEntry
) -> None:
    clevercast_entry.add_to_hass(hass)
    flow_id = await start(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id,
        {"email": EMAIL, "password": PASSWORD, "advanced": {"base_url": api(clevercast_sim)}},
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_reauth(
    hass: HomeAssistant, clevercast_sim: ClevercastSimulator, clevercast_entry: MockConfigEntry
) -> None:
    clevercast_entry.add_to_hass(hass)
    clevercast_sim.users[EMAIL].password = "rotated"
    result = await clevercast_entry.start_reauth_flow(hass)
    assert result["step_id"] == "clevercast_reauth_confirm"
    assert result["description_placeholders"]["email"] == EMAIL
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"password": "x"})
    assert result["errors"] == {"base": "invalid_auth"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"password": "rotated"}
    )
    assert result["reason"] == "reauth_successful"
    assert clevercast_entry.data["password"] == "rotated"
    # The flow reloads the entry, which sets it up with the new password.
    await hass.async_block_till_done()
    assert clevercast_entry.state is ConfigEntryState.LOADED


async def test_reconfigure(
    hass: HomeAssistant, clevercast_sim: ClevercastSimulator, clevercast_entry: MockConfigEntry
) -> None:
    clevercast_entry.add_to_hass(hass)
    result = await clevercast_entry.start_reconfigure_flow(hass)
    assert result["step_id"] == "clevercast_reconfigure"
    other = {"email": "editor@example.com", "password": "secret"}
    clevercast_sim.users["editor@example.com"].api_access = True
    result = await hass.config_entries.flow.async_configure(result["flow_id"], other)
    assert result["reason"] == "wrong_account"

    result = await clevercast_entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"email": EMAIL, "password": "wrong"}
    )
    assert result["errors"] == {"base": "invalid_auth"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"email": EMAIL, "password": PASSWORD}
    )
    assert result["reason"] == "reconfigure_successful"
    await hass.async_block_till_done()
    assert clevercast_entry.state is ConfigEntryState.LOADED


async def test_options_show_the_urls_again(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    result = await hass.config_entries.options.async_init(loaded_entry.entry_id)
    assert result["step_id"] == "clevercast_hook_urls"
    urls = loaded_entry.runtime_data.endpoint.urls
    assert result["description_placeholders"] == {
        "item_updated": urls["item.updated"],
        "item_deleted": urls["item.deleted"],
        "workflow": urls["workflow"],
    }
    result = await hass.config_entries.options.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert loaded_entry.options == {}
