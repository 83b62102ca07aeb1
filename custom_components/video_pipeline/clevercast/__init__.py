"""Clevercast accounts: one hook URL per kind, item events, and the item actions."""

from __future__ import annotations

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant

from ..client_errors import CLEVERCAST_ERRORS, setup_error
from ..clients.clevercast import ClevercastError
from ..const import Provider
from ..providers import PlatformSetup, ProviderHooks, unload_platforms
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


async def _setup(hass: HomeAssistant, entry: ClevercastConfigEntry) -> bool:
    client = create_client(hass, entry.data)
    try:
        await client.validate()
    except ClevercastError as err:
        raise setup_error(CLEVERCAST_ERRORS, err) from err
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
    entry.runtime_data = ClevercastRuntimeData(client=client, endpoint=endpoint)
    await hass.config_entries.async_forward_entry_setups(entry, list(PLATFORMS))
    return True


HOOKS = ProviderHooks[ClevercastRuntimeData](
    setup_entry=_setup,
    unload_entry=unload_platforms(PLATFORMS),
    platforms=PLATFORMS,
    diagnostics=async_get_diagnostics,
    remove_entry=async_remove_entry_webhooks,
)
