"""Snapshots of a ContentGroove account set up from the vendor's published OpenAPI examples.

The answers in ``fixtures/`` (see its README) are served to the real client through HA's shared
HTTP session, and the vendor's example ``media.processing_finished`` delivery goes through HA's
real webhook endpoint. The snapshots show what a user gets: entity states, registry entries,
the account device, diagnostics, the bus event of the delivery and the actions' responses.
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

from custom_components.video_pipeline.const import DOMAIN
from custom_components.video_pipeline.contentgroove.client_factory import account_fingerprint
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
API = "https://api.contentgroove.com/api/v1"
CLIP_ID = "32caa472-6a12-4a77-974a-52d1175502ab"
SUBSCRIPTION_ID = "481f57a0-ecdf-42ec-9837-bc551eb6909b"
DELIVERY = HERE / "fixtures" / "delivery_media_processing_finished.json"


@pytest.fixture
def vendor(aioclient_mock: AiohttpClientMocker) -> AiohttpClientMocker:
    """The vendor's example answers, one per request the integration makes."""
    answers = {
        "medias": "medias.json",
        "webhook_subscriptions": "webhook_subscriptions.json",
        f"webhook_subscriptions/{SUBSCRIPTION_ID}": "webhook_subscription.json",
        "clips": "clips.json",
        f"clips/{CLIP_ID}": "clip.json",
    }
    for path, name in answers.items():
        aioclient_mock.get(f"{API}/{path}", json=fixture_json(HERE, name))
    aioclient_mock.post(
        f"{API}/webhook_subscriptions",
        json=fixture_json(HERE, "webhook_subscription_created.json"),
    )
    return aioclient_mock


@pytest.fixture
async def account(
    hass: HomeAssistant, vendor: AiohttpClientMocker, external_url: str
) -> MockConfigEntry:
    """The account, set up and subscribed with the vendor's example answers."""
    data = {"provider": "contentgroove", "api_key": "key"}
    entry = MockConfigEntry(
        domain=DOMAIN, title="ContentGroove", unique_id=account_fingerprint(data), data=data
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


async def test_delivery(
    hass: HomeAssistant,
    account: MockConfigEntry,
    http_client: TestClient,
    external_url: str,
    snapshot: SnapshotAssertion,
) -> None:
    """The vendor's example delivery (ContentGroove signs nothing)."""
    events = async_capture_events(hass, "video_pipeline_event")
    before = dt_util.utcnow()
    async with http_client.post(
        f"/api/webhook/{account.data['webhook_id']}",
        data=DELIVERY.read_bytes(),
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
        ("contentgroove_list_webhook_subscriptions", {}),
        ("contentgroove_list_clips", {}),
        ("contentgroove_get_clip", {"clip_id": CLIP_ID}),
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
