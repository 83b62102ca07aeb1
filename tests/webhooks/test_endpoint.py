"""Registering the account's webhooks, resolving the public URL, and the repair issue."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient
from homeassistant.components import webhook
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_WEBHOOK_ID
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.video_pipeline.const import CONF_PROVIDER, DOMAIN, Provider
from custom_components.video_pipeline.webhooks import (
    CONF_CLOUDHOOK_URLS,
    EVENT_VIDEO_PIPELINE,
    AcceptedDelivery,
    WebhookEndpoint,
    WebhookRequest,
)
from custom_components.video_pipeline.webhooks.endpoint import issue_id, kind_webhook_id
from custom_components.video_pipeline.webhooks.receiver import DeliveryReceiver
from tests.ha_compat import webhook_registration

from .conftest import EXTERNAL_URL, HEADERS, SECRET, FakeCloud, FakeProvider

KINDS = ("item.updated", "item.deleted", "workflow")


def registered(hass: HomeAssistant) -> dict[str, Any]:
    """HA's table of registered webhooks."""
    handlers: dict[str, Any] = hass.data.get(webhook.DOMAIN, {})
    return handlers


async def test_setup_registers_a_post_only_external_webhook(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, fake_provider: FakeProvider
) -> None:
    hook = webhook_registration(hass, SECRET)
    assert hook["domain"] == DOMAIN
    assert hook["allowed_methods"] == frozenset({"POST"})
    assert hook["local_only"] is False
    assert fake_provider.endpoint is not None
    assert fake_provider.endpoint.url() == f"{EXTERNAL_URL}/api/webhook/{SECRET}"
    assert fake_provider.endpoint.webhook_id() == SECRET
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id(loaded_entry.entry_id)) is None


async def test_unload_unregisters_the_webhook(
    hass: HomeAssistant, client: TestClient, loaded_entry: MockConfigEntry
) -> None:
    events = async_capture_events(hass, EVENT_VIDEO_PIPELINE)
    assert await hass.config_entries.async_unload(loaded_entry.entry_id)
    assert SECRET not in registered(hass)
    resp = await client.post(f"/api/webhook/{SECRET}", json={"type": "x"}, headers=HEADERS)
    assert resp.status == 200  # HA never tells whether a webhook exists
    await hass.async_block_till_done()
    assert events == []


async def test_the_webhook_secret_is_generated_once_and_kept(
    hass: HomeAssistant, fake_provider: FakeProvider, external_url: str
) -> None:
    entry = MockConfigEntry(domain=DOMAIN, data={CONF_PROVIDER: Provider.API_VIDEO.value})
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    secret = entry.data[CONF_WEBHOOK_ID]
    assert len(secret) >= 32
    assert secret in registered(hass)

    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.data[CONF_WEBHOOK_ID] == secret


async def test_without_a_public_url_the_entry_loads_with_a_repair_that_clears_itself(
    hass: HomeAssistant, fake_provider: FakeProvider, webhook_entry: MockConfigEntry
) -> None:
    webhook_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(webhook_entry.entry_id)
    await hass.async_block_till_done()
    assert webhook_entry.state is ConfigEntryState.LOADED
    assert fake_provider.endpoint is not None
    assert fake_provider.endpoint.url() is None

    issue = ir.async_get(hass).async_get_issue(DOMAIN, issue_id(webhook_entry.entry_id))
    assert issue is not None
    assert issue.translation_key == "no_public_url"
    assert issue.translation_placeholders == {"vendor": "api.video", "entry": "Studio account"}
    assert issue.is_fixable is False

    await hass.config.async_update(external_url=EXTERNAL_URL)
    await hass.async_block_till_done()
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id(webhook_entry.entry_id)) is None
    url = f"{EXTERNAL_URL}/api/webhook/{SECRET}"
    assert fake_provider.endpoint.url() == url
    assert fake_provider.url_changes == [{None: url}]


async def test_an_unrelated_config_change_does_not_notify(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, fake_provider: FakeProvider
) -> None:
    await hass.config.async_update(location_name="Elsewhere")
    await hass.async_block_till_done()
    assert fake_provider.url_changes == []


async def test_unload_removes_the_repair(
    hass: HomeAssistant, fake_provider: FakeProvider, webhook_entry: MockConfigEntry
) -> None:
    webhook_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(webhook_entry.entry_id)
    await hass.async_block_till_done()
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id(webhook_entry.entry_id))
    assert await hass.config_entries.async_unload(webhook_entry.entry_id)
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id(webhook_entry.entry_id)) is None
    # A config change after unload must not touch the stopped endpoint.
    await hass.config.async_update(external_url=EXTERNAL_URL)
    await hass.async_block_till_done()
    assert fake_provider.url_changes == []


async def test_a_refresh_after_stop_does_nothing(hass: HomeAssistant) -> None:
    entry = MockConfigEntry(domain=DOMAIN, data={CONF_WEBHOOK_ID: SECRET})
    entry.add_to_hass(hass)
    notified: list[Any] = []

    async def on_change(urls: Any) -> None:
        notified.append(urls)

    endpoint = WebhookEndpoint(
        hass,
        entry,
        vendor_name="api.video",
        receiver=_receiver(),
        on_url_change=on_change,
    )
    await endpoint.async_start()
    await endpoint.async_stop()
    await hass.config.async_update(external_url=EXTERNAL_URL)
    await endpoint.async_refresh()
    assert notified == []
    assert endpoint.url() is None


def _receiver(provider: Provider = Provider.CLEVERCAST) -> DeliveryReceiver:
    async def by_kind(request: WebhookRequest) -> list[AcceptedDelivery]:
        return [
            AcceptedDelivery(
                event_type=request.kind or "none",
                payload=request.data,
                item_id=str(request.data["id"]),
            )
        ]

    return DeliveryReceiver(entry_id="e1", provider=provider, adapter=by_kind, dedupe=None)


async def test_each_kind_gets_its_own_unguessable_webhook(
    hass: HomeAssistant, hass_client_no_auth: Any, external_url: str
) -> None:
    assert await async_setup_component(hass, webhook.DOMAIN, {})
    entry = MockConfigEntry(domain=DOMAIN, title="Clevercast", data={CONF_WEBHOOK_ID: SECRET})
    entry.add_to_hass(hass)
    endpoint = WebhookEndpoint(
        hass, entry, vendor_name="Clevercast", receiver=_receiver(), kinds=KINDS
    )
    await endpoint.async_start()
    ids = {kind: endpoint.webhook_id(kind) for kind in KINDS}
    assert len(set(ids.values())) == 3
    assert SECRET not in ids.values()
    assert all(SECRET[:16] not in wid for wid in ids.values())
    assert ids["workflow"] == kind_webhook_id(SECRET, "workflow")  # stable across restarts
    assert endpoint.urls == {k: f"{EXTERNAL_URL}/api/webhook/{ids[k]}" for k in KINDS}
    assert webhook_registration(hass, ids["item.deleted"])["name"] == "Clevercast (item.deleted)"

    events = async_capture_events(hass, EVENT_VIDEO_PIPELINE)
    client = await hass_client_no_auth()
    for kind in ("item.deleted", "workflow"):
        resp = await client.post(f"/api/webhook/{ids[kind]}", json={"id": 7})
        assert resp.status == 200
    await hass.async_block_till_done()
    assert [(e.data["event_type"], e.data["item_id"]) for e in events] == [
        ("item.deleted", "7"),
        ("workflow", "7"),
    ]
    await endpoint.async_stop()
    assert not set(ids.values()) & set(registered(hass))


async def test_an_active_cloud_subscription_uses_a_stored_cloudhook(
    hass: HomeAssistant,
    fake_cloud: FakeCloud,
    fake_provider: FakeProvider,
    webhook_entry: MockConfigEntry,
    external_url: str,
) -> None:
    webhook_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(webhook_entry.entry_id)
    await hass.async_block_till_done()
    cloud_url = f"https://hooks.nabu.casa/{SECRET[:8]}"
    assert fake_provider.endpoint is not None
    assert fake_provider.endpoint.url() == cloud_url
    fake_cloud.async_get_or_create_cloudhook.assert_awaited_with(hass, SECRET)
    assert webhook_entry.data[CONF_CLOUDHOOK_URLS] == {SECRET: cloud_url}

    assert await hass.config_entries.async_unload(webhook_entry.entry_id)
    assert fake_cloud.unsubscribed == 1
    await hass.config_entries.async_remove(webhook_entry.entry_id)
    fake_cloud.async_delete_cloudhook.assert_awaited_once_with(hass, SECRET)


async def test_a_lapsed_subscription_falls_back_to_the_external_url(
    hass: HomeAssistant,
    fake_cloud: FakeCloud,
    fake_provider: FakeProvider,
    webhook_entry: MockConfigEntry,
    external_url: str,
) -> None:
    fake_cloud.subscribed = False
    webhook_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(webhook_entry.entry_id)
    await hass.async_block_till_done()
    assert fake_provider.endpoint is not None
    assert fake_provider.endpoint.url() == f"{external_url}/api/webhook/{SECRET}"
    fake_cloud.async_get_or_create_cloudhook.assert_not_awaited()


async def test_the_cloudhook_appears_when_the_cloud_connects(
    hass: HomeAssistant,
    fake_cloud: FakeCloud,
    fake_provider: FakeProvider,
    webhook_entry: MockConfigEntry,
) -> None:
    fake_cloud.async_get_or_create_cloudhook.side_effect = fake_cloud.CloudNotConnected
    webhook_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(webhook_entry.entry_id)
    await hass.async_block_till_done()
    assert fake_provider.endpoint is not None
    assert fake_provider.endpoint.url() is None
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id(webhook_entry.entry_id))

    fake_cloud.async_get_or_create_cloudhook.side_effect = None
    fake_cloud.async_get_or_create_cloudhook.return_value = "https://hooks.nabu.casa/new"
    [listener] = fake_cloud.listeners
    listener("connected")
    await hass.async_block_till_done()
    assert fake_provider.endpoint.url() == "https://hooks.nabu.casa/new"
    assert fake_provider.url_changes == [{None: "https://hooks.nabu.casa/new"}]
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id(webhook_entry.entry_id)) is None


async def test_a_disconnected_cloud_reuses_the_stored_cloudhook(
    hass: HomeAssistant, fake_cloud: FakeCloud, fake_provider: FakeProvider
) -> None:
    fake_cloud.async_get_or_create_cloudhook.side_effect = fake_cloud.CloudNotConnected
    entry = MockConfigEntry(
        domain=DOMAIN,
        data={
            CONF_PROVIDER: Provider.API_VIDEO.value,
            CONF_WEBHOOK_ID: SECRET,
            CONF_CLOUDHOOK_URLS: {SECRET: "https://hooks.nabu.casa/kept"},
        },
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert fake_provider.endpoint is not None
    assert fake_provider.endpoint.url() == "https://hooks.nabu.casa/kept"


async def test_removing_an_entry_survives_a_logged_out_cloud(
    hass: HomeAssistant,
    fake_cloud: FakeCloud,
    fake_provider: FakeProvider,
    webhook_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    webhook_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(webhook_entry.entry_id)
    await hass.async_block_till_done()
    fake_cloud.async_delete_cloudhook.side_effect = fake_cloud.CloudNotAvailable
    await hass.config_entries.async_remove(webhook_entry.entry_id)
    await hass.async_block_till_done()
    fake_cloud.async_delete_cloudhook.assert_awaited_once()
    assert "Traceback" not in caplog.text


async def test_removing_an_entry_without_the_cloud_deletes_nothing(
    hass: HomeAssistant, fake_provider: FakeProvider, hass_storage: dict[str, Any]
) -> None:
    entry = MockConfigEntry(
        domain=DOMAIN,
        data={
            CONF_PROVIDER: Provider.API_VIDEO.value,
            CONF_WEBHOOK_ID: SECRET,
            CONF_CLOUDHOOK_URLS: {SECRET: "https://hooks.nabu.casa/old"},
        },
    )
    entry.add_to_hass(hass)
    await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()
    assert hass.config_entries.async_get_entry(entry.entry_id) is None
