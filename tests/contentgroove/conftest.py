"""Fixtures: a simulated ContentGroove account on loopback, HA's web server and an entry.

Deliveries go over real sockets: the simulator posts to HA's test HTTP server, whose address
is HA's external URL, so the subscription the entry creates points at a reachable webhook.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.video_pipeline.clients.contentgroove import Media
from custom_components.video_pipeline.const import DOMAIN
from custom_components.video_pipeline.contentgroove.client_factory import account_fingerprint
from simulator.contentgroove import API_PREFIX, ContentGrooveSimulator
from tests.account_fixtures import setup_entry
from tests.sleeps import Sleeps
from tests.webhooks.conftest import FakeCloud, fake_cloud  # noqa: F401 - fixture re-export

EVENT = "video_pipeline_event"


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


@pytest.fixture
async def loaded_entry(
    hass: HomeAssistant, sim: ContentGrooveSimulator, entry: MockConfigEntry, external_url: str
) -> MockConfigEntry:
    """The account, set up and subscribed at the simulator."""
    await setup_entry(hass, entry)
    assert entry.state is ConfigEntryState.LOADED
    return entry


def subscriptions(sim: ContentGrooveSimulator) -> list[dict[str, Any]]:
    """The simulator's subscriptions as (id, url, events, active) attribute dicts."""
    return [{"id": sub["id"], **sub["attributes"]} for sub in sim.subscriptions.values()]


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
