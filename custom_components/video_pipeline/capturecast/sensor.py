"""Sensors of a CaptureCast unit: capture state, disk, schedule, devices and diagnostics."""

from __future__ import annotations

from collections.abc import Callable, Sized
from dataclasses import dataclass
from datetime import datetime, timedelta

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import EntityCategory, UnitOfInformation, UnitOfTime
from homeassistant.util import dt as dt_util

from ..clients.capturecast import CaptureState
from ..compat import PERCENT
from ..providers import PlatformSetup, entities_platform
from .coordinator import CaptureCastData
from .data import CaptureCastRuntimeData
from .entity import CaptureCastEntity

type SensorValue = str | int | float | datetime | None


def _next_scheduled(data: CaptureCastData) -> datetime | None:
    """Start of the earliest capture today that has not started yet."""
    now = dt_util.utcnow()
    starts = [
        event.start
        for event in data.slow.schedule or ()
        if event.start is not None and not event.started and event.start > now
    ]
    return min(starts, default=None)


def _boot_time(data: CaptureCastData) -> datetime | None:
    """When the unit booted, to the minute, so the state does not change at every poll."""
    status = data.slow.status
    if status is None or status.uptime_seconds is None:
        return None
    booted = dt_util.utcnow() - timedelta(seconds=status.uptime_seconds)
    return booted.replace(second=0, microsecond=0)


def _elapsed(data: CaptureCastData) -> float:
    capture = data.capture
    return capture.elapsed_seconds or 0.0 if capture.is_capturing else 0.0


@dataclass(frozen=True, kw_only=True)
class CaptureCastSensorDescription(SensorEntityDescription):
    """A unit sensor, how to read it, and when the unit provides it."""

    value_fn: Callable[[CaptureCastData], SensorValue]
    available_fn: Callable[[CaptureCastData], bool] = lambda _: True


def _count(
    key: str, part: Callable[[CaptureCastData], Sized | None]
) -> CaptureCastSensorDescription:
    """How many items a part of the slow state lists; unavailable when the unit lacks it."""
    return CaptureCastSensorDescription(
        key=key,
        translation_key=f"capturecast_{key}",
        state_class=SensorStateClass.MEASUREMENT,
        available_fn=lambda data: part(data) is not None,
        value_fn=lambda data: len(part(data) or ()),
    )


SENSORS: tuple[CaptureCastSensorDescription, ...] = (
    CaptureCastSensorDescription(
        key="capture_state",
        translation_key="capturecast_capture_state",
        device_class=SensorDeviceClass.ENUM,
        options=[state.value for state in CaptureState],
        value_fn=lambda data: data.capture.state.value,
    ),
    CaptureCastSensorDescription(
        key="capture_title",
        translation_key="capturecast_capture_title",
        value_fn=lambda data: data.capture.title if data.capture.is_capturing else None,
    ),
    CaptureCastSensorDescription(
        key="capture_elapsed",
        translation_key="capturecast_capture_elapsed",
        device_class=SensorDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.SECONDS,
        suggested_display_precision=0,
        value_fn=_elapsed,
    ),
    CaptureCastSensorDescription(
        key="disk_free",
        translation_key="capturecast_disk_free",
        device_class=SensorDeviceClass.DATA_SIZE,
        state_class=SensorStateClass.MEASUREMENT,
        native_unit_of_measurement=UnitOfInformation.BYTES,
        suggested_unit_of_measurement=UnitOfInformation.GIGABYTES,
        suggested_display_precision=1,
        available_fn=lambda data: data.slow.disk is not None,
        value_fn=lambda data: data.slow.disk.free if data.slow.disk else None,
    ),
    CaptureCastSensorDescription(
        key="disk_used",
        translation_key="capturecast_disk_used",
        state_class=SensorStateClass.MEASUREMENT,
        native_unit_of_measurement=PERCENT,
        suggested_display_precision=1,
        available_fn=lambda data: data.slow.disk is not None,
        value_fn=lambda data: data.slow.disk.used_percent if data.slow.disk else None,
    ),
    CaptureCastSensorDescription(
        key="next_scheduled_capture",
        translation_key="capturecast_next_scheduled_capture",
        device_class=SensorDeviceClass.TIMESTAMP,
        available_fn=lambda data: data.slow.schedule is not None,
        value_fn=_next_scheduled,
    ),
    _count("scheduled_captures_today", lambda data: data.slow.schedule),
    _count("audio_devices", lambda data: data.slow.audio_devices),
    _count("video_devices", lambda data: data.slow.video_devices),
    CaptureCastSensorDescription(
        key="ip_address",
        translation_key="capturecast_ip_address",
        entity_category=EntityCategory.DIAGNOSTIC,
        available_fn=lambda data: data.slow.network is not None,
        value_fn=lambda data: data.slow.network.ip_address if data.slow.network else None,
    ),
    CaptureCastSensorDescription(
        key="last_boot",
        translation_key="capturecast_last_boot",
        device_class=SensorDeviceClass.TIMESTAMP,
        entity_category=EntityCategory.DIAGNOSTIC,
        entity_registry_enabled_default=False,
        available_fn=lambda data: data.slow.status is not None,
        value_fn=_boot_time,
    ),
)


class CaptureCastSensor(CaptureCastEntity, SensorEntity):
    """One reading of a unit."""

    entity_description: CaptureCastSensorDescription

    def _has_part(self, data: CaptureCastData) -> bool:
        return self.entity_description.available_fn(data)

    @property
    def native_value(self) -> SensorValue:
        """The reading from the latest poll."""
        return self.entity_description.value_fn(self.coordinator.data)


# Add the unit's sensors.
async_setup_entry: PlatformSetup[CaptureCastRuntimeData] = entities_platform(
    lambda runtime: (CaptureCastSensor(runtime.coordinator, d) for d in SENSORS)
)
