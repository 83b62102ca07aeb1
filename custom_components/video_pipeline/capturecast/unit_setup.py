"""Set up and unload one CaptureCast unit's config entry."""

from __future__ import annotations

from collections.abc import Iterable

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant

from ..client_errors import CAPTURECAST_ERRORS, setup_error
from ..clients.capturecast import CaptureCastError
from .client_factory import create_client
from .commands import delete_permission_issue
from .coordinator import CaptureCastCoordinator
from .data import CaptureCastConfigEntry, CaptureCastRuntimeData
from .start_pacing import start_pacer


async def async_setup_unit(
    hass: HomeAssistant, entry: CaptureCastConfigEntry, platforms: Iterable[Platform]
) -> bool:
    """Connect to the unit, fetch its first state, and set up its entities."""
    client = create_client(hass, entry.data)
    await start_pacer(hass).async_wait_turn(hass)
    try:
        info = await client.get_unit_info()
    except CaptureCastError as err:
        raise setup_error(CAPTURECAST_ERRORS, err) from err
    coordinator = CaptureCastCoordinator(hass, entry, client, info)
    await coordinator.async_config_entry_first_refresh()
    entry.runtime_data = CaptureCastRuntimeData(client=client, coordinator=coordinator)
    await hass.config_entries.async_forward_entry_setups(entry, list(platforms))
    return True


async def async_unload_unit(
    hass: HomeAssistant, entry: CaptureCastConfigEntry, platforms: Iterable[Platform]
) -> bool:
    """Unload the unit's entities (and its permission issue: a reload may bring another user)."""
    delete_permission_issue(hass, entry.entry_id)
    return await hass.config_entries.async_unload_platforms(entry, list(platforms))
