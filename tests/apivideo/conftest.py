"""Fixtures: a simulated api.video account on loopback, HA's web server and an account entry.

Deliveries go over real sockets: the simulator posts to HA's test HTTP server, whose address
is HA's external URL, so the webhook URL the entry subscribes is reachable.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from dataclasses import dataclass
import logging
from typing import Any

from aiohttp.test_utils import TestClient
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.video_pipeline.apivideo.connection import account_fingerprint
from custom_components.video_pipeline.const import DOMAIN
from simulator.apivideo import ApiVideoSimulator
from tests.webhooks.conftest import FakeCloud, fake_cloud  # noqa: F401 - fixture re-export

PRODUCTION_KEY = "sim-production-key"
SANDBOX_KEY = "sim-sandbox-key"
LOGGER_NAME = "custom_components.video_pipeline"


class Sleeps:
    """Records the simulator's retry delays instead of sleeping."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


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


@pytest.fixture
async def http_client(hass: HomeAssistant, hass_client_no_auth: Any) -> TestClient:
    """HA's web server on loopback (webhooks need no auth).

    Components that add HTTP views (diagnostics) load first: the router freezes once served.
    """
    assert await async_setup_component(hass, "webhook", {})
    assert await async_setup_component(hass, "diagnostics", {})
    client: TestClient = await hass_client_no_auth()
    return client


@pytest.fixture
async def external_url(hass: HomeAssistant, http_client: TestClient) -> str:
    """Make HA's external URL the test server's loopback address."""
    url = str(http_client.make_url("/")).rstrip("/")
    await hass.config.async_update(external_url=url)
    await hass.async_block_till_done()
    return url


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


async def setup_entry(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    if entry.entry_id not in {e.entry_id for e in hass.config_entries.async_entries(DOMAIN)}:
        entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()


@pytest.fixture
async def loaded_entry(
    hass: HomeAssistant, sim: ApiVideoSimulator, entry: MockConfigEntry, external_url: str
) -> MockConfigEntry:
    """The account, set up and subscribed at the simulator."""
    await setup_entry(hass, entry)
    assert entry.state is ConfigEntryState.LOADED
    return entry


def webhook_url(hass: HomeAssistant, entry: MockConfigEntry) -> str:
    """The entry's HA webhook URL (external URL + /api/webhook/<id>)."""
    assert hass.config.external_url
    return f"{hass.config.external_url}/api/webhook/{entry.data['webhook_id']}"


def entity_id(hass: HomeAssistant, domain: str, unique_id: str) -> str:
    found = er.async_get(hass).async_get_entity_id(domain, DOMAIN, unique_id)
    assert found is not None, unique_id
    return found


def our_tracebacks(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """Records of the integration's loggers that carry a traceback."""
    return [
        record
        for record in caplog.records
        if record.name.startswith(LOGGER_NAME) and (record.exc_info or record.exc_text)
    ]


@dataclass
class Posted:
    status: int
    text: str
