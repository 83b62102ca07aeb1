"""Snapshots of an api.video account set up from the vendor's published OpenAPI examples.

The answers in ``fixtures/`` (see its README) are served to the real client through HA's shared
HTTP session, and the vendor's example delivery goes through HA's real webhook endpoint. The
snapshots show what a user gets: entity states, registry entries, the account device,
diagnostics, the bus event of the delivery and the webhook actions' responses.
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

from custom_components.video_pipeline.apivideo.client_factory import account_fingerprint
from custom_components.video_pipeline.clients.apivideo import sign
from custom_components.video_pipeline.const import DOMAIN
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
API = "https://ws.api.video"
WEBHOOK_ID = "webhook_XXXXXXXXXXXXXXX"
DELIVERY = HERE / "fixtures" / "delivery_video_encoding_quality_completed.json"


@pytest.fixture
def vendor(aioclient_mock: AiohttpClientMocker) -> AiohttpClientMocker:
    """The vendor's example answers, one per request the integration makes."""
    aioclient_mock.get(f"{API}/live-streams", json=fixture_json(HERE, "live_streams.json"))
    aioclient_mock.get(f"{API}/webhooks/{WEBHOOK_ID}", json=fixture_json(HERE, "webhook.json"))
    aioclient_mock.get(f"{API}/webhooks", json=fixture_json(HERE, "webhooks.json"))
    aioclient_mock.post(
        f"{API}/webhooks", status=201, json=fixture_json(HERE, "webhook_created.json")
    )
    return aioclient_mock


@pytest.fixture
async def account(
    hass: HomeAssistant, vendor: AiohttpClientMocker, external_url: str
) -> MockConfigEntry:
    """The production account, set up and subscribed with the vendor's example answers."""
    data = {"provider": "api_video", "api_key": "key", "environment": "production"}
    entry = MockConfigEntry(
        domain=DOMAIN, title="api.video", unique_id=account_fingerprint(data), data=data
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
    """The vendor's example delivery, signed with the subscription's secret as api.video does."""
    events = async_capture_events(hass, "video_pipeline_event")
    body = DELIVERY.read_bytes()
    secret = account.data["subscription"]["secret"]
    headers = {
        "Content-Type": "application/json",
        "X-Api-Video-WebhookID": WEBHOOK_ID,
        "X-Api-Video-Signature": sign(secret, body),
    }
    before = dt_util.utcnow()
    async with http_client.post(
        f"/api/webhook/{account.data['webhook_id']}", data=body, headers=headers
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
    [("api_video_list_webhooks", {}), ("api_video_get_webhook", {"webhook_id": WEBHOOK_ID})],
)
async def test_action_responses(
    hass: HomeAssistant,
    account: MockConfigEntry,
    action: str,
    data: dict[str, Any],
    snapshot: SnapshotAssertion,
) -> None:
    assert await action_response(hass, account, action, data) == snapshot
