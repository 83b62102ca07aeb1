"""Diagnostics of an api.video account: no key, secret, webhook URL or HA webhook id."""

from __future__ import annotations

import json

from aiohttp.test_utils import TestClient
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from simulator.apivideo import ApiVideoSimulator
from tests.account_fixtures import setup_entry, webhook_url

from .conftest import PRODUCTION_KEY


async def test_diagnostics_redact_credentials(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    sim: ApiVideoSimulator,
    loaded_entry: MockConfigEntry,
) -> None:
    await sim.emit("live-stream.broadcast.started", liveStreamId="li_diag")
    await hass.async_block_till_done()
    subscription = loaded_entry.data["subscription"]
    result = await get_diagnostics_for_config_entry(hass, hass_client, loaded_entry)
    dumped = json.dumps(result)
    for secret in (
        PRODUCTION_KEY,
        subscription["secret"],
        loaded_entry.data["webhook_id"],
        webhook_url(hass, loaded_entry),
    ):
        assert secret not in dumped
    assert result["entry"]["api_key"] == "**REDACTED**"
    assert result["entry"]["webhook_id"] == "**REDACTED**"
    assert result["entry"]["subscription"]["secret"] == "**REDACTED**"
    assert result["entry"]["subscription"]["url"] == "**REDACTED**"
    assert result["entry"]["subscription"]["webhook_id"] == "**REDACTED**"
    assert result["entry"]["subscription"]["events"] == subscription["events"]
    assert result["entry"]["environment"] == "production"
    assert result["options"] == {}
    assert result["webhook"]["public_url_available"] is True
    assert result["rate_limit"] == {"limit": 500, "remaining": sim.rate_limit - len(sim.exchanges)}
    assert result["live_streams"] == {"li_diag": True}


async def test_diagnostics_without_subscription_or_rate_limit(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    sim: ApiVideoSimulator,
    entry: MockConfigEntry,
    http_client: TestClient,
) -> None:
    await setup_entry(hass, entry)
    entry.runtime_data.client.rate_limit = None  # no answer carried the headers yet
    result = await get_diagnostics_for_config_entry(hass, hass_client, entry)
    assert "subscription" not in result["entry"]
    assert result["webhook"] == {"public_url_available": False, "known_subscriptions": []}
    assert result["rate_limit"] is None
    assert PRODUCTION_KEY not in json.dumps(result)
