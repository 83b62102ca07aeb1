"""Entry setup, the subscription at api.video, URL changes, unload and removal."""

from __future__ import annotations

import logging
from unittest.mock import patch

from aiohttp.test_utils import TestClient
from homeassistant.config_entries import SOURCE_REAUTH, ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.video_pipeline.clients.apivideo import (
    EVENT_TYPES,
    ApiVideoAuthenticationError,
    ApiVideoClient,
    ApiVideoConnectionError,
    Webhook,
)
from custom_components.video_pipeline.const import DOMAIN
from simulator.apivideo import ApiVideoSimulator
from tests.account_fixtures import setup_entry, webhook_url

from .conftest import FakeCloud


def requests(sim: ApiVideoSimulator, method: str, path: str) -> int:
    return sum(1 for x in sim.exchanges if x.method == method and x.path == path)


async def test_setup_subscribes_once_and_stores_it(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    hooks = list(sim.account().webhooks.values())
    assert len(hooks) == 1
    hook = hooks[0]
    assert hook.url == webhook_url(hass, loaded_entry)
    assert set(hook.events) == set(EVENT_TYPES)
    assert loaded_entry.data["subscription"] == {
        "webhook_id": hook.webhook_id,
        "url": hook.url,
        "events": hook.events,
        "secret": hook.signature_secret,
    }
    assert requests(sim, "POST", "/webhooks") == 1
    assert not sim.account("sandbox").webhooks


async def test_reload_reuses_the_subscription(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    before = dict(loaded_entry.data["subscription"])
    assert await hass.config_entries.async_reload(loaded_entry.entry_id)
    await hass.async_block_till_done()
    assert loaded_entry.state is ConfigEntryState.LOADED
    assert list(sim.account().webhooks) == [before["webhook_id"]]
    assert loaded_entry.data["subscription"] == before
    assert requests(sim, "POST", "/webhooks") == 1
    assert requests(sim, "GET", f"/webhooks/{before['webhook_id']}") == 1


async def test_subscription_deleted_at_vendor_is_recreated(
    hass: HomeAssistant,
    sim: ApiVideoSimulator,
    loaded_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    old = loaded_entry.data["subscription"]["webhook_id"]
    sim.account().webhooks.clear()
    caplog.set_level(logging.INFO)
    assert await hass.config_entries.async_reload(loaded_entry.entry_id)
    await hass.async_block_till_done()
    hooks = list(sim.account().webhooks.values())
    assert len(hooks) == 1
    assert hooks[0].webhook_id != old
    assert loaded_entry.data["subscription"]["webhook_id"] == hooks[0].webhook_id
    assert loaded_entry.data["subscription"]["secret"] == hooks[0].signature_secret
    assert "was deleted; creating it again" in caplog.text


async def test_existing_matching_subscription_is_adopted(
    hass: HomeAssistant,
    sim: ApiVideoSimulator,
    entry: MockConfigEntry,
    external_url: str,
) -> None:
    """A subscription of the same URL and events made before (lost data) is not duplicated."""
    entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(entry, data={**entry.data, "webhook_id": "a" * 64})
    existing = sim.add_webhook(list(EVENT_TYPES), webhook_url(hass, entry))
    await setup_entry(hass, entry)
    assert list(sim.account().webhooks) == [existing.webhook_id]
    assert entry.data["subscription"]["webhook_id"] == existing.webhook_id
    assert requests(sim, "POST", "/webhooks") == 0


async def test_subscription_answer_without_secret(
    hass: HomeAssistant, sim: ApiVideoSimulator, entry: MockConfigEntry, external_url: str
) -> None:
    """A subscription stored without a secret is verified by a lookup, not a stored value."""
    entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(entry, data={**entry.data, "webhook_id": "b" * 64})
    hook = sim.add_webhook(list(EVENT_TYPES), webhook_url(hass, entry))
    answer = Webhook(hook.webhook_id, None, tuple(EVENT_TYPES), hook.url, None)
    with patch.object(ApiVideoClient, "ensure_webhook", return_value=answer):
        await setup_entry(hass, entry)
    assert entry.data["subscription"]["secret"] is None
    assert entry.runtime_data.secrets.known_ids == []
    attempts = await sim.emit("video.summary.generated")
    assert [a.status for a in attempts] == [200]
    assert requests(sim, "GET", f"/webhooks/{hook.webhook_id}") == 1
    # After a restart the stored subscription (no secret) still needs no new one.
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert list(sim.account().webhooks) == [hook.webhook_id]


async def test_options_change_resubscribes_once(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    old = loaded_entry.data["subscription"]["webhook_id"]
    setups = requests(sim, "GET", "/live-streams")
    result = await hass.config_entries.options.async_init(loaded_entry.entry_id)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "api_video_events"
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        {"events": ["video_encoding_quality_completed", "live_stream_broadcast_started"]},
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert loaded_entry.options == {
        "events": ["video.encoding.quality.completed", "live-stream.broadcast.started"]
    }
    hooks = list(sim.account().webhooks.values())
    assert len(hooks) == 1
    assert hooks[0].webhook_id != old
    assert set(hooks[0].events) == {
        "video.encoding.quality.completed",
        "live-stream.broadcast.started",
    }
    assert loaded_entry.data["subscription"]["webhook_id"] == hooks[0].webhook_id
    assert requests(sim, "DELETE", f"/webhooks/{old}") == 1
    # One reload (validate + stream list), not a loop on the stored-subscription update.
    assert requests(sim, "GET", "/live-streams") == setups + 2
    assert requests(sim, "POST", "/webhooks") == 2
    assert loaded_entry.state is ConfigEntryState.LOADED


async def test_entry_data_update_does_not_reload(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    setups = requests(sim, "GET", "/live-streams")
    hass.config_entries.async_update_entry(loaded_entry, data={**loaded_entry.data, "extra": "x"})
    await hass.async_block_till_done()
    assert requests(sim, "GET", "/live-streams") == setups


async def test_options_flow_requires_an_event(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    result = await hass.config_entries.options.async_init(loaded_entry.entry_id)
    result = await hass.config_entries.options.async_configure(result["flow_id"], {"events": []})
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"events": "no_events"}


async def test_no_public_url_then_url_set(
    hass: HomeAssistant,
    sim: ApiVideoSimulator,
    entry: MockConfigEntry,
    http_client: TestClient,
) -> None:
    await setup_entry(hass, entry)
    assert entry.state is ConfigEntryState.LOADED
    issues = ir.async_get(hass)
    assert issues.async_get_issue(DOMAIN, f"no_public_url_{entry.entry_id}") is not None
    assert not sim.account().webhooks
    assert "subscription" not in entry.data

    url = str(http_client.make_url("/")).rstrip("/")
    await hass.config.async_update(external_url=url)
    await hass.async_block_till_done()
    hooks = list(sim.account().webhooks.values())
    assert len(hooks) == 1
    assert hooks[0].url == webhook_url(hass, entry)
    assert entry.data["subscription"]["webhook_id"] == hooks[0].webhook_id
    assert issues.async_get_issue(DOMAIN, f"no_public_url_{entry.entry_id}") is None


async def test_url_change_while_api_down_logs_a_warning(
    hass: HomeAssistant,
    sim: ApiVideoSimulator,
    loaded_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    old = dict(loaded_entry.data["subscription"])
    await sim.stop()
    await hass.config.async_update(external_url="https://elsewhere.example.com")
    await hass.async_block_till_done()
    assert "Could not point the api.video webhook of api.video at HA" in caplog.text
    assert loaded_entry.data["subscription"] == old
    assert loaded_entry.state is ConfigEntryState.LOADED


async def test_wrong_key_starts_reauth(
    hass: HomeAssistant, sim: ApiVideoSimulator, external_url: str
) -> None:
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="api.video",
        unique_id="production_wrong",
        data={"provider": "api_video", "api_key": "wrong", "base_url": sim.base_url},
    )
    await setup_entry(hass, entry)
    assert entry.state is ConfigEntryState.SETUP_ERROR
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [flow["context"]["source"] for flow in flows] == [SOURCE_REAUTH]
    assert flows[0]["context"]["entry_id"] == entry.entry_id
    assert not sim.account().webhooks


async def test_api_unreachable_retries_setup(
    hass: HomeAssistant, sim: ApiVideoSimulator, entry: MockConfigEntry, external_url: str
) -> None:
    await sim.stop()
    await setup_entry(hass, entry)
    assert entry.state is ConfigEntryState.SETUP_RETRY


async def test_live_streams_unreadable_retries_setup(
    hass: HomeAssistant, sim: ApiVideoSimulator, entry: MockConfigEntry, external_url: str
) -> None:
    with patch.object(
        ApiVideoClient, "list_live_streams", side_effect=ApiVideoConnectionError("down")
    ):
        await setup_entry(hass, entry)
    assert entry.state is ConfigEntryState.SETUP_RETRY
    assert entry.reason is not None and "down" in entry.reason
    assert not sim.account().webhooks


async def test_subscribing_fails_retries_setup(
    hass: HomeAssistant, sim: ApiVideoSimulator, entry: MockConfigEntry, external_url: str
) -> None:
    with patch.object(
        ApiVideoClient, "ensure_webhook", side_effect=ApiVideoConnectionError("down")
    ):
        await setup_entry(hass, entry)
    assert entry.state is ConfigEntryState.SETUP_RETRY
    # The failed attempt let go of its HA webhook: the retry registers it again and loads.
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    assert len(sim.account().webhooks) == 1


async def test_subscribing_refused_key_starts_reauth(
    hass: HomeAssistant, sim: ApiVideoSimulator, entry: MockConfigEntry, external_url: str
) -> None:
    with patch.object(
        ApiVideoClient,
        "ensure_webhook",
        side_effect=ApiVideoAuthenticationError("no", 401),
    ):
        await setup_entry(hass, entry)
    assert entry.state is ConfigEntryState.SETUP_ERROR
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [flow["context"]["source"] for flow in flows] == [SOURCE_REAUTH]


async def test_webhook_limit_still_loads_and_warns_once(
    hass: HomeAssistant,
    sim: ApiVideoSimulator,
    entry: MockConfigEntry,
    external_url: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    sim.webhook_limit = 0
    await setup_entry(hass, entry)
    assert entry.state is ConfigEntryState.LOADED
    warnings = [
        r
        for r in caplog.records
        if r.levelno == logging.WARNING and "webhook limit is reached" in r.getMessage()
    ]
    assert len(warnings) == 1
    assert not warnings[0].exc_info
    assert not sim.account().webhooks
    assert "subscription" not in entry.data


async def test_remove_deletes_the_subscription(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    webhook_id = loaded_entry.data["subscription"]["webhook_id"]
    other = sim.add_webhook(["video.summary.generated"], "https://other.example.com/hook")
    await hass.config_entries.async_remove(loaded_entry.entry_id)
    await hass.async_block_till_done()
    assert list(sim.account().webhooks) == [other.webhook_id]
    assert requests(sim, "DELETE", f"/webhooks/{webhook_id}") == 1


async def test_remove_when_already_gone_at_vendor(
    hass: HomeAssistant,
    sim: ApiVideoSimulator,
    loaded_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    sim.account().webhooks.clear()
    await hass.config_entries.async_remove(loaded_entry.entry_id)
    await hass.async_block_till_done()
    assert "Could not delete" not in caplog.text


async def test_remove_without_subscription_calls_nothing(
    hass: HomeAssistant, sim: ApiVideoSimulator, entry: MockConfigEntry, http_client: TestClient
) -> None:
    await setup_entry(hass, entry)
    before = len(sim.exchanges)
    await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()
    assert not [x for x in list(sim.exchanges)[before:] if x.method == "DELETE"]


async def test_remove_with_api_down_warns(
    hass: HomeAssistant,
    sim: ApiVideoSimulator,
    loaded_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    webhook_id = loaded_entry.data["subscription"]["webhook_id"]
    await sim.stop()
    await hass.config_entries.async_remove(loaded_entry.entry_id)
    await hass.async_block_till_done()
    assert f"Could not delete api.video webhook {webhook_id} of api.video" in caplog.text
    assert not hass.config_entries.async_entries(DOMAIN)


async def test_unload(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    assert await hass.config_entries.async_unload(loaded_entry.entry_id)
    await hass.async_block_till_done()
    assert loaded_entry.state is ConfigEntryState.NOT_LOADED
    # Unloading keeps the subscription: it is the account's until the entry is removed.
    assert len(sim.account().webhooks) == 1


async def test_cloudhook_is_subscribed_and_deleted_on_removal(
    hass: HomeAssistant,
    sim: ApiVideoSimulator,
    entry: MockConfigEntry,
    fake_cloud: FakeCloud,
) -> None:
    await setup_entry(hass, entry)
    assert entry.state is ConfigEntryState.LOADED
    ha_webhook_id = entry.data["webhook_id"]
    cloud_url = f"https://hooks.nabu.casa/{ha_webhook_id[:8]}"
    assert entry.data["cloudhook_urls"] == {ha_webhook_id: cloud_url}
    hooks = list(sim.account().webhooks.values())
    assert [hook.url for hook in hooks] == [cloud_url]
    assert entry.data["subscription"]["url"] == cloud_url
    await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()
    fake_cloud.async_delete_cloudhook.assert_awaited_once_with(hass, ha_webhook_id)
    assert not sim.account().webhooks
