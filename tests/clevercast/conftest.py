"""Fixtures: a simulated Clevercast account on loopback and a loaded account entry.

HA's test HTTP server is a real socket; its address becomes HA's external URL, so the
simulator posts item hooks to the URLs HA hands out, over loopback, like Clevercast would.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator

from aiohttp.test_utils import TestClient
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.video_pipeline.const import CONF_PROVIDER, DOMAIN, Provider
from simulator.clevercast import ClevercastSimulator

EMAIL = "api@example.com"
PASSWORD = "secret"
WEBHOOK_SECRET = "c1e7e7ca57" * 6


@pytest.fixture
async def clevercast_sim(socket_enabled: None) -> AsyncGenerator[ClevercastSimulator]:
    """A running simulated account with three items (101, 102, 103)."""
    sim = ClevercastSimulator()
    await sim.start()
    yield sim
    await sim.stop()


@pytest.fixture
async def ha_client(http_client: TestClient, external_url: str) -> TestClient:
    """HA's HTTP server, whose loopback address is HA's external URL."""
    return http_client


@pytest.fixture
def clevercast_entry(clevercast_sim: ClevercastSimulator) -> MockConfigEntry:
    """The account's entry as the config flow stores it, pointing at the simulator."""
    return MockConfigEntry(
        domain=DOMAIN,
        title=f"Clevercast {EMAIL}",
        unique_id=EMAIL,
        data={
            CONF_PROVIDER: Provider.CLEVERCAST.value,
            "email": EMAIL,
            "password": PASSWORD,
            "base_url": f"{clevercast_sim.base_url}/api/v1/",
            "webhook_id": WEBHOOK_SECRET,
        },
    )


@pytest.fixture
async def loaded_entry(
    hass: HomeAssistant, ha_client: TestClient, clevercast_entry: MockConfigEntry
) -> MockConfigEntry:
    """The account, set up and reachable."""
    clevercast_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(clevercast_entry.entry_id)
    await hass.async_block_till_done()
    return clevercast_entry
