"""Fixtures: a simulated ContentGroove account on loopback, HA's web server and an entry.

Deliveries go over real sockets: the simulator posts to HA's test HTTP server, whose address
is HA's external URL, so the subscription the entry creates points at a reachable webhook.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
import logging
from typing import Any

from aiohttp.test_utils import TestClient
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.video_pipeline.clients.contentgroove import Media
from custom_components.video_pipeline.const import DOMAIN
from custom_components.video_pipeline.contentgroove.connection import account_fingerprint
from simulator.contentgroove import API_PREFIX, ContentGrooveSimulator
from tests.webhooks.conftest import FakeCloud, fake_cloud  # noqa: F401 - fixture re-export

LOGGER_NAME = "custom_components.video_pipeline"
EVENT = "video_pipeline_event"


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
async def sim(socket_enabled: None, sim_sleeps: Sleeps) -> AsyncGenerator[ContentGrooveSimulator]:
    """A running simulated ContentGroove account (two items per page, to exercise paging)."""
    simulator = ContentGrooveSimulator(max_page_size=2, sleep=sim_sleeps)
    await simulator.start()
    yield simulator
    await simulator.stop()


@pytest.fixture
async def http_client(hass: HomeAssistant, hass_client_no_auth: Any) -> TestClient:
    """HA's web server on loopback; views (webhook, diagnostics) load before it serves."""
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


def entry_data(sim: ContentGrooveSimulator, key: str | None = None) -> dict[str, Any]:
    return {
        "provider": "contentgroove",
        "api_key": key or sim.api_key,
        "base_url": f"{sim.base_url}{API_PREFIX}",
    }


@pytest.fixture
def entry(sim: ContentGrooveSimulator) -> MockConfigEntry:
    """The account's entry, pointing at the simulator (not yet added)."""
    data = entry_data(sim)
    return MockConfigEntry(
        domain=DOMAIN, title="ContentGroove", unique_id=account_fingerprint(data), data=data
    )


async def setup_entry(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    if entry.entry_id not in {e.entry_id for e in hass.config_entries.async_entries(DOMAIN)}:
        entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()


@pytest.fixture
async def loaded_entry(
    hass: HomeAssistant, sim: ContentGrooveSimulator, entry: MockConfigEntry, external_url: str
) -> MockConfigEntry:
    """The account, set up and subscribed at the simulator."""
    await setup_entry(hass, entry)
    assert entry.state is ConfigEntryState.LOADED
    return entry


def webhook_url(hass: HomeAssistant, entry: MockConfigEntry) -> str:
    """The entry's HA webhook URL (external URL + /api/webhook/<id>)."""
    assert hass.config.external_url
    return f"{hass.config.external_url}/api/webhook/{entry.data['webhook_id']}"


def subscriptions(sim: ContentGrooveSimulator) -> list[dict[str, Any]]:
    """The simulator's subscriptions as (id, url, events, active) attribute dicts."""
    return [{"id": sub["id"], **sub["attributes"]} for sub in sim.subscriptions.values()]


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


def processed_media(
    media_id: str, name: str | None = "Lecture", duration: float | None = 60.0
) -> Media:
    """A media whose processing finished, for deliveries built with ``build_delivery``."""
    return Media(
        id=media_id,
        name=name,
        description=None,
        is_processing=False,
        has_fetch_error=False,
        source_url=None,
        duration_seconds=duration,
        preview_image_url=None,
    )
