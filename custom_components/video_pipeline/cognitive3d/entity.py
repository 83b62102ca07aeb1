"""Base entity for a Cognitive3D project's entities; one device per project."""

from __future__ import annotations

from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from ..const import DOMAIN
from .coordinator import Cognitive3DCoordinator, ProjectState


def project_identifier(org_id: int, project_id: int) -> str:
    """The device identifier of a project (organization ids keep projects apart)."""
    return f"cognitive3d_{org_id}_{project_id}"


class Cognitive3DProjectEntity(CoordinatorEntity[Cognitive3DCoordinator]):
    """An entity of one project; unavailable once the project is gone."""

    _attr_has_entity_name = True

    def __init__(self, coordinator: Cognitive3DCoordinator, project_id: int, key: str) -> None:
        super().__init__(coordinator)
        self.project_id = project_id
        identifier = project_identifier(coordinator.org_id, project_id)
        self._attr_unique_id = f"{identifier}_{key}"
        project = coordinator.data.projects[project_id].project
        self._attr_device_info = DeviceInfo(
            identifiers={(DOMAIN, identifier)},
            name=project.name,
            manufacturer="Cognitive3D",
            model="Project",
            entry_type=DeviceEntryType.SERVICE,
            configuration_url=f"https://app.cognitive3d.com/projects/{project_id}",
        )

    @property
    def project_state(self) -> ProjectState | None:
        """The project's current state, or None when it no longer exists."""
        return self.coordinator.data.projects.get(self.project_id)

    @property
    def available(self) -> bool:
        """Available while the organization answers and the project still exists."""
        return super().available and self.project_state is not None
