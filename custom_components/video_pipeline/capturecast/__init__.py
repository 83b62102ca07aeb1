"""CaptureCast units: polled capture appliances, one config entry and one device per unit."""

from __future__ import annotations

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant

from ..providers import PlatformSetup, ProviderHooks
from . import button, calendar, camera, select, sensor, switch
from .data import CaptureCastConfigEntry, CaptureCastRuntimeData
from .diagnostics import async_get_diagnostics
from .media import MEDIA
from .unit_setup import async_setup_unit, async_unload_unit

PLATFORMS: dict[Platform, PlatformSetup[CaptureCastRuntimeData]] = {
    Platform.BUTTON: button.async_setup_entry,
    Platform.CALENDAR: calendar.async_setup_entry,
    Platform.CAMERA: camera.async_setup_entry,
    Platform.SELECT: select.async_setup_entry,
    Platform.SENSOR: sensor.async_setup_entry,
    Platform.SWITCH: switch.async_setup_entry,
}


async def _setup(hass: HomeAssistant, entry: CaptureCastConfigEntry) -> bool:
    return await async_setup_unit(hass, entry, PLATFORMS)


async def _unload(hass: HomeAssistant, entry: CaptureCastConfigEntry) -> bool:
    return await async_unload_unit(hass, entry, PLATFORMS)


HOOKS = ProviderHooks[CaptureCastRuntimeData](
    setup_entry=_setup,
    unload_entry=_unload,
    platforms=PLATFORMS,
    diagnostics=async_get_diagnostics,
    media=MEDIA,
)
