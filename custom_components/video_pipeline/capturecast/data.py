"""Runtime data kept on a CaptureCast unit's config entry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from homeassistant.config_entries import ConfigEntry

if TYPE_CHECKING:
    from ..clients.capturecast import CaptureCastClient
    from .coordinator import CaptureCastCoordinator


@dataclass(slots=True)
class CaptureCastRuntimeData:
    """The unit's client and coordinator."""

    client: CaptureCastClient
    coordinator: CaptureCastCoordinator


type CaptureCastConfigEntry = ConfigEntry[CaptureCastRuntimeData]
