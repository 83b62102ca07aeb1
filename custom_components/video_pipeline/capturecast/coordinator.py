"""One DataUpdateCoordinator per CaptureCast unit.

Capture state changes by the second and is polled every update; disk, schedule, templates,
devices and unit status change slowly and are fetched on a slower cadence. A unit's requests go
one after another over one keep-alive connection.
"""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass, field
from datetime import timedelta
import time
from typing import TYPE_CHECKING, Final
import zlib

from homeassistant.helpers.update_coordinator import DataUpdateCoordinator

from ..client_errors import CAPTURECAST_ERRORS, refresh_error
from ..clients.capturecast import (
    CaptureCastClient,
    CaptureCastError,
    CaptureCastNotFoundError,
    CaptureCastPermissionError,
    CaptureStatus,
    Device,
    DiskSpace,
    NetworkStatus,
    ScheduledEvent,
    Template,
    UnitInfo,
    UnitStatus,
)
from ..const import LOGGER

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .data import CaptureCastConfigEntry

# Capture state drives the record/pause switches, so it is polled often enough to follow a
# button press on the unit; everything else changes over minutes (see README "Polling").
FAST_INTERVAL: Final = timedelta(seconds=10)
SLOW_INTERVAL: Final = timedelta(minutes=2)


@dataclass(frozen=True, slots=True)
class SlowState:
    """State that changes over minutes. A part is None when the unit does not offer it."""

    status: UnitStatus | None
    disk: DiskSpace | None
    network: NetworkStatus | None
    schedule: list[ScheduledEvent] | None
    templates: list[Template] | None
    audio_devices: list[Device] | None
    video_devices: list[Device] | None


@dataclass(frozen=True, slots=True)
class CaptureCastData:
    """Everything the unit's entities show."""

    capture: CaptureStatus
    slow: SlowState
    fetched_at: float = field(default_factory=time.monotonic)


class CaptureCastCoordinator(DataUpdateCoordinator[CaptureCastData]):
    """Polls one unit: capture state each update, the rest every SLOW_INTERVAL."""

    config_entry: CaptureCastConfigEntry

    def __init__(
        self,
        hass: HomeAssistant,
        entry: CaptureCastConfigEntry,
        client: CaptureCastClient,
        info: UnitInfo,
    ) -> None:
        super().__init__(
            hass,
            LOGGER,
            config_entry=entry,
            name=f"CaptureCast {info.unit_name}",
            update_interval=FAST_INTERVAL,
        )
        self.client = client
        self.info = info
        self._slow: SlowState | None = None
        self._slow_fetched_at = 0.0
        # Units set up together (say at HA start) would all fetch their slow state in the same
        # poll; a stable per-unit offset spreads those fetches over the slow interval.
        slow_seconds = SLOW_INTERVAL.total_seconds()
        self._slow_offset = zlib.crc32(info.identity.encode()) % int(slow_seconds)
        self._unsupported: set[str] = set()

    def invalidate_slow_state(self) -> None:
        """Make the next refresh fetch the slow state too (after an action that changes it)."""
        self._slow_fetched_at = 0.0

    async def _async_update_data(self) -> CaptureCastData:
        slow_due = (
            self._slow is None
            or time.monotonic() - self._slow_fetched_at >= SLOW_INTERVAL.total_seconds()
        )
        try:
            # One request at a time: each unit then needs one keep-alive connection, not eight
            # opened at once (200 units starting together opened 1,800; see bench/RESULTS.md).
            capture = await self.client.get_capture_status()
            if slow_due:
                slow = await self._fetch_slow()
                fetched_at = time.monotonic()
                if self._slow is None:  # the first fetch: shift this unit's slow cadence
                    fetched_at -= self._slow_offset
                self._slow, self._slow_fetched_at = slow, fetched_at
        except CaptureCastError as err:
            raise refresh_error(CAPTURECAST_ERRORS, err) from err
        assert self._slow is not None
        return CaptureCastData(capture=capture, slow=self._slow)

    async def _fetch_slow(self) -> SlowState:
        client = self.client
        return SlowState(
            status=await self._optional("status", client.get_status()),
            disk=await self._optional("disk", client.get_disk_space()),
            network=await self._optional("network", client.get_network()),
            schedule=await self._optional("schedule", client.get_todays_schedule()),
            templates=await self._optional("templates", client.get_templates()),
            audio_devices=await self._optional("audio_devices", client.get_audio_devices()),
            video_devices=await self._optional("video_devices", client.get_video_devices()),
        )

    async def _optional[T](self, part: str, call: Awaitable[T]) -> T | None:
        """Fetch one part; a unit without it (404, or 403 for this user) leaves it None.

        Only the paths confirmed on real units are required; a documented-but-unconfirmed path
        that a unit does not serve makes its entities unavailable, not the whole unit.
        """
        try:
            return await call
        except (CaptureCastNotFoundError, CaptureCastPermissionError) as err:
            if part not in self._unsupported:
                self._unsupported.add(part)
                LOGGER.info("%s does not provide %s: %s", self.name, part, err)
            return None
