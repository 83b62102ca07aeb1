"""Sensors of Cognitive3D projects and scenes; projects come and go without a reload."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import UnitOfTime
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..clients.cognitive3d import Scene
from ..const import DOMAIN
from .const import MANY_SCENES
from .coordinator import Cognitive3DCoordinator, ProjectState
from .data import Cognitive3DConfigEntry
from .entity import Cognitive3DProjectEntity, project_identifier

type SensorValue = int | float | datetime | None


@dataclass(frozen=True, kw_only=True)
class ProjectSensorDescription(SensorEntityDescription):
    """A project sensor and how to read its value."""

    value_fn: Callable[[ProjectState], SensorValue]


@dataclass(frozen=True, kw_only=True)
class SceneSensorDescription(SensorEntityDescription):
    """A per-scene sensor and how to read its value."""

    value_fn: Callable[[Scene], SensorValue]


PROJECT_SENSORS: tuple[ProjectSensorDescription, ...] = (
    ProjectSensorDescription(
        key="total_sessions",
        translation_key="cognitive3d_total_sessions",
        state_class=SensorStateClass.TOTAL,
        value_fn=lambda state: state.total_sessions,
    ),
    ProjectSensorDescription(
        key="sessions_24h",
        translation_key="cognitive3d_sessions_24h",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda state: state.sessions_24h,
    ),
    ProjectSensorDescription(
        key="sessions_7d",
        translation_key="cognitive3d_sessions_7d",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda state: state.sessions_7d,
    ),
    ProjectSensorDescription(
        key="latest_session",
        translation_key="cognitive3d_latest_session",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda state: state.latest_session,
    ),
    ProjectSensorDescription(
        key="average_session_duration",
        translation_key="cognitive3d_average_session_duration",
        device_class=SensorDeviceClass.DURATION,
        state_class=SensorStateClass.MEASUREMENT,
        native_unit_of_measurement=UnitOfTime.SECONDS,
        suggested_unit_of_measurement=UnitOfTime.MINUTES,
        suggested_display_precision=1,
        value_fn=lambda state: state.average_session_duration,
    ),
)

SCENE_SENSORS: tuple[SceneSensorDescription, ...] = (
    SceneSensorDescription(
        key="scene_sessions",
        translation_key="cognitive3d_scene_sessions",
        state_class=SensorStateClass.TOTAL,
        value_fn=lambda scene: scene.stats.session_count,
    ),
    SceneSensorDescription(
        key="scene_latest_session",
        translation_key="cognitive3d_scene_latest_session",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda scene: scene.stats.latest_session,
    ),
)


class ProjectSensor(Cognitive3DProjectEntity, SensorEntity):
    """A statistic of one project."""

    entity_description: ProjectSensorDescription

    def __init__(
        self,
        coordinator: Cognitive3DCoordinator,
        project_id: int,
        description: ProjectSensorDescription,
    ) -> None:
        super().__init__(coordinator, project_id, description.key)
        self.entity_description = description

    @property
    def native_value(self) -> SensorValue:
        """The statistic, from the latest poll."""
        state = self.project_state
        return None if state is None else self.entity_description.value_fn(state)


class SceneSensor(Cognitive3DProjectEntity, SensorEntity):
    """A statistic of one scene, on its project's device."""

    entity_description: SceneSensorDescription

    def __init__(
        self,
        coordinator: Cognitive3DCoordinator,
        project_id: int,
        scene_id: str,
        description: SceneSensorDescription,
    ) -> None:
        super().__init__(coordinator, project_id, f"{scene_id}_{description.key}")
        self.entity_description = description
        self.scene_id = scene_id
        state = coordinator.data.projects[project_id]
        self._attr_translation_placeholders = {"scene": state.scenes[scene_id].name}
        self._attr_entity_registry_enabled_default = len(state.scenes) <= MANY_SCENES

    @property
    def available(self) -> bool:
        """Available while the scene still exists."""
        state = self.project_state
        return super().available and state is not None and self.scene_id in state.scenes

    @property
    def native_value(self) -> SensorValue:
        """The scene's statistic, from the latest poll."""
        state = self.project_state
        scene = None if state is None else state.scenes.get(self.scene_id)
        return None if scene is None else self.entity_description.value_fn(scene)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: Cognitive3DConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add sensors for every project and scene, now and whenever new ones appear."""
    coordinator = entry.runtime_data.coordinator
    known: set[Any] = set()

    @callback
    def sync_projects() -> None:
        new: list[SensorEntity] = []
        for project_id, state in coordinator.data.projects.items():
            if project_id not in known:
                known.add(project_id)
                new.extend(ProjectSensor(coordinator, project_id, d) for d in PROJECT_SENSORS)
            for scene_id in state.scenes:
                if (project_id, scene_id) not in known:
                    known.add((project_id, scene_id))
                    new.extend(
                        SceneSensor(coordinator, project_id, scene_id, d) for d in SCENE_SENSORS
                    )
        if new:
            async_add_entities(new)
        remove_stale_devices(hass, entry, coordinator)

    sync_projects()
    entry.async_on_unload(coordinator.async_add_listener(sync_projects))


@callback
def remove_stale_devices(
    hass: HomeAssistant, entry: Cognitive3DConfigEntry, coordinator: Cognitive3DCoordinator
) -> None:
    """Detach the devices of projects that no longer exist (their entities go with them)."""
    current = {
        project_identifier(coordinator.org_id, project_id)
        for project_id in coordinator.data.projects
    }
    registry = dr.async_get(hass)
    for device in dr.async_entries_for_config_entry(registry, entry.entry_id):
        identifiers = {value for domain, value in device.identifiers if domain == DOMAIN}
        if identifiers and not identifiers & current:
            registry.async_remove_device(device.id)
