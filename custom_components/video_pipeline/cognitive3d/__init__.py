"""Cognitive3D organizations: polled XR analytics, one device per project."""

from __future__ import annotations

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant

from ..compat import async_reload_on_options_change
from ..providers import PlatformSetup, ProviderHooks, platform_hooks
from . import sensor
from .client_factory import create_client
from .coordinator import Cognitive3DCoordinator
from .data import Cognitive3DConfigEntry, Cognitive3DRuntimeData
from .diagnostics import async_get_diagnostics

PLATFORMS: dict[Platform, PlatformSetup[Cognitive3DRuntimeData]] = {
    Platform.SENSOR: sensor.async_setup_entry
}


async def _connect(hass: HomeAssistant, entry: Cognitive3DConfigEntry) -> Cognitive3DRuntimeData:
    client = create_client(hass, entry.data)
    coordinator = Cognitive3DCoordinator(hass, entry, client)
    await coordinator.async_config_entry_first_refresh()
    # A changed polling interval applies through a reload.
    async_reload_on_options_change(hass, entry)
    return Cognitive3DRuntimeData(client=client, coordinator=coordinator)


HOOKS: ProviderHooks[Cognitive3DRuntimeData] = platform_hooks(
    _connect, PLATFORMS, async_get_diagnostics
)
