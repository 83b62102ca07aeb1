"""One coordinator per Cognitive3D organization: its projects, scenes and session counts."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed
from homeassistant.util import dt as dt_util

from ..client_errors import COGNITIVE3D_ERRORS, refresh_error
from ..clients.cognitive3d import (
    Cognitive3DClient,
    Cognitive3DError,
    Cognitive3DNotFoundError,
    Organization,
    Project,
    Scene,
)
from ..const import LOGGER
from .const import CONF_ORGANIZATION_ID, CONF_SCAN_INTERVAL_MINUTES, DEFAULT_SCAN_INTERVAL_MINUTES

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .data import Cognitive3DConfigEntry

# A failed refresh keeps showing the last data this many times before entities go unavailable:
# the client already retried 429/5xx with backoff, and one bad cycle in 15 minutes is noise.
TOLERATED_FAILURES = 1


@dataclass(frozen=True, slots=True)
class ProjectState:
    """What the sensors of one project show."""

    project: Project
    scenes: dict[str, Scene]
    sessions_24h: int
    sessions_7d: int

    @property
    def total_sessions(self) -> int:
        """Sessions over all scenes and versions."""
        return sum(scene.stats.session_count for scene in self.scenes.values())

    @property
    def latest_session(self) -> datetime | None:
        """When the newest session of any scene happened."""
        times = [s.stats.latest_session for s in self.scenes.values() if s.stats.latest_session]
        return max(times, default=None)

    @property
    def average_session_duration(self) -> float | None:
        """Mean session length in seconds over all scenes."""
        count = self.total_sessions
        if not count:
            return None
        return sum(s.stats.total_session_time for s in self.scenes.values()) / count


@dataclass(frozen=True, slots=True)
class Cognitive3DData:
    """The organization and the state of each of its projects."""

    organization: Organization
    projects: dict[int, ProjectState]


class Cognitive3DCoordinator(DataUpdateCoordinator[Cognitive3DData]):
    """Polls one organization (default every 15 minutes, configurable in options)."""

    config_entry: Cognitive3DConfigEntry

    def __init__(
        self, hass: HomeAssistant, entry: Cognitive3DConfigEntry, client: Cognitive3DClient
    ) -> None:
        minutes = entry.options.get(CONF_SCAN_INTERVAL_MINUTES, DEFAULT_SCAN_INTERVAL_MINUTES)
        super().__init__(
            hass,
            LOGGER,
            config_entry=entry,
            name=f"Cognitive3D {entry.title}",
            update_interval=timedelta(minutes=minutes),
        )
        self.client = client
        self.org_id: int = entry.data[CONF_ORGANIZATION_ID]
        self._failures = 0

    async def _async_update_data(self) -> Cognitive3DData:
        try:
            data = await self._fetch()
        except Cognitive3DError as err:
            failure = refresh_error(COGNITIVE3D_ERRORS, err)
            if isinstance(failure, UpdateFailed):
                self._failures += 1
                if self.data is not None and self._failures <= TOLERATED_FAILURES:
                    LOGGER.info(
                        "%s: keeping the last data after a failed refresh: %s", self.name, err
                    )
                    return self.data
            raise failure from err
        self._failures = 0
        return data

    async def _fetch(self) -> Cognitive3DData:
        organization = await self.client.get_organization(self.org_id)
        states = await asyncio.gather(
            *(self._fetch_project(summary.id) for summary in organization.projects)
        )
        return Cognitive3DData(
            organization=organization,
            projects={state.project.id: state for state in states if state is not None},
        )

    async def _fetch_project(self, project_id: int) -> ProjectState | None:
        """Fetch a project, its scenes' stats, and its recent session counts."""
        now = dt_util.utcnow()
        try:
            project, day, week = await asyncio.gather(
                self.client.get_project(project_id),
                self.client.count_sessions(project_id, start=now - timedelta(days=1), end=now),
                self.client.count_sessions(project_id, start=now - timedelta(days=7), end=now),
            )
            scenes = await asyncio.gather(
                *(self.client.get_scene(scene.id) for scene in project.scenes)
            )
        except Cognitive3DNotFoundError:
            # Deleted between the organization read and this one: gone next cycle anyway.
            return None
        return ProjectState(
            project=project,
            scenes={scene.id: scene for scene in scenes},
            sessions_24h=day,
            sessions_7d=week,
        )
