"""Clevercast accounts: one hook URL per kind, item events, and the item actions."""

from __future__ import annotations

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant

from ..account import async_validated_client
from ..client_errors import CLEVERCAST_ERRORS
from ..const import Provider
from ..providers import PlatformSetup, ProviderHooks, platform_hooks
from ..webhooks import async_remove_entry_webhooks, async_setup_webhooks
from . import event, sensor
from .adapter import clevercast_adapter
from .client_factory import create_client
from .const import HOOK_KINDS, VENDOR_NAME
from .data import ClevercastConfigEntry, ClevercastRuntimeData
from .diagnostics import async_get_diagnostics

PLATFORMS: dict[Platform, PlatformSetup[ClevercastRuntimeData]] = {
    Platform.EVENT: event.async_setup_entry,
    Platform.SENSOR: sensor.async_setup_entry,
}


async def _connect(hass: HomeAssistant, entry: ClevercastConfigEntry) -> ClevercastRuntimeData:
    client = await async_validated_client(hass, entry, create_client, CLEVERCAST_ERRORS)
    endpoint = await async_setup_webhooks(
        hass,
        entry,
        provider=Provider.CLEVERCAST,
        vendor_name=VENDOR_NAME,
        adapter=clevercast_adapter,
        kinds=HOOK_KINDS,
        # Every hook is news (an item changes many times), and the content type of
        # Clevercast's POSTs is not documented: accept a body without one.
        dedupe=False,
        allow_missing_content_type=True,
    )
    return ClevercastRuntimeData(client=client, endpoint=endpoint)


HOOKS: ProviderHooks[ClevercastRuntimeData] = platform_hooks(
    _connect, PLATFORMS, async_get_diagnostics, remove_entry=async_remove_entry_webhooks
)
