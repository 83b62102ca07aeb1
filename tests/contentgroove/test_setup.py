"""Entry setup, the subscription at ContentGroove, URL changes, unload and removal."""

from __future__ import annotations

import logging
from unittest.mock import patch

from aiohttp.test_utils import TestClient
from homeassistant.config_entries import SOURCE_REAUTH, ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.video_pipeline.clients.contentgroove import (
    ContentGrooveAuthenticationError,
    ContentGrooveClient,
    ContentGrooveResponseError,
)
from custom_components.video_pipeline.const import DOMAIN
from simulator.contentgroove import ContentGrooveSimulator
from tests.account_fixtures import setup_entry, webhook_url

from .conftest import FakeCloud, subscriptions


async def test_setup_subscribes_once_and_stores_it(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    subs = subscriptions(sim)
    assert len(subs) == 1
    assert subs[0]["url"] == webhook_url(hass, loaded_entry)
    assert subs[0]["subscribed_events"] == ["media.processing_finished"]
    assert loaded_entry.data["subscription"] == {
        "subscription_id": subs[0]["id"],
        "url": subs[0]["url"],
    }


async def test_reload_reuses_the_subscription(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    before = dict(loaded_entry.data["subscription"])
    assert await hass.config_entries.async_reload(loaded_entry.entry_id)
    await hass.async_block_till_done()
    assert loaded_entry.state is ConfigEntryState.LOADED
    assert [s["id"] for s in subscriptions(sim)] == [before["subscription_id"]]
    assert loaded_entry.data["subscription"] == before


async def test_subscription_deleted_at_vendor_is_recreated(
    hass: HomeAssistant,
    sim: ContentGrooveSimulator,
    loaded_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    old = loaded_entry.data["subscription"]["subscription_id"]
    sim.subscriptions.clear()
    caplog.set_level(logging.INFO)
    assert await hass.config_entries.async_reload(loaded_entry.entry_id)
    await hass.async_block_till_done()
    subs = subscriptions(sim)
    assert len(subs) == 1
    assert subs[0]["id"] != old
    assert loaded_entry.data["subscription"]["subscription_id"] == subs[0]["id"]
    assert "was deleted; creating it again" in caplog.text


async def test_existing_matching_subscription_is_adopted(
    hass: HomeAssistant, sim: ContentGrooveSimulator, entry: MockConfigEntry, external_url: str
) -> None:
    """A subscription of the same URL made before (say the entry's data was lost) is reused."""
    entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(entry, data={**entry.data, "webhook_id": "a" * 64})
    # Fill a first page with other subscriptions so the match is on the second page.
    sim.add_subscription("https://elsewhere.example/1")
    sim.add_subscription("https://elsewhere.example/2")
    existing = sim.add_subscription(webhook_url(hass, entry))
    await setup_entry(hass, entry)
    assert len(sim.subscriptions) == 3
    assert entry.data["subscription"]["subscription_id"] == existing["id"]


async def test_inactive_subscription_is_not_adopted(
    hass: HomeAssistant, sim: ContentGrooveSimulator, entry: MockConfigEntry, external_url: str
) -> None:
    entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(entry, data={**entry.data, "webhook_id": "b" * 64})
    inactive = sim.add_subscription(webhook_url(hass, entry), active=False)
    await setup_entry(hass, entry)
    assert entry.data["subscription"]["subscription_id"] != inactive["id"]
    assert len(sim.subscriptions) == 2


async def test_url_change_moves_the_subscription(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    old = loaded_entry.data["subscription"]["subscription_id"]
    await hass.config.async_update(external_url="https://ha.example.com")
    await hass.async_block_till_done()
    subs = subscriptions(sim)
    assert [s["url"] for s in subs] == [webhook_url(hass, loaded_entry)]
    assert subs[0]["url"].startswith("https://ha.example.com/api/webhook/")
    assert subs[0]["id"] != old
    assert loaded_entry.data["subscription"]["subscription_id"] == subs[0]["id"]


async def test_url_change_while_api_down_logs_a_warning(
    hass: HomeAssistant,
    sim: ContentGrooveSimulator,
    loaded_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    old = dict(loaded_entry.data["subscription"])
    sim.server_error = True
    await hass.config.async_update(external_url="https://elsewhere.example.com")
    await hass.async_block_till_done()
    assert "Could not point the ContentGroove webhook of ContentGroove at HA" in caplog.text
    assert loaded_entry.data["subscription"] == old
    assert loaded_entry.state is ConfigEntryState.LOADED


async def test_no_public_url_then_url_set(
    hass: HomeAssistant,
    sim: ContentGrooveSimulator,
    entry: MockConfigEntry,
    http_client: TestClient,
) -> None:
    await setup_entry(hass, entry)
    assert entry.state is ConfigEntryState.LOADED
    issues = ir.async_get(hass)
    issue_id = f"no_public_url_{entry.entry_id}"
    assert issues.async_get_issue(DOMAIN, issue_id) is not None
    assert not sim.subscriptions
    assert "subscription" not in entry.data

    await hass.config.async_update(external_url=str(http_client.make_url("/")).rstrip("/"))
    await hass.async_block_till_done()
    assert [s["url"] for s in subscriptions(sim)] == [webhook_url(hass, entry)]
    assert issues.async_get_issue(DOMAIN, issue_id) is None


async def test_wrong_key_starts_reauth(
    hass: HomeAssistant, sim: ContentGrooveSimulator, entry: MockConfigEntry, external_url: str
) -> None:
    sim.api_key = "rotated"
    await setup_entry(hass, entry)
    assert entry.state is ConfigEntryState.SETUP_ERROR
    flows = hass.config_entries.flow.async_progress()
    assert [(f["context"]["source"], f["step_id"]) for f in flows] == [
        (SOURCE_REAUTH, "contentgroove_reauth_confirm")
    ]
    assert not sim.subscriptions


@pytest.mark.parametrize("fault", ["server_error", "stopped"])
async def test_api_unavailable_retries_setup(
    hass: HomeAssistant,
    sim: ContentGrooveSimulator,
    entry: MockConfigEntry,
    external_url: str,
    fault: str,
) -> None:
    if fault == "stopped":
        await sim.stop()
    else:
        sim.server_error = True
    await setup_entry(hass, entry)
    assert entry.state is ConfigEntryState.SETUP_RETRY


@pytest.mark.parametrize(
    ("error", "state"),
    [
        (ContentGrooveResponseError("POST /webhook_subscriptions: HTTP 500", 500), "retry"),
        (ContentGrooveAuthenticationError("POST /webhook_subscriptions: HTTP 401", 401), "reauth"),
    ],
)
async def test_subscribing_refused(
    hass: HomeAssistant,
    sim: ContentGrooveSimulator,
    entry: MockConfigEntry,
    external_url: str,
    error: Exception,
    state: str,
) -> None:
    """The key reads media but creating the subscription fails: retry, or ask for a key."""
    with patch.object(ContentGrooveClient, "create_webhook_subscription", side_effect=error):
        await setup_entry(hass, entry)
    if state == "retry":
        assert entry.state is ConfigEntryState.SETUP_RETRY
    else:
        assert entry.state is ConfigEntryState.SETUP_ERROR
        assert [f["context"]["source"] for f in hass.config_entries.flow.async_progress()] == [
            SOURCE_REAUTH
        ]
    assert not sim.subscriptions
    assert "subscription" not in entry.data
    # The webhook was let go: a later attempt sets up cleanly.
    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    assert len(sim.subscriptions) == 1


async def test_unload_keeps_the_subscription(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    assert await hass.config_entries.async_unload(loaded_entry.entry_id)
    await hass.async_block_till_done()
    assert loaded_entry.state is ConfigEntryState.NOT_LOADED
    assert len(sim.subscriptions) == 1


async def test_remove_deletes_the_subscription(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    await hass.config_entries.async_remove(loaded_entry.entry_id)
    await hass.async_block_till_done()
    assert not sim.subscriptions


async def test_remove_when_already_gone_at_vendor(
    hass: HomeAssistant,
    sim: ContentGrooveSimulator,
    loaded_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    sim.subscriptions.clear()
    await hass.config_entries.async_remove(loaded_entry.entry_id)
    await hass.async_block_till_done()
    assert "Could not delete" not in caplog.text


async def test_remove_without_subscription_is_quiet(
    hass: HomeAssistant,
    sim: ContentGrooveSimulator,
    entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    entry.add_to_hass(hass)
    await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()
    assert "Could not delete" not in caplog.text


async def test_remove_with_api_down_warns(
    hass: HomeAssistant,
    sim: ContentGrooveSimulator,
    loaded_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    subscription_id = loaded_entry.data["subscription"]["subscription_id"]
    sim.server_error = True
    await hass.config_entries.async_remove(loaded_entry.entry_id)
    await hass.async_block_till_done()
    assert (
        f"Could not delete ContentGroove webhook subscription {subscription_id} of ContentGroove"
        in caplog.text
    )


async def test_cloudhook_is_subscribed_and_deleted_on_removal(
    hass: HomeAssistant,
    sim: ContentGrooveSimulator,
    entry: MockConfigEntry,
    fake_cloud: FakeCloud,
) -> None:
    await setup_entry(hass, entry)
    assert entry.state is ConfigEntryState.LOADED
    ha_webhook_id = entry.data["webhook_id"]
    cloud_url = f"https://hooks.nabu.casa/{ha_webhook_id[:8]}"
    assert [s["url"] for s in subscriptions(sim)] == [cloud_url]
    assert entry.data["subscription"]["url"] == cloud_url
    await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()
    fake_cloud.async_delete_cloudhook.assert_awaited_once_with(hass, ha_webhook_id)
    assert not sim.subscriptions
