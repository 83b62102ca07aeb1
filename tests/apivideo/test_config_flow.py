"""Config flow steps of an api.video account, against the simulated API."""

from __future__ import annotations

from unittest.mock import patch

from homeassistant.config_entries import SOURCE_USER, ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.video_pipeline.apivideo.client_factory import account_fingerprint
from custom_components.video_pipeline.clients.apivideo import ApiVideoClient
from custom_components.video_pipeline.const import DOMAIN
from simulator.apivideo import ApiVideoSimulator
from tests.account_fixtures import setup_entry

from .conftest import PRODUCTION_KEY, SANDBOX_KEY, entry_data

NEW_KEY = "sim-production-key-2"


async def start(hass: HomeAssistant) -> tuple[str, dict[str, object]]:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert result["type"] is FlowResultType.MENU
    assert "api_video" in result["menu_options"]
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "api_video"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "api_video"
    return str(result["flow_id"]), dict(result)


@pytest.mark.parametrize(
    ("key", "environment", "title"),
    [(PRODUCTION_KEY, "production", "api.video"), (SANDBOX_KEY, "sandbox", "api.video sandbox")],
)
async def test_add_account(
    hass: HomeAssistant, sim: ApiVideoSimulator, key: str, environment: str, title: str
) -> None:
    flow_id, form = await start(hass)
    assert [str(k) for k in form["data_schema"].schema] == ["api_key", "environment", "advanced"]
    with patch("custom_components.video_pipeline.async_setup_entry", return_value=True) as setup:
        result = await hass.config_entries.flow.async_configure(
            flow_id,
            {
                "api_key": f" {key} ",
                "environment": environment,
                "advanced": {"base_url": sim.base_url},
            },
        )
        await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == title
    data = {
        "provider": "api_video",
        "api_key": key,
        "environment": environment,
        "base_url": sim.base_url,
    }
    assert result["data"] == data
    assert result["result"].unique_id == account_fingerprint(data)
    assert result["result"].unique_id.startswith(f"{environment}_")
    assert key not in result["result"].unique_id
    assert len(setup.mock_calls) == 1


async def test_blank_base_url_is_not_stored(hass: HomeAssistant, sim: ApiVideoSimulator) -> None:
    flow_id, _ = await start(hass)
    with (
        patch.object(ApiVideoClient, "validate", return_value=None) as validate,
        patch("custom_components.video_pipeline.async_setup_entry", return_value=True),
    ):
        result = await hass.config_entries.flow.async_configure(
            flow_id,
            {
                "api_key": PRODUCTION_KEY,
                "environment": "production",
                "advanced": {"base_url": "  "},
            },
        )
        await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert "base_url" not in result["data"]
    assert len(validate.mock_calls) == 1


@pytest.mark.parametrize(
    ("key", "error"),
    [("wrong-key", "invalid_api_key"), (SANDBOX_KEY, None)],
)
async def test_invalid_key(
    hass: HomeAssistant, sim: ApiVideoSimulator, key: str, error: str | None
) -> None:
    flow_id, _ = await start(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {"api_key": key, "environment": "sandbox", "advanced": {"base_url": sim.base_url}}
    )
    if error is None:
        assert result["type"] is FlowResultType.CREATE_ENTRY
    else:
        assert result["type"] is FlowResultType.FORM
        assert result["errors"] == {"base": error}


async def test_cannot_connect_then_recover(hass: HomeAssistant, sim: ApiVideoSimulator) -> None:
    flow_id, _ = await start(hass)
    base_url = sim.base_url
    await sim.stop()
    user_input = {
        "api_key": PRODUCTION_KEY,
        "environment": "production",
        "advanced": {"base_url": base_url},
    }
    result = await hass.config_entries.flow.async_configure(flow_id, user_input)
    assert result["errors"] == {"base": "cannot_connect"}
    await sim.start(port=int(base_url.rsplit(":", 1)[1]))
    result = await hass.config_entries.flow.async_configure(flow_id, user_input)
    assert result["type"] is FlowResultType.CREATE_ENTRY


async def test_unexpected_error(
    hass: HomeAssistant, sim: ApiVideoSimulator, caplog: pytest.LogCaptureFixture
) -> None:
    flow_id, _ = await start(hass)
    with patch.object(ApiVideoClient, "validate", side_effect=RuntimeError("boom")):
        result = await hass.config_entries.flow.async_configure(
            flow_id,
            {
                "api_key": PRODUCTION_KEY,
                "environment": "production",
                "advanced": {"base_url": sim.base_url},
            },
        )
    assert result["errors"] == {"base": "unknown"}
    assert "Unexpected error while checking an api.video key" in caplog.text


async def test_duplicate_aborts(hass: HomeAssistant, sim: ApiVideoSimulator) -> None:
    data = entry_data(sim)
    MockConfigEntry(domain=DOMAIN, unique_id=account_fingerprint(data), data=data).add_to_hass(hass)
    flow_id, _ = await start(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id,
        {
            "api_key": PRODUCTION_KEY,
            "environment": "production",
            "advanced": {"base_url": sim.base_url},
        },
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_reauth(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    subscription = loaded_entry.data["subscription"]
    sim.keys[NEW_KEY] = "production"
    result = await loaded_entry.start_reauth_flow(hass)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "api_video_reauth_confirm"
    assert result["description_placeholders"]["account"] == "api.video"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"api_key": "still-wrong"}
    )
    assert result["errors"] == {"base": "invalid_api_key"}
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"api_key": NEW_KEY})
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    assert loaded_entry.data["api_key"] == NEW_KEY
    assert loaded_entry.data["base_url"] == sim.base_url
    assert loaded_entry.unique_id == account_fingerprint(loaded_entry.data)
    assert loaded_entry.state is ConfigEntryState.LOADED
    # The project's subscription stays; no second one is made.
    assert loaded_entry.data["subscription"] == subscription
    assert list(sim.account().webhooks) == [subscription["webhook_id"]]


async def test_reconfigure(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    sim.keys[NEW_KEY] = "production"
    result = await loaded_entry.start_reconfigure_flow(hass)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "api_video_reconfigure"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {"api_key": "nope", "environment": "production", "advanced": {"base_url": sim.base_url}},
    )
    assert result["errors"] == {"base": "invalid_api_key"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {"api_key": NEW_KEY, "environment": "production", "advanced": {"base_url": sim.base_url}},
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert loaded_entry.data["api_key"] == NEW_KEY
    assert loaded_entry.unique_id == account_fingerprint(loaded_entry.data)
    assert loaded_entry.state is ConfigEntryState.LOADED


async def test_reconfigure_onto_another_entry_aborts(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    sandbox = entry_data(sim, SANDBOX_KEY)
    MockConfigEntry(
        domain=DOMAIN, unique_id=account_fingerprint(sandbox), data=sandbox
    ).add_to_hass(hass)
    result = await loaded_entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"api_key": SANDBOX_KEY, "environment": "sandbox"}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert loaded_entry.data["api_key"] == PRODUCTION_KEY


async def test_options_flow_defaults_to_chosen_events(
    hass: HomeAssistant, sim: ApiVideoSimulator, entry: MockConfigEntry
) -> None:
    entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        entry, options={"events": ["live-stream.broadcast.ended"]}
    )
    with patch("custom_components.video_pipeline.async_setup_entry", return_value=True):
        await setup_entry(hass, entry)
    result = await hass.config_entries.options.async_init(entry.entry_id)
    default = next(k for k in result["data_schema"].schema if str(k) == "events").default()
    assert default == ["live_stream_broadcast_ended"]
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"events": ["video_caption_generated"]}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options == {"events": ["video.caption.generated"]}
