"""Base entity for a CaptureCast unit's entities."""

from __future__ import annotations

from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.entity import EntityDescription
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from ..const import DOMAIN
from .coordinator import CaptureCastCoordinator


class CaptureCastEntity(CoordinatorEntity[CaptureCastCoordinator]):
    """An entity of one unit; all of a unit's entities share its device."""

    _attr_has_entity_name = True

    def __init__(self, coordinator: CaptureCastCoordinator, description: EntityDescription) -> None:
        super().__init__(coordinator)
        self.entity_description = description
        info = coordinator.info
        self._attr_unique_id = f"{info.identity}_{description.key}"
        self._attr_device_info = DeviceInfo(
            identifiers={(DOMAIN, info.identity)},
            name=info.unit_name,
            manufacturer="Cattura",
            model=info.model or "CaptureCast",
            sw_version=info.version,
            serial_number=info.serial_number,
            configuration_url=coordinator.client.base_url,
        )
