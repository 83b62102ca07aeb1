"""Typed models of what a CaptureCast unit returns, parsed leniently.

The vendor documents object types but not every field of every status call. Field names that
are not confirmed are read here, and only here, with fallbacks; unknown values never raise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
import logging
import math
from typing import Any, Final

_LOGGER = logging.getLogger(__name__)

# Roles (confirmed) whose permissions include managing media, which we assume starting and
# stopping a capture needs (not documented): Administrator has every permission, so it surely
# may; Content manager (view + manage media) very probably.
CAPTURE_ROLE_NAMES: Final = ("Administrator", "Content manager")
CAPTURE_ROLES: Final = frozenset(name.lower() for name in CAPTURE_ROLE_NAMES)


class CaptureState(StrEnum):
    """What the unit's capture pipeline is doing."""

    IDLE = "idle"
    RECORDING = "recording"
    PAUSED = "paused"
    PROCESSING = "processing"
    PUBLISHING = "publishing"
    UNKNOWN = "unknown"


# Raw state strings seen in vendor text, and likely variants, mapped case-insensitively.
_STATE_ALIASES: Final[dict[str, CaptureState]] = {
    "idle": CaptureState.IDLE,
    "stopped": CaptureState.IDLE,
    "ready": CaptureState.IDLE,
    "capturing": CaptureState.RECORDING,
    "recording": CaptureState.RECORDING,
    "started": CaptureState.RECORDING,
    "paused": CaptureState.PAUSED,
    "processing": CaptureState.PROCESSING,
    "encoding": CaptureState.PROCESSING,
    "stopping": CaptureState.PROCESSING,
    "publishing": CaptureState.PUBLISHING,
    "uploading": CaptureState.PUBLISHING,
}
_unknown_states_logged: set[str] = set()


def parse_capture_state(raw: object) -> CaptureState:
    """Map a raw ``state`` value to a CaptureState; log an unseen one once."""
    text = str(raw).strip().lower() if raw is not None else ""
    state = _STATE_ALIASES.get(text)
    if state is None:
        if text not in _unknown_states_logged:
            _unknown_states_logged.add(text)
            _LOGGER.info("CaptureCast unit reported an unknown capture state %r", raw)
        return CaptureState.UNKNOWN
    return state


def _str(value: object) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def _float(value: object) -> float | None:
    """A finite number from a JSON number or numeric string, else None.

    Infinity and NaN (which Python's JSON parser accepts, as does ``float("inf")``) and integers
    too large for a float are invalid values like any other: they would make ``int()`` raise
    and are no meaningful size, time or duration.
    """
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = float(value)
    except (ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _int(value: object) -> int | None:
    number = _float(value)  # finite, so int() cannot raise
    return None if number is None else int(number)


def _bool(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes"}
    return bool(value)


def ms_to_datetime(value: object) -> datetime | None:
    """Convert epoch milliseconds (the unit's time format) to an aware UTC datetime."""
    number = _float(value)
    if number is None or number <= 0:
        return None
    try:
        return datetime.fromtimestamp(number / 1000, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def datetime_to_ms(value: datetime) -> int:
    """Convert an aware datetime to epoch milliseconds."""
    return int(value.timestamp() * 1000)


def _first(data: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if data.get(key) is not None:
            return data[key]
    return None


@dataclass(frozen=True, slots=True)
class UnitInfo:
    """Identity of a unit (``/status/unit``: ``unitName`` and ``machineName`` are confirmed)."""

    unit_name: str
    machine_name: str | None
    serial_number: str | None
    model: str | None
    version: str | None

    @property
    def identity(self) -> str:
        """A stable id for the unit that does not change when its address does.

        PROPOSED: a serial number when the unit reports one, else its machine name, else the
        unit name. This is the config entry's unique id.
        """
        return (self.serial_number or self.machine_name or self.unit_name).lower()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> UnitInfo:
        """Parse the unit info object."""
        return cls(
            unit_name=_str(_first(data, "unitName", "name", "machineName")) or "CaptureCast",
            machine_name=_str(data.get("machineName")),
            serial_number=_str(_first(data, "serialNumber", "serial")),
            model=_str(_first(data, "model", "productName")),
            version=_str(_first(data, "version", "softwareVersion", "captureCastVersion")),
        )


@dataclass(frozen=True, slots=True)
class UnitStatus:
    """General status (``/status``, PROPOSED fields: ``uptime`` in seconds, ``version``)."""

    uptime_seconds: int | None
    version: str | None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> UnitStatus:
        """Parse the general status object."""
        return cls(
            uptime_seconds=_int(_first(data, "uptime", "uptimeSeconds")),
            version=_str(_first(data, "version", "softwareVersion")),
        )


@dataclass(frozen=True, slots=True)
class CaptureStatus:
    """The current capture (``/status/capture``: only ``state`` is confirmed)."""

    state: CaptureState
    raw_state: str | None
    title: str | None = None
    template_id: str | None = None
    elapsed_seconds: float | None = None
    started_at: datetime | None = None

    @property
    def is_capturing(self) -> bool:
        """Whether a capture is in progress (recording or paused)."""
        return self.state in (CaptureState.RECORDING, CaptureState.PAUSED)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CaptureStatus:
        """Parse the capture status object; ``elapsed``/``duration`` are milliseconds."""
        elapsed_ms = _float(_first(data, "elapsed", "elapsedTime", "duration"))
        return cls(
            state=parse_capture_state(data.get("state")),
            raw_state=_str(data.get("state")),
            title=_str(data.get("title")),
            template_id=_str(_first(data, "templateID", "templateId")),
            elapsed_seconds=None if elapsed_ms is None else elapsed_ms / 1000,
            started_at=ms_to_datetime(_first(data, "startTime", "started")),
        )


@dataclass(frozen=True, slots=True)
class DiskSpace:
    """Disk space in bytes (``/status/diskSpace``: ``free``, ``usable``, ``total``)."""

    free: int
    usable: int
    total: int

    @property
    def used_percent(self) -> float | None:
        """Share of the disk in use, or None when the unit reports no total."""
        if self.total <= 0:
            return None
        return round((self.total - self.free) / self.total * 100, 1)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DiskSpace:
        """Parse the disk space object."""
        free = _int(data.get("free")) or 0
        return cls(
            free=free,
            usable=_int(data.get("usable")) or free,
            total=_int(data.get("total")) or 0,
        )


@dataclass(frozen=True, slots=True)
class NetworkStatus:
    """Network connectivity (``/status/network``, PROPOSED fields)."""

    ip_address: str | None
    hostname: str | None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NetworkStatus:
        """Parse the network status object."""
        address = _first(data, "ipAddress", "address", "ip")
        interfaces = data.get("interfaces")
        if address is None and isinstance(interfaces, list):
            for interface in interfaces:
                if isinstance(interface, dict) and interface.get("address"):
                    address = interface["address"]
                    break
        return cls(ip_address=_str(address), hostname=_str(_first(data, "hostname", "hostName")))


@dataclass(frozen=True, slots=True)
class Device:
    """An audio or video input device."""

    id: str
    name: str
    kind: str

    @classmethod
    def from_dict(cls, data: dict[str, Any], kind: str) -> Device:
        """Parse a device element."""
        device_id = _str(_first(data, "id", "deviceID", "deviceId")) or ""
        return cls(id=device_id, name=_str(data.get("name")) or device_id, kind=kind)


@dataclass(frozen=True, slots=True)
class Template:
    """A capture template."""

    id: str
    name: str

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Template:
        """Parse a template object."""
        template_id = _str(_first(data, "id", "templateID")) or ""
        return cls(id=template_id, name=_str(data.get("name")) or template_id)


@dataclass(frozen=True, slots=True)
class ScheduledEvent:
    """A scheduled capture (confirmed Event type; times are epoch ms on the wire)."""

    id: str
    title: str | None
    template_id: str | None
    start: datetime | None
    stop: datetime | None
    started: bool
    completed: bool
    media_package_id: str | None
    group_id: str | None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ScheduledEvent:
        """Parse an Event object."""
        return cls(
            id=_str(data.get("id")) or "",
            title=_str(data.get("title")),
            template_id=_str(_first(data, "templateID", "templateId")),
            start=ms_to_datetime(data.get("startTime")),
            stop=ms_to_datetime(data.get("stopTime")),
            started=_bool(data.get("started")),
            completed=_bool(data.get("completed")),
            media_package_id=_str(data.get("mediaPackageID")),
            group_id=_str(data.get("groupID")),
        )

    def as_dict(self) -> dict[str, Any]:
        """Serialize for service responses (ISO times)."""
        return {
            "id": self.id,
            "title": self.title,
            "template_id": self.template_id,
            "start": self.start.isoformat() if self.start else None,
            "end": self.stop.isoformat() if self.stop else None,
            "started": self.started,
            "completed": self.completed,
            "media_package_id": self.media_package_id,
        }


# The guess table of a media package: every field we read, and the wire names tried in order.
# None of them is confirmed; only the type's name is documented. ``url`` is the address of the
# recording that a media player could fetch; no unit is known to give one.
MEDIA_PACKAGE_GUESSES: Final[dict[str, tuple[str, ...]]] = {
    "id": ("id", "mediaPackageID"),
    "title": ("title",),
    "created": ("creationDate", "created", "startTime"),  # epoch ms
    "duration": ("duration",),  # ms
    "state": ("state", "status"),
    "url": ("url", "downloadURL", "playbackURL"),
}


@dataclass(frozen=True, slots=True)
class MediaPackage:
    """A recording the unit produced (every field beyond ``id`` is a guess)."""

    id: str
    title: str | None
    created: datetime | None
    duration_seconds: float | None
    state: str | None
    url: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MediaPackage:
        """Parse a media package object."""
        guesses = MEDIA_PACKAGE_GUESSES
        duration_ms = _float(_first(data, *guesses["duration"]))
        return cls(
            id=_str(_first(data, *guesses["id"])) or "",
            title=_str(_first(data, *guesses["title"])),
            created=ms_to_datetime(_first(data, *guesses["created"])),
            duration_seconds=None if duration_ms is None else duration_ms / 1000,
            state=_str(_first(data, *guesses["state"])),
            url=_str(_first(data, *guesses["url"])),
        )

    def as_dict(self) -> dict[str, Any]:
        """Serialize for service responses (ISO times)."""
        return {
            "id": self.id,
            "title": self.title,
            "created": self.created.isoformat() if self.created else None,
            "duration": self.duration_seconds,
            "state": self.state,
            "url": self.url,
        }


@dataclass(frozen=True, slots=True)
class User:
    """A CaptureCast user (the User type is documented; where users are listed is not)."""

    id: int | None
    username: str
    roles: tuple[str, ...]
    # False when the unit's answer had no list of roles (a shape we do not know).
    roles_listed: bool = True

    @property
    def can_capture(self) -> bool:
        """Whether one of the user's roles may start and stop captures (see CAPTURE_ROLES)."""
        return any(role.strip().lower() in CAPTURE_ROLES for role in self.roles)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> User:
        """Parse a user object."""
        roles = data.get("roles")
        return cls(
            id=_int(data.get("id")),
            username=_str(data.get("username")) or "",
            roles=tuple(str(role) for role in roles) if isinstance(roles, list) else (),
            roles_listed=isinstance(roles, list),
        )


@dataclass(frozen=True, slots=True)
class CaptureRequest:
    """What to capture (confirmed CaptureRequest type); ``duration`` is sent in ms."""

    template_id: str
    title: str | None = None
    duration_seconds: float | None = None
    speaker: str | None = None
    tags: tuple[str, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)
    publishing: bool | None = None

    def to_wire(self) -> dict[str, Any]:
        """Build the JSON object the unit expects in the ``captureRequest`` form field."""
        body: dict[str, Any] = {"templateID": self.template_id}
        if self.title:
            body["title"] = self.title
        if self.duration_seconds is not None:
            body["duration"] = int(self.duration_seconds * 1000)
        if self.speaker:
            body["speaker"] = self.speaker
        if self.tags:
            body["tags"] = list(self.tags)
        if self.metadata:
            body["metadata"] = self.metadata
        if self.publishing is not None:
            body["publishing"] = self.publishing
        return body


@dataclass(frozen=True, slots=True)
class ScheduleRequest:
    """A capture to schedule (the Event type's writable fields)."""

    template_id: str
    title: str
    start: datetime
    stop: datetime

    def to_wire(self) -> dict[str, Any]:
        """Build the JSON object the unit expects in the ``event`` form field."""
        return {
            "templateID": self.template_id,
            "title": self.title,
            "startTime": datetime_to_ms(self.start),
            "stopTime": datetime_to_ms(self.stop),
        }
