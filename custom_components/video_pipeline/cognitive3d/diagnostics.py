"""Diagnostics of a Cognitive3D organization (the API key redacted), with an API probe."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util

from .const import CONF_API_KEY
from .data import Cognitive3DConfigEntry


async def async_get_diagnostics(
    hass: HomeAssistant, entry: Cognitive3DConfigEntry
) -> dict[str, Any]:
    """Entry data, options, the last polled state of every project, and an API probe.

    The probe shows what whoami, the organization and one sessionFilters query answer, so a
    user with a real organization can show us which of our readings of the API are wrong (see
    README, known limitations).
    """
    coordinator = entry.runtime_data.coordinator
    data = coordinator.data
    project_id = min(data.projects, default=None) if data is not None else None
    return {
        "entry": async_redact_data(dict(entry.data), {CONF_API_KEY}),
        "options": dict(entry.options),
        "last_update_success": coordinator.last_update_success,
        "state": asdict(data) if data is not None else None,
        "api_probe": await entry.runtime_data.client.probe(
            coordinator.org_id, project_id, now=dt_util.utcnow()
        ),
    }
