"""The Video Pipeline integration: capture units, video platforms and XR analytics in HA."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
import homeassistant.helpers.config_validation as cv
from homeassistant.helpers.typing import ConfigType

from .const import DOMAIN
from .provider_table import hooks_for
from .services import async_setup_services

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register the integration's actions once, whatever entries exist."""
    async_setup_services(hass)
    return True


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry[Any]) -> bool:
    """Set up one unit or account through the provider that owns it."""
    return await hooks_for(entry).setup_entry(hass, entry)


async def async_unload_entry(hass: HomeAssistant, entry: ConfigEntry[Any]) -> bool:
    """Unload one unit or account."""
    return await hooks_for(entry).unload_entry(hass, entry)


async def async_remove_entry(hass: HomeAssistant, entry: ConfigEntry[Any]) -> None:
    """Clean up what an account left outside HA when the user deletes it."""
    if (remove := hooks_for(entry).remove_entry) is not None:
        await remove(hass, entry)
