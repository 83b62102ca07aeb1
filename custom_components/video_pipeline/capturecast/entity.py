"""Base entity for a CaptureCast unit's entities."""

from __future__ import annotations

from homeassistant.helpers.entity import EntityDescription
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .coordinator import CaptureCastCoordinator


class CaptureCastEntity(CoordinatorEntity[CaptureCastCoordinator]):
    """An entity of one unit; all of a unit's entities share its device."""

    _attr_has_entity_name = True

    def __init__(self, coordinator: CaptureCastCoordinator, description: EntityDescription) -> None:
        super().__init__(coordinator)
        self.entity_description = description
        self._attr_unique_id = f"{coordinator.info.identity}_{description.key}"
        # One description of the device for all of the unit's entities (not a copy each).
        self._attr_device_info = coordinator.device_info
