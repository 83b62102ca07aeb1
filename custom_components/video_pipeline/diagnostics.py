"""Diagnostics: forwards to the provider that owns the config entry."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .provider_table import hooks_for


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: ConfigEntry[Any]
) -> dict[str, Any]:
    """Return diagnostics for a config entry, with secrets redacted by the provider."""
    return await hooks_for(entry).diagnostics(hass, entry)
