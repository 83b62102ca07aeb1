"""Typed models of ContentGroove's JSON:API resources, parsed leniently (odd values never raise).

Some numbers arrive as strings, so every number is coerced; a value of the wrong type becomes
None rather than an error. Field names are those of the examples in ContentGroove OpenAPI,
vendor_specs/contentgroove-openapi.yaml (the spec has no response schemas, only examples, and
the POST /api/v1/medias callback schema); the contract test checks the simulator against them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
import math
from typing import Any


def _str(value: Any) -> str | None:
    """A string, or a number written as one; anything else is None."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _float(value: Any) -> float | None:
    """A finite number, from a number or a numeric string ("12.5", or "1:02:03.5")."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = 0.0
            # PROPOSED: durations may be written "hh:mm:ss"; each part is a number.
            for part in value.strip().split(":"):
                number = number * 60 + float(part)
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def _int(value: Any) -> int | None:
    number = _float(value)
    return None if number is None else int(number)


def _bool(value: Any) -> bool | None:
    """A boolean, also from "true"/"false" and 1/0; anything else is None."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in ("true", "false", "1", "0"):
        return value.strip().lower() in ("true", "1")
    return None


def resource_id(resource: Any) -> str | None:
    """The ``id`` of a JSON:API resource object (a string or a number), else None."""
    if not isinstance(resource, Mapping):
        return None
    value = _str(resource.get("id"))
    return value or None


def _attributes(resource: Mapping[str, Any]) -> Mapping[str, Any]:
    attributes = resource.get("attributes")
    return attributes if isinstance(attributes, Mapping) else {}


@dataclass(frozen=True, slots=True)
class WebhookSubscription:
    """A webhook subscription (``webhook_subscriptions`` resource)."""

    id: str
    url: str | None
    events: tuple[str, ...]
    active: bool | None

    @classmethod
    def from_resource(cls, resource: Mapping[str, Any]) -> WebhookSubscription:
        """Parse a resource object.

        ContentGroove OpenAPI, vendor_specs/contentgroove-openapi.yaml,
        /api/v1/webhook_subscriptions/{id} GET 200 example: attributes active, created_at,
        subscribed_events, updated_at, url. Finding: its examples subscribe to ``["*"]``
        (every event), which is kept as the event ``*``.
        """
        attributes = _attributes(resource)
        events = attributes.get("subscribed_events")
        return cls(
            id=resource_id(resource) or "",
            url=_str(attributes.get("url")),
            events=tuple(e for e in events if isinstance(e, str))
            if isinstance(events, list)
            else (),
            active=_bool(attributes.get("active")),
        )


@dataclass(frozen=True, slots=True)
class Media:
    """A media (video or audio) ContentGroove fetched and processes."""

    id: str
    name: str | None
    description: str | None
    is_processing: bool | None
    has_fetch_error: bool | None
    source_url: str | None
    duration_seconds: float | None
    preview_image_url: str | None

    @classmethod
    def from_resource(cls, resource: Mapping[str, Any]) -> Media:
        """Parse a ``medias`` resource object."""
        attributes = _attributes(resource)
        return cls(
            id=resource_id(resource) or "",
            name=_str(attributes.get("name")),
            description=_str(attributes.get("description")),
            is_processing=_bool(attributes.get("is_processing")),
            has_fetch_error=_bool(attributes.get("has_fetch_error")),
            source_url=_str(attributes.get("source_url")),
            # ContentGroove OpenAPI, vendor_specs/contentgroove-openapi.yaml, the callback's
            # media source_file_duration: typed number, but its example is "98.865532".
            duration_seconds=_float(attributes.get("source_file_duration")),
            preview_image_url=_str(attributes.get("source_file_preview_image_url")),
        )

    def to_resource(self) -> dict[str, Any]:
        """The resource object as the API writes it (for building deliveries)."""
        return {
            "id": self.id,
            "type": "medias",
            "attributes": {
                "name": self.name,
                "description": self.description,
                "is_processing": self.is_processing,
                "has_fetch_error": self.has_fetch_error,
                "source_url": self.source_url,
                "source_file_duration": self.duration_seconds,
                "source_file_preview_image_url": self.preview_image_url,
            },
        }


@dataclass(frozen=True, slots=True)
class Clip:
    """A suggested clip of a media; a lower ``rank`` is a better clip."""

    id: str
    name: str | None
    start_time: float | None
    end_time: float | None
    rank: int | None
    text: str | None
    media_file_url: str | None
    # ContentGroove OpenAPI, vendor_specs/contentgroove-openapi.yaml, every /api/v1/clips
    # example: relationships.media.data.id (absent from the callback's clips).
    media_id: str | None = None
    is_processing: bool | None = None

    @classmethod
    def from_resource(cls, resource: Mapping[str, Any]) -> Clip:
        """Parse a ``clips`` resource object."""
        attributes = _attributes(resource)
        relationships = resource.get("relationships")
        media = relationships.get("media") if isinstance(relationships, Mapping) else None
        media_ref = media.get("data") if isinstance(media, Mapping) else None
        return cls(
            id=resource_id(resource) or "",
            name=_str(attributes.get("name")),
            # ContentGroove OpenAPI, vendor_specs/contentgroove-openapi.yaml: numbers in the
            # /api/v1/clips examples (1, 2), but "57.71" and "96.63" in the callback's
            # examples (typed number); rank is an integer (callback schema), null in examples.
            start_time=_float(attributes.get("start_time")),
            end_time=_float(attributes.get("end_time")),
            rank=_int(attributes.get("rank")),
            text=_str(attributes.get("text")),
            media_file_url=_str(attributes.get("media_file_url")),
            media_id=resource_id(media_ref),
            is_processing=_bool(attributes.get("is_processing")),
        )

    def to_resource(self) -> dict[str, Any]:
        """The resource object as the API writes it (for building deliveries)."""
        resource: dict[str, Any] = {
            "id": self.id,
            "type": "clips",
            "attributes": {
                "name": self.name,
                "start_time": self.start_time,
                "end_time": self.end_time,
                "rank": self.rank,
                "text": self.text,
                "media_file_url": self.media_file_url,
                "is_processing": self.is_processing,
            },
        }
        if self.media_id is not None:
            resource["relationships"] = {"media": {"data": {"id": self.media_id, "type": "medias"}}}
        return resource
