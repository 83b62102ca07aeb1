"""Typed models of what api.video returns, parsed leniently (unknown values never raise)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
import re
from typing import Any

from ..transport import header_number

# ISO-8601 as api.video writes it: "Z" or "+hh:mm"/"+hhmm" offsets, with or without fractions
# of any length (Python < 3.11 parsers choke on some of these, so normalise first).
_ISO = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})[T ](?P<time>\d{2}:\d{2}(?::\d{2})?)"
    r"(?:[.,](?P<frac>\d+))?(?P<tz>Z|z|[+-]\d{2}:?\d{2})?$"
)


def parse_datetime(value: Any) -> datetime | None:
    """Parse an ISO-8601 timestamp leniently; anything unreadable gives None."""
    if not isinstance(value, str):
        return None
    match = _ISO.match(value.strip())
    if match is None:
        return None
    frac = (match["frac"] or "")[:6].ljust(6, "0")
    tz = match["tz"] or ""
    if tz in ("Z", "z"):
        tz = "+00:00"
    elif tz and ":" not in tz:
        tz = f"{tz[:3]}:{tz[3:]}"
    time = match["time"] if match["time"].count(":") == 2 else f"{match['time']}:00"
    try:
        return datetime.fromisoformat(f"{match['date']}T{time}.{frac}{tz}")
    except ValueError:
        return None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


@dataclass(frozen=True, slots=True)
class RateLimit:
    """The ``X-RateLimit-*`` headers of the last response."""

    limit: int | None
    remaining: int | None
    retry_after: float | None

    @classmethod
    def from_headers(cls, headers: Mapping[str, str]) -> RateLimit | None:
        """Read the headers; None when the response carried none of them."""
        values = [
            header_number(headers.get(f"X-RateLimit-{name}"))
            for name in ("Limit", "Remaining", "Retry-After")
        ]
        if all(value is None for value in values):
            return None
        limit, remaining, retry_after = values
        return cls(
            limit=None if limit is None else int(limit),
            remaining=None if remaining is None else int(remaining),
            retry_after=retry_after,
        )


@dataclass(frozen=True, slots=True)
class Webhook:
    """A webhook subscription."""

    webhook_id: str
    created_at: datetime | None
    events: tuple[str, ...]
    url: str
    signature_secret: str | None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Webhook:
        """Parse a Webhook object."""
        events = data.get("events")
        return cls(
            webhook_id=_str(data.get("webhookId")) or "",
            created_at=parse_datetime(data.get("createdAt")),
            events=tuple(e for e in events if isinstance(e, str))
            if isinstance(events, list)
            else (),
            url=_str(data.get("url")) or "",
            signature_secret=_str(data.get("signatureSecret")),
        )


@dataclass(frozen=True, slots=True)
class LiveStream:
    """A live stream (only what the integration shows)."""

    id: str
    name: str
    broadcasting: bool

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LiveStream:
        """Parse a LiveStream object."""
        stream_id = _str(data.get("liveStreamId")) or ""
        return cls(
            id=stream_id,
            name=_str(data.get("name")) or stream_id,
            broadcasting=data.get("broadcasting") is True,
        )


@dataclass(frozen=True, slots=True)
class Video:
    """A video: its title, creation time and the asset URLs a player and a browser need.

    Every field is in the spec's ``video`` and ``video-assets`` schemas. ``mp4`` is only there
    when the video has ``mp4Support``; ``hls`` and ``thumbnail`` are there once it is uploaded.
    """

    id: str
    title: str
    created_at: datetime | None
    public: bool
    hls: str | None
    mp4: str | None
    thumbnail: str | None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Video:
        """Parse a Video object."""
        video_id = _str(data.get("videoId")) or ""
        assets = data.get("assets")
        if not isinstance(assets, Mapping):
            assets = {}
        return cls(
            id=video_id,
            title=_str(data.get("title")) or video_id,
            created_at=parse_datetime(data.get("createdAt")),
            # The spec's default: public unless the video says otherwise.
            public=data.get("public") is not False,
            hls=_str(assets.get("hls")) or None,
            mp4=(_str(assets.get("mp4")) or None) if data.get("mp4Support") is not False else None,
            thumbnail=_str(assets.get("thumbnail")) or None,
        )


@dataclass(frozen=True, slots=True)
class VideoPage:
    """One page of the video list, with where it sits in the whole list."""

    videos: tuple[Video, ...]
    page: int
    pages_total: int
    items_total: int

    @property
    def has_next(self) -> bool:
        """Whether a later page exists."""
        return self.page < self.pages_total

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], page: int) -> VideoPage:
        """Parse a ``videos-list-response`` (``data`` and ``pagination``)."""
        items = data.get("data")
        pagination = data.get("pagination")
        if not isinstance(pagination, Mapping):
            pagination = {}
        videos = tuple(Video.from_dict(item) for item in items or () if isinstance(item, Mapping))
        total = pagination.get("pagesTotal")
        count = pagination.get("itemsTotal")
        return cls(
            videos=videos,
            page=page,
            pages_total=total if isinstance(total, int) and total >= page else page,
            items_total=count if isinstance(count, int) else len(videos),
        )
