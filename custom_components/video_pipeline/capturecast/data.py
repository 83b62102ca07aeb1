"""Runtime data kept on a CaptureCast unit's config entry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from homeassistant.config_entries import ConfigEntry

if TYPE_CHECKING:
    from ..clients.capturecast import CaptureCastClient, ScheduledEvent
    from .coordinator import CaptureCastCoordinator


@dataclass(slots=True)
class CaptureCastRuntimeData:
    """The unit's client and coordinator."""

    client: CaptureCastClient
    coordinator: CaptureCastCoordinator
    # The template the "Recording" switch starts captures with, chosen with the template select
    # (which restores it across restarts). None: the unit's first template.
    selected_template_id: str | None = None
    # The vanished template already reported in the log (one warning, not one per state write).
    missing_template_logged: str | None = None
    # The captures the calendar lists for the coming days; None while they cannot be read.
    upcoming_captures: list[ScheduledEvent] | None = None


type CaptureCastConfigEntry = ConfigEntry[CaptureCastRuntimeData]
