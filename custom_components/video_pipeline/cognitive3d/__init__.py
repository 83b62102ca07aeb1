"""Cognitive3D organizations: polled XR analytics, one device per project."""

from __future__ import annotations

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant

from ..compat import async_reload_on_options_change
from ..providers import PlatformSetup, ProviderHooks, unload_platforms
from . import sensor
from .client_factory import create_client
from .coordinator import Cognitive3DCoordinator
from .data import Cognitive3DConfigEntry, Cognitive3DRuntimeData
from .diagnostics import async_get_diagnostics

PLATFORMS: dict[Platform, PlatformSetup[Cognitive3DRuntimeData]] = {
    Platform.SENSOR: sensor.async_setup_entry
}


async def _setup(hass: HomeAssistant, entry: Cognitive3DConfigEntry) -> bool:
    client = create_client(hass, entry.data)
    coordinator = Cognitive3DCoordinator(hass, entry, client)
    await coordinator.async_config_entry_first_refresh()
    entry.runtime_data = Cognitive3DRuntimeData(client=client, coordinator=coordinator)
    await hass.config_entries.async_forward_entry_setups(entry, list(PLATFORMS))
    # A changed polling interval applies through a reload.
    async_reload_on_options_change(hass, entry)
    return True


HOOKS = ProviderHooks[Cognitive3DRuntimeData](
    setup_entry=_setup,
    unload_entry=unload_platforms(PLATFORMS),
    platforms=PLATFORMS,
    diagnostics=async_get_diagnostics,
)
