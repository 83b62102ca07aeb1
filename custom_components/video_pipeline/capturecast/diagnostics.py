"""Diagnostics of a CaptureCast unit, with an API probe of every path the client uses."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.const import CONF_PASSWORD, CONF_USERNAME
from homeassistant.core import HomeAssistant

from .data import CaptureCastConfigEntry

TO_REDACT = {CONF_PASSWORD, CONF_USERNAME, "serial_number"}


async def async_get_diagnostics(
    hass: HomeAssistant, entry: CaptureCastConfigEntry
) -> dict[str, Any]:
    """Entry, unit and polled state, plus what the unit answers on each documented path.

    The probe tells at once which documented-but-unconfirmed paths a real unit serves
    differently (see README, known limitations).
    """
    coordinator = entry.runtime_data.coordinator
    data = coordinator.data
    return {
        "entry": async_redact_data(dict(entry.data), TO_REDACT),
        "unit": async_redact_data(asdict(coordinator.info), TO_REDACT),
        "last_update_success": coordinator.last_update_success,
        "state": asdict(data) if data is not None else None,
        # Which form of the scheduler calls the unit answered (None: not asked yet); the probe
        # below asks both listing forms.
        "scheduler": {
            "list_form": coordinator.client.scheduler_list_form,
            "cancel_form": coordinator.client.scheduler_cancel_form,
        },
        # What the capture schedule calendar lists for the coming days (None: cannot be read).
        "calendar": {
            "upcoming_captures": None
            if (upcoming := entry.runtime_data.upcoming_captures) is None
            else [asdict(event) for event in upcoming],
        },
        "api_probe": await coordinator.client.probe(),
    }
