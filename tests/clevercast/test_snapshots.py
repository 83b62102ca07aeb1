"""Snapshots of a Clevercast account set up from item answers (see ``fixtures/README.md``).

The answers are served to the real client through HA's shared HTTP session, and an item hook
goes through HA's real webhook endpoint. The snapshots show what a user gets: entity states,
registry entries, the account device, diagnostics (with the hook URLs to paste into
Clevercast), the bus event of the hook and the item actions' responses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aiohttp.test_utils import TestClient
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion

from custom_components.video_pipeline.const import CONF_PROVIDER, DOMAIN, Provider
from tests.account_fixtures import setup_entry
from tests.snapshots import (
    account_run_specific,
    action_response,
    entity_states,
    entry_views,
    fixed_data,
    fixture_json,
)

HERE = Path(__file__).parent
API = "https://app.clevercast.com/api/v1"
ITEM = HERE / "fixtures" / "item.json"
# A fixed webhook id, so the three hook URLs derived from it are the same on every run.
WEBHOOK_ID = "c1e7e7ca57" * 6


@pytest.fixture
def vendor(aioclient_mock: AiohttpClientMocker) -> AiohttpClientMocker:
    """The item answers, one per request the integration makes."""
    aioclient_mock.get(f"{API}/items/101/", json=fixture_json(HERE, "item.json"))
    aioclient_mock.get(f"{API}/items/", json=fixture_json(HERE, "items.json"))
    return aioclient_mock


@pytest.fixture
async def account(
    hass: HomeAssistant, vendor: AiohttpClientMocker, external_url: str
) -> MockConfigEntry:
    """The account of an API user, set up."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Clevercast api@example.com",
        unique_id="api@example.com",
        data={
            CONF_PROVIDER: Provider.CLEVERCAST.value,
            "email": "api@example.com",
            "password": "secret",
            "webhook_id": WEBHOOK_ID,
        },
    )
    await setup_entry(hass, entry)
    assert entry.state is ConfigEntryState.LOADED
    return entry


async def test_entities_and_devices(
    hass: HomeAssistant,
    account: MockConfigEntry,
    vendor: AiohttpClientMocker,
    external_url: str,
    snapshot: SnapshotAssertion,
) -> None:
    replace = account_run_specific(account, external_url)
    for name, view in entry_views(hass, account, vendor, replace).items():
        assert view == snapshot(name=name)


async def test_item_hook(
    hass: HomeAssistant,
    account: MockConfigEntry,
    http_client: TestClient,
    external_url: str,
    snapshot: SnapshotAssertion,
) -> None:
    """The item, posted to the "item updated" URL as Clevercast's OnUpdate hook does."""
    events = async_capture_events(hass, "video_pipeline_event")
    url = account.runtime_data.endpoint.urls["item.updated"]
    assert url is not None
    before = dt_util.utcnow()
    async with http_client.post(
        str(url).removeprefix(external_url),
        data=ITEM.read_bytes(),
        headers={"Content-Type": "application/json"},
    ) as response:
        assert response.status == 200
    await hass.async_block_till_done()
    replace = account_run_specific(account, external_url)
    states = entity_states(hass, account, now_since=before)
    assert fixed_data(states, replace) == snapshot(name="states")
    assert fixed_data([event.data for event in events], replace) == snapshot(name="events")


async def test_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    account: MockConfigEntry,
    external_url: str,
    snapshot: SnapshotAssertion,
) -> None:
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, account)
    assert fixed_data(diagnostics, account_run_specific(account, external_url)) == snapshot


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("clevercast_list_items", {}),
        ("clevercast_trigger_item_hook", {"item_id": "101", "hook": "workflow"}),
    ],
)
async def test_action_responses(
    hass: HomeAssistant,
    account: MockConfigEntry,
    action: str,
    data: dict[str, Any],
    snapshot: SnapshotAssertion,
) -> None:
    assert await action_response(hass, account, action, data) == snapshot
