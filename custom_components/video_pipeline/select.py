"""Select platform: forwards to the provider that owns the config entry."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .provider_table import async_forward_platform

PARALLEL_UPDATES = 1  # one command at a time per unit: the units serialize control anyway


async def async_setup_entry(
    hass: HomeAssistant,
    entry: ConfigEntry[Any],
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Set up this platform's entities for a config entry."""
    await async_forward_platform(Platform.SELECT, hass, entry, async_add_entities)
