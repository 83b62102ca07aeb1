"""Runtime data kept on a Cognitive3D organization's config entry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from homeassistant.config_entries import ConfigEntry

if TYPE_CHECKING:
    from ..clients.cognitive3d import Cognitive3DClient
    from .coordinator import Cognitive3DCoordinator


@dataclass(slots=True)
class Cognitive3DRuntimeData:
    """The organization's client and coordinator."""

    client: Cognitive3DClient
    coordinator: Cognitive3DCoordinator


type Cognitive3DConfigEntry = ConfigEntry[Cognitive3DRuntimeData]
