"""Typed models of Cognitive3D answers, parsed leniently.

The shapes follow the example answers in Cognitive3D's public agent docs
(``CognitiveVR/c3d-marketplace-public``,
``plugins/cognitive3d-public-api/skills/cognitive3d-public-api/references/endpoints.md``):
organization with ``projects``, project with ``scenes`` and versions, per-version scene ``stats``
in milliseconds, and session lists ``{count, pages, currentPage, results}`` whose sessions carry
their device, participant and tags in ``properties``. Field names are read here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any


def _first(data: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if data.get(key) is not None:
            return data[key]
    return None


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def parse_time(value: object) -> datetime | None:
    """Read a time given as epoch milliseconds (number or digits) or an ISO-8601 string."""
    number = _number(value)
    if number is not None:
        if number <= 0:
            return None
        try:
            return datetime.fromtimestamp(number / 1000, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str) and value:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


def _ms_to_seconds(value: object) -> float | None:
    number = _number(value)
    return None if number is None else number / 1000


def _id(value: object) -> int | None:
    number = _number(value)
    return None if number is None else int(number)


def _objects(value: object) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


@dataclass(frozen=True, slots=True)
class ProjectSummary:
    """A project as listed in its organization."""

    id: int
    name: str


@dataclass(frozen=True, slots=True)
class Organization:
    """An organization and the projects it holds."""

    id: int
    name: str
    projects: tuple[ProjectSummary, ...]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Organization:
        """Parse ``GET /v0/organizations/{id}``."""
        projects = []
        for item in _objects(data.get("projects")):
            project_id = _id(item.get("id"))
            if project_id is not None:
                projects.append(ProjectSummary(project_id, str(item.get("name") or project_id)))
        org_id = _id(data.get("id")) or 0
        return cls(id=org_id, name=str(data.get("name") or org_id), projects=tuple(projects))


@dataclass(frozen=True, slots=True)
class SceneSummary:
    """A scene of a project."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Project:
    """A project and its scenes."""

    id: int
    name: str
    scenes: tuple[SceneSummary, ...]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Project:
        """Parse ``GET /v0/projects/{id}``."""
        scenes = tuple(
            SceneSummary(
                str(item["id"]), str(item.get("sceneName") or item.get("name") or item["id"])
            )
            for item in _objects(data.get("scenes"))
            if item.get("id") is not None
        )
        project_id = _id(data.get("id")) or 0
        return cls(id=project_id, name=str(data.get("name") or project_id), scenes=scenes)


@dataclass(frozen=True, slots=True)
class SceneStats:
    """Session statistics of a scene, summed over its versions (times in seconds)."""

    session_count: int
    latest_session: datetime | None
    total_session_time: float
    average_session_duration: float | None


@dataclass(frozen=True, slots=True)
class Scene:
    """A scene with its statistics."""

    id: str
    name: str
    stats: SceneStats

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Scene:
        """Parse ``GET /v0/scenes/{id}``: ``stats`` per version, in milliseconds."""
        count = 0
        total = 0.0
        latest: datetime | None = None
        for version in _objects(data.get("versions")) or [data]:
            stats = version.get("stats")
            if not isinstance(stats, dict):
                continue
            count += int(_number(stats.get("session_count")) or 0)
            total += _ms_to_seconds(stats.get("total_session_time")) or 0.0
            seen = parse_time(stats.get("latest_session"))
            if seen is not None and (latest is None or seen > latest):
                latest = seen
        return cls(
            id=str(data.get("id")),
            name=str(data.get("sceneName") or data.get("name") or data.get("id")),
            stats=SceneStats(
                session_count=count,
                latest_session=latest,
                total_session_time=total,
                average_session_duration=total / count if count else None,
            ),
        )


# endpoints.md, session list example: ``hmd`` is null and ``deviceId``/``user`` are hashes; the
# headset model is ``properties["c3d.device.model"]`` ("Oculus Quest"). The SDKs set it
# (CognitiveVR/cvr-sdk-js devicePropertyMap DeviceModel: 'c3d.device.model'), and the official
# Python client deprecated ``hmd`` (CognitiveVR/cognitive3dpy CHANGELOG v1.1.0, _schema.py).
DEVICE_PROPERTY = "c3d.device.model"
# endpoints.md: the participant's name is ``properties["c3d.participant.name"]``; ``friendlyName``
# is the session's display name, often the same; ``participantId`` is an id such as "00130".
PARTICIPANT_PROPERTY = "c3d.participant.name"
# endpoints.md: ``properties["c3d.session_tag.<tag>"]`` are booleans (test, junk, ...), and
# ``tags`` is "an array of tag objects" whose shape no example shows.
TAG_PROPERTY_PREFIX = "c3d.session_tag."


def _text(value: object) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


def _session_tags(data: dict[str, Any], properties: dict[str, Any]) -> tuple[str, ...]:
    """Tags set to true in ``properties``, then any named in ``tags`` (strings or objects)."""
    tags: list[str] = [
        key.removeprefix(TAG_PROPERTY_PREFIX)
        for key, value in properties.items()
        if key.startswith(TAG_PROPERTY_PREFIX) and value is True
    ]
    raw = data.get("tags")
    for item in raw if isinstance(raw, list) else []:
        name = _text(_first(item, "title", "name")) if isinstance(item, dict) else _text(item)
        if name is not None and name not in tags:
            tags.append(name)
    return tuple(tags)


@dataclass(frozen=True, slots=True)
class Session:
    """One recorded session."""

    id: str
    date: datetime | None
    duration_seconds: float | None
    participant: str | None
    device: str | None
    tags: tuple[str, ...]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Session:
        """Parse one result of a session list query."""
        raw_properties = data.get("properties")
        properties = raw_properties if isinstance(raw_properties, dict) else {}
        participant = _text(properties.get(PARTICIPANT_PROPERTY)) or _text(
            _first(data, "friendlyName", "participantId")
        )
        return cls(
            id=str(_first(data, "sessionId", "sdkSessionId", "id") or ""),
            # endpoints.md: ``date`` is ISO 8601, ``startTime`` the same moment in epoch ms.
            date=parse_time(_first(data, "date", "startTime")),
            duration_seconds=_ms_to_seconds(data.get("duration")),
            participant=participant,
            device=_text(properties.get(DEVICE_PROPERTY)),
            tags=_session_tags(data, properties),
        )

    def as_dict(self) -> dict[str, Any]:
        """Serialize for service responses."""
        return {
            "session_id": self.id,
            "date": self.date.isoformat() if self.date else None,
            "duration": self.duration_seconds,
            "participant": self.participant,
            "device": self.device,
            "tags": list(self.tags),
        }


@dataclass(frozen=True, slots=True)
class SessionPage:
    """One page of a session list query."""

    count: int
    pages: int
    current_page: int
    results: tuple[Session, ...]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SessionPage:
        """Parse ``{count, pages, currentPage, results}``."""
        return cls(
            count=int(_number(data.get("count")) or 0),
            pages=int(_number(data.get("pages")) or 0),
            current_page=int(_number(data.get("currentPage")) or 0),
            results=tuple(Session.from_dict(item) for item in _objects(data.get("results"))),
        )
