"""Fixtures: a simulated api.video account on loopback, HA's web server and an account entry.

Deliveries go over real sockets: the simulator posts to HA's test HTTP server, whose address
is HA's external URL, so the webhook URL the entry subscribes is reachable.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from dataclasses import dataclass
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.video_pipeline.apivideo.client_factory import account_fingerprint
from custom_components.video_pipeline.const import DOMAIN
from simulator.apivideo import ApiVideoSimulator
from tests.account_fixtures import setup_entry
from tests.sleeps import Sleeps
from tests.webhooks.conftest import FakeCloud, fake_cloud  # noqa: F401 - fixture re-export

PRODUCTION_KEY = "sim-production-key"
SANDBOX_KEY = "sim-sandbox-key"


@pytest.fixture
def sim_sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
async def sim(socket_enabled: None, sim_sleeps: Sleeps) -> AsyncGenerator[ApiVideoSimulator]:
    """A running simulated api.video (both accounts)."""
    simulator = ApiVideoSimulator(sleep=sim_sleeps)
    await simulator.start()
    yield simulator
    await simulator.stop()


def entry_data(sim: ApiVideoSimulator, key: str = PRODUCTION_KEY) -> dict[str, Any]:
    environment = "production" if key == PRODUCTION_KEY else "sandbox"
    return {
        "provider": "api_video",
        "api_key": key,
        "environment": environment,
        "base_url": sim.base_url,
    }


@pytest.fixture
def entry(sim: ApiVideoSimulator) -> MockConfigEntry:
    """The production account's entry, pointing at the simulator (not yet added)."""
    data = entry_data(sim)
    return MockConfigEntry(
        domain=DOMAIN, title="api.video", unique_id=account_fingerprint(data), data=data
    )


@pytest.fixture
async def loaded_entry(
    hass: HomeAssistant, sim: ApiVideoSimulator, entry: MockConfigEntry, external_url: str
) -> MockConfigEntry:
    """The account, set up and subscribed at the simulator."""
    await setup_entry(hass, entry)
    assert entry.state is ConfigEntryState.LOADED
    return entry


@dataclass
class Posted:
    status: int
    text: str
