"""Setting up, failing and removing a Clevercast account; its diagnostics and actions."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from homeassistant.components import webhook
from homeassistant.config_entries import SOURCE_REAUTH, ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import device_registry as dr
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)

from custom_components.video_pipeline.const import DOMAIN
from custom_components.video_pipeline.webhooks import EVENT_VIDEO_PIPELINE
from simulator.clevercast import ClevercastSimulator
from tests.ha_compat import device_of

from .conftest import EMAIL


async def test_wrong_password_starts_reauth(
    hass: HomeAssistant, clevercast_sim: ClevercastSimulator, clevercast_entry: MockConfigEntry
) -> None:
    clevercast_sim.users[EMAIL].password = "changed"
    clevercast_entry.add_to_hass(hass)
    assert not await hass.config_entries.async_setup(clevercast_entry.entry_id)
    assert clevercast_entry.state is ConfigEntryState.SETUP_ERROR
    flows = hass.config_entries.flow.async_progress()
    assert [flow["context"]["source"] for flow in flows] == [SOURCE_REAUTH]


async def test_unreachable_api_retries_later(
    hass: HomeAssistant, clevercast_sim: ClevercastSimulator, clevercast_entry: MockConfigEntry
) -> None:
    await clevercast_sim.stop()
    clevercast_entry.add_to_hass(hass)
    assert not await hass.config_entries.async_setup(clevercast_entry.entry_id)
    assert clevercast_entry.state is ConfigEntryState.SETUP_RETRY


async def test_the_account_is_a_service_device(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    device = device_of(hass, (DOMAIN, EMAIL))
    assert device is not None
    assert device.entry_type is dr.DeviceEntryType.SERVICE
    assert device.manufacturer == "Clevercast"


async def test_removal_unregisters_the_three_hooks(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    ids = [
        loaded_entry.runtime_data.endpoint.webhook_id(k)
        for k in loaded_entry.runtime_data.endpoint.urls
    ]
    assert all(hook_id in hass.data[webhook.DOMAIN] for hook_id in ids)
    await hass.config_entries.async_remove(loaded_entry.entry_id)
    await hass.async_block_till_done()
    assert not any(hook_id in hass.data[webhook.DOMAIN] for hook_id in ids)


async def test_diagnostics_show_urls_not_the_password(
    hass: HomeAssistant, hass_client: Any, loaded_entry: MockConfigEntry
) -> None:
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, loaded_entry)
    assert diagnostics["entry"]["password"] == "**REDACTED**"
    assert diagnostics["entry"]["webhook_id"] == "**REDACTED**"
    assert diagnostics["hook_urls"] == dict(loaded_entry.runtime_data.endpoint.urls)
    assert "secret" not in str(diagnostics)


async def test_trigger_item_hook_goes_the_real_hook_path(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, clevercast_sim: ClevercastSimulator
) -> None:
    events = async_capture_events(hass, EVENT_VIDEO_PIPELINE)
    response = await hass.services.async_call(
        DOMAIN,
        "clevercast_trigger_item_hook",
        {"config_entry_id": loaded_entry.entry_id, "item_id": "101", "hook": "item.deleted"},
        blocking=True,
        return_response=True,
    )
    await hass.async_block_till_done()
    assert response == {
        "item": clevercast_sim.items["101"],
        "hook": "item.deleted",
        "forwarded_status": None,
    }
    # Exactly what the simulator's real hook produces for the same item.
    await clevercast_sim.post_item_hook(
        "101", loaded_entry.runtime_data.endpoint.url("item.deleted")
    )
    await hass.async_block_till_done()
    assert len(events) == 2
    assert events[0].data == events[1].data
    assert events[0].data["event_type"] == "item.deleted"


async def test_trigger_item_hook_also_posts_to_another_receiver(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    clevercast_sim: ClevercastSimulator,
    aiohttp_server: Any,
) -> None:
    received: list[bytes] = []
    statuses = [204, 500]

    async def handle(request: web.Request) -> web.Response:
        received.append(await request.read())
        return web.Response(status=statuses.pop(0))

    app = web.Application()
    app.router.add_post("/hook", handle)
    server = await aiohttp_server(app)
    url = str(server.make_url("/hook"))
    call = {"config_entry_id": loaded_entry.entry_id, "item_id": "102", "url": url}
    response = await hass.services.async_call(
        DOMAIN, "clevercast_trigger_item_hook", call, blocking=True, return_response=True
    )
    assert response is not None
    assert response["forwarded_status"] == 204
    assert response["hook"] == "item.updated"
    assert received[0] == (
        b'{"id": 102, "name": "Panel", "status": "published", '
        b'"updated": "2026-11-22T09:00:00+00:00"}'
    )
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(DOMAIN, "clevercast_trigger_item_hook", call, blocking=True)
    assert err.value.translation_key == "clevercast_forward_failed"
    await server.close()
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(DOMAIN, "clevercast_trigger_item_hook", call, blocking=True)
    assert err.value.translation_key == "clevercast_forward_failed"


async def test_trigger_item_hook_errors(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, clevercast_sim: ClevercastSimulator
) -> None:
    target = {"config_entry_id": loaded_entry.entry_id}
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN, "clevercast_trigger_item_hook", {**target, "item_id": "999"}, blocking=True
        )
    assert err.value.translation_key == "clevercast_item_not_found"
    with pytest.raises(Exception, match="item_id"):
        await hass.services.async_call(
            DOMAIN, "clevercast_trigger_item_hook", {**target, "item_id": "a/b"}, blocking=True
        )
    with pytest.raises(Exception, match="hook"):
        await hass.services.async_call(
            DOMAIN,
            "clevercast_trigger_item_hook",
            {**target, "item_id": "1", "hook": "x"},
            blocking=True,
        )
    clevercast_sim.items["5"] = {"id": 5, "name": "Odd"}
    clevercast_sim.users[EMAIL].api_access = False
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            DOMAIN, "clevercast_trigger_item_hook", {**target, "item_id": "5"}, blocking=True
        )
    assert err.value.translation_key == "clevercast_request_failed"


async def test_trigger_item_hook_reports_a_rejected_item(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, clevercast_sim: ClevercastSimulator
) -> None:
    """An item the receiver refuses (here: an id the parser cannot use) is an error."""
    clevercast_sim.items["7"] = {"id": True}
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            DOMAIN,
            "clevercast_trigger_item_hook",
            {"config_entry_id": loaded_entry.entry_id, "item_id": "7"},
            blocking=True,
        )
    assert err.value.translation_key == "clevercast_hook_rejected"


async def test_list_items_follows_every_page(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, clevercast_sim: ClevercastSimulator
) -> None:
    response = await hass.services.async_call(
        DOMAIN,
        "clevercast_list_items",
        {"config_entry_id": loaded_entry.entry_id},
        blocking=True,
        return_response=True,
    )
    assert response == {"items": list(clevercast_sim.items.values())}
    clevercast_sim.users[EMAIL].password = "changed"
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            DOMAIN,
            "clevercast_list_items",
            {"config_entry_id": loaded_entry.entry_id},
            blocking=True,
            return_response=True,
        )
    assert err.value.translation_key == "clevercast_request_failed"
