"""Diagnostics of a ContentGroove account: no key, webhook id or webhook URL."""

from __future__ import annotations

import json

from aiohttp.test_utils import TestClient
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from simulator.contentgroove import ContentGrooveSimulator
from tests.account_fixtures import setup_entry, webhook_url


async def test_diagnostics_redact_credentials(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    sim: ContentGrooveSimulator,
    loaded_entry: MockConfigEntry,
) -> None:
    result = await get_diagnostics_for_config_entry(hass, hass_client, loaded_entry)
    dumped = json.dumps(result)
    for secret in (sim.api_key, loaded_entry.data["webhook_id"], webhook_url(hass, loaded_entry)):
        assert secret not in dumped
    assert result["entry"]["api_key"] == "**REDACTED**"
    assert result["entry"]["subscription"] == {
        "subscription_id": loaded_entry.data["subscription"]["subscription_id"],
        "url": "**REDACTED**",
    }
    assert result["webhook"] == {"public_url_available": True}


async def test_diagnostics_without_public_url(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    sim: ContentGrooveSimulator,
    entry: MockConfigEntry,
    http_client: TestClient,
) -> None:
    await setup_entry(hass, entry)
    result = await get_diagnostics_for_config_entry(hass, hass_client, entry)
    assert result["webhook"] == {"public_url_available": False}
    assert "subscription" not in result["entry"]
