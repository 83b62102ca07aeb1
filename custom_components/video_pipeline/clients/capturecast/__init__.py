"""Async client for the Cattura CaptureCast HTTP API v1."""

from .client import CaptureCastClient
from .exceptions import (
    CaptureCastAuthenticationError,
    CaptureCastConnectionError,
    CaptureCastError,
    CaptureCastNotFoundError,
    CaptureCastPermissionError,
    CaptureCastResponseError,
)
from .models import (
    CAPTURE_ROLE_NAMES,
    CAPTURE_ROLES,
    CaptureRequest,
    CaptureState,
    CaptureStatus,
    Device,
    DiskSpace,
    MediaPackage,
    NetworkStatus,
    ScheduledEvent,
    ScheduleRequest,
    Template,
    UnitInfo,
    UnitStatus,
    User,
)

__all__ = [
    "CAPTURE_ROLES",
    "CAPTURE_ROLE_NAMES",
    "CaptureCastAuthenticationError",
    "CaptureCastClient",
    "CaptureCastConnectionError",
    "CaptureCastError",
    "CaptureCastNotFoundError",
    "CaptureCastPermissionError",
    "CaptureCastResponseError",
    "CaptureRequest",
    "CaptureState",
    "CaptureStatus",
    "Device",
    "DiskSpace",
    "MediaPackage",
    "NetworkStatus",
    "ScheduleRequest",
    "ScheduledEvent",
    "Template",
    "UnitInfo",
    "UnitStatus",
    "User",
]
