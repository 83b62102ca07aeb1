"""A test-only provider that plugs a fake adapter into the shared webhook machinery.

It stands in for the real vendors (written elsewhere) under the api.video provider key, so
entry setup, unload, removal and the event platform run through the integration's own
dispatch. The product registers no such provider.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass, field
import sys
from types import ModuleType
from typing import Any
from unittest.mock import AsyncMock, MagicMock

from aiohttp.test_utils import TestClient
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_WEBHOOK_ID, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.video_pipeline.const import CONF_PROVIDER, DOMAIN, Provider
from custom_components.video_pipeline.provider_table import PROVIDER_HOOKS
from custom_components.video_pipeline.providers import ProviderHooks
from custom_components.video_pipeline.webhooks import (
    AcceptedDelivery,
    PublicUrls,
    Rejection,
    WebhookEndpoint,
    WebhookRequest,
    async_remove_entry_webhooks,
    async_setup_webhooks,
)
from custom_components.video_pipeline.webhooks.event_entity import (
    VideoPipelineEventDescription,
    VideoPipelineEventEntity,
)

SECRET = "0123456789abcdef" * 4
EXTERNAL_URL = "https://ha.example.com"
SIGNATURE_HEADER = "X-Test-Signature"
GOOD_SIGNATURE = "good"
HEADERS = {"Content-Type": "application/json", SIGNATURE_HEADER: GOOD_SIGNATURE}

ENCODING_EVENTS = VideoPipelineEventDescription(
    key="encoding",
    translation_key="encoding",
    vendor_event_types=("video.encoding.quality.completed", "video.source.recorded"),
)


async def fake_adapter(request: WebhookRequest) -> list[AcceptedDelivery] | Rejection:
    """Accept ``{"type": ..., "id"?: ..., "videoId"?: ...}`` signed with a fixed header."""
    if request.headers.get(SIGNATURE_HEADER) != GOOD_SIGNATURE:
        return Rejection.unverified("bad signature")
    data = request.data
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        return Rejection.invalid("no event type")
    return [
        AcceptedDelivery(
            event_type=data["type"],
            payload=data,
            dedupe_key=data.get("id"),
            video_id=data.get("videoId"),
            live_stream_id=data.get("liveStreamId"),
        )
    ]


@dataclass
class FakeProvider:
    """What the test provider saw: its endpoint and each URL-change notification."""

    endpoint: WebhookEndpoint | None = None
    url_changes: list[PublicUrls] = field(default_factory=list)


@pytest.fixture
def fake_provider(monkeypatch: pytest.MonkeyPatch) -> FakeProvider:
    """Serve the api.video provider key with the fake adapter for this test only."""
    seen = FakeProvider()

    async def on_url_change(urls: PublicUrls) -> None:
        seen.url_changes.append(urls)

    async def setup(hass: HomeAssistant, entry: ConfigEntry[Any]) -> bool:
        seen.endpoint = await async_setup_webhooks(
            hass,
            entry,
            provider=Provider.API_VIDEO,
            vendor_name="api.video",
            adapter=fake_adapter,
            on_url_change=on_url_change,
        )
        await hass.config_entries.async_forward_entry_setups(entry, [Platform.EVENT])
        return True

    async def unload(hass: HomeAssistant, entry: ConfigEntry[Any]) -> bool:
        return await hass.config_entries.async_unload_platforms(entry, [Platform.EVENT])

    async def setup_events(
        hass: HomeAssistant,
        entry: ConfigEntry[Any],
        async_add_entities: AddConfigEntryEntitiesCallback,
    ) -> None:
        async_add_entities([VideoPipelineEventEntity(entry.entry_id, "acct-1", ENCODING_EVENTS)])

    async def diagnostics(hass: HomeAssistant, entry: ConfigEntry[Any]) -> dict[str, Any]:
        return {}

    hooks = ProviderHooks(
        setup_entry=setup,
        unload_entry=unload,
        diagnostics=diagnostics,
        platforms={Platform.EVENT: setup_events},
        remove_entry=async_remove_entry_webhooks,
    )
    monkeypatch.setitem(PROVIDER_HOOKS, Provider.API_VIDEO, hooks)
    return seen


@pytest.fixture
def webhook_entry() -> MockConfigEntry:
    """An account entry whose webhook secret the flow already stored."""
    return MockConfigEntry(
        domain=DOMAIN,
        title="Studio account",
        unique_id="acct-1",
        data={CONF_PROVIDER: Provider.API_VIDEO.value, CONF_WEBHOOK_ID: SECRET},
    )


@pytest.fixture
async def external_url(hass: HomeAssistant) -> str:
    """Give HA an external URL, so the vendor can reach it without the cloud."""
    await hass.config.async_update(external_url=EXTERNAL_URL)
    return EXTERNAL_URL


@pytest.fixture
async def loaded_entry(
    hass: HomeAssistant,
    fake_provider: FakeProvider,
    webhook_entry: MockConfigEntry,
    external_url: str,
) -> MockConfigEntry:
    """The account entry, set up through the integration with the fake provider."""
    webhook_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(webhook_entry.entry_id)
    await hass.async_block_till_done()
    return webhook_entry


@pytest.fixture
async def client(
    hass: HomeAssistant, hass_client_no_auth: Any, loaded_entry: MockConfigEntry
) -> TestClient:
    """An HTTP client for HA's web server (webhooks need no auth)."""
    result: TestClient = await hass_client_no_auth()
    return result


class FakeCloud(ModuleType):
    """Stands in for ``homeassistant.components.cloud`` (not importable everywhere)."""

    class CloudNotAvailable(Exception):  # noqa: N818 - mirrors HA's name
        """The cloud is not logged in."""

    class CloudNotConnected(CloudNotAvailable):
        """The cloud is logged in but not connected."""

    def __init__(self) -> None:
        super().__init__("homeassistant.components.cloud")
        self.subscribed = True
        self.async_active_subscription = MagicMock(side_effect=lambda hass: self.subscribed)
        self.async_get_or_create_cloudhook = AsyncMock(
            side_effect=lambda hass, webhook_id: f"https://hooks.nabu.casa/{webhook_id[:8]}"
        )
        self.async_delete_cloudhook = AsyncMock()
        self.listeners: list[Any] = []
        self.unsubscribed = 0

        def listen(hass: HomeAssistant, target: Any) -> Any:
            self.listeners.append(target)

            def unsub() -> None:
                self.unsubscribed += 1

            return unsub

        self.async_listen_connection_change = MagicMock(side_effect=listen)


@pytest.fixture
def fake_cloud(hass: HomeAssistant, monkeypatch: pytest.MonkeyPatch) -> Generator[FakeCloud]:
    """Pretend HA Cloud is loaded and subscribed; the module is swapped in sys.modules."""
    cloud = FakeCloud()
    monkeypatch.setitem(sys.modules, "homeassistant.components.cloud", cloud)
    hass.config.components.add("cloud")
    yield cloud
    if "cloud" in hass.config.components:
        hass.config.components.remove("cloud")
