"""Base entity for a CaptureCast unit's entities."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.entity import EntityDescription
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from ..const import DOMAIN
from .coordinator import CaptureCastCoordinator, CaptureCastData

# One description of each unit's device for all its entities, not a copy each (a fleet's start
# holds thousands of entities; see bench/RESULTS.md). It goes with the unit's coordinator.
_DEVICES: WeakKeyDictionary[CaptureCastCoordinator, DeviceInfo] = WeakKeyDictionary()


def unit_device(coordinator: CaptureCastCoordinator) -> DeviceInfo:
    """The unit's device, built once for all its entities."""
    if (device := _DEVICES.get(coordinator)) is None:
        info = coordinator.info
        device = _DEVICES[coordinator] = DeviceInfo(
            identifiers={(DOMAIN, info.identity)},
            name=info.unit_name,
            manufacturer="Cattura",
            model=info.model or "CaptureCast",
            sw_version=info.version,
            serial_number=info.serial_number,
            configuration_url=coordinator.client.base_url,
        )
    return device


class CaptureCastEntity(CoordinatorEntity[CaptureCastCoordinator]):
    """An entity of one unit; all of a unit's entities share its device."""

    _attr_has_entity_name = True

    def __init__(self, coordinator: CaptureCastCoordinator, description: EntityDescription) -> None:
        super().__init__(coordinator)
        self.entity_description = description
        self._attr_unique_id = f"{coordinator.info.identity}_{description.key}"
        self._attr_device_info = unit_device(coordinator)

    @property
    def available(self) -> bool:
        """Unavailable when the unit is, or when it does not provide what this entity shows."""
        return super().available and self._has_part(self.coordinator.data)

    def _has_part(self, data: CaptureCastData) -> bool:
        """Whether the unit's latest data holds what this entity shows (all of it, by default)."""
        return True
