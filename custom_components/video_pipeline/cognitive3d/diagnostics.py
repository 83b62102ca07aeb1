"""Diagnostics of a Cognitive3D organization (the API key redacted)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.core import HomeAssistant

from .const import CONF_API_KEY
from .data import Cognitive3DConfigEntry


async def async_get_diagnostics(
    hass: HomeAssistant, entry: Cognitive3DConfigEntry
) -> dict[str, Any]:
    """Entry data, options and the last polled state of every project."""
    coordinator = entry.runtime_data.coordinator
    data = coordinator.data
    return {
        "entry": async_redact_data(dict(entry.data), {CONF_API_KEY}),
        "options": dict(entry.options),
        "last_update_success": coordinator.last_update_success,
        "state": asdict(data) if data is not None else None,
    }
