"""api.video webhook deliveries: signatures, event types and payload parsing (HA-free)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
import hashlib
import hmac
import json
from typing import Any, Final

from .models import parse_datetime

SIGNATURE_HEADER: Final = "X-Api-Video-Signature"
WEBHOOK_ID_HEADER: Final = "X-Api-Video-WebhookID"

VIDEO_ENCODING_QUALITY_COMPLETED: Final = "video.encoding.quality.completed"
LIVE_STREAM_BROADCAST_STARTED: Final = "live-stream.broadcast.started"
LIVE_STREAM_BROADCAST_ENDED: Final = "live-stream.broadcast.ended"
VIDEO_SOURCE_RECORDED: Final = "video.source.recorded"
VIDEO_CAPTION_GENERATED: Final = "video.caption.generated"
VIDEO_SUMMARY_GENERATED: Final = "video.summary.generated"

EVENT_TYPES: Final = (
    VIDEO_ENCODING_QUALITY_COMPLETED,
    LIVE_STREAM_BROADCAST_STARTED,
    LIVE_STREAM_BROADCAST_ENDED,
    VIDEO_SOURCE_RECORDED,
    VIDEO_CAPTION_GENERATED,
    VIDEO_SUMMARY_GENERATED,
)

# The ids each known event must carry as strings (from the vendor's event table).
REQUIRED_IDS: Final[dict[str, tuple[str, ...]]] = {
    VIDEO_ENCODING_QUALITY_COMPLETED: ("videoId",),
    LIVE_STREAM_BROADCAST_STARTED: ("liveStreamId",),
    LIVE_STREAM_BROADCAST_ENDED: ("liveStreamId",),
    VIDEO_SOURCE_RECORDED: ("liveStreamId", "videoId"),
    VIDEO_CAPTION_GENERATED: ("videoId", "captionId"),
    VIDEO_SUMMARY_GENERATED: ("videoId", "summaryId"),
}
# Every id a delivery may carry, in the order they go into the dedupe key.
_ID_KEYS: Final = ("videoId", "liveStreamId", "captionId", "summaryId")


class InvalidDeliveryError(ValueError):
    """A delivery body is not a JSON object shaped like an api.video event."""


def sign(secret: str, body: bytes) -> str:
    """Return the signature api.video sends: lowercase hex HMAC-SHA256 of the raw body."""
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, signature: str | None) -> bool:
    """Whether ``signature`` is the body's signature with ``secret`` (constant-time)."""
    if not signature or not secret:
        return False
    expected = sign(secret, body)
    # Compare bytes: compare_digest refuses non-ASCII str, and a header may carry anything.
    given = signature.strip().lower().encode("utf-8", "replace")
    return hmac.compare_digest(expected.encode(), given)


@dataclass(frozen=True, slots=True)
class Delivery:
    """One parsed webhook delivery."""

    type: str
    emitted_at: datetime | None
    emitted_at_raw: str | None
    video_id: str | None
    live_stream_id: str | None
    payload: dict[str, Any] = field(repr=False)

    @property
    def known(self) -> bool:
        """Whether the event type is one of the six the vendor documents."""
        return self.type in EVENT_TYPES

    def dedupe_key(self, webhook_id: str | None) -> str:
        """Return a short stable key, equal for retries and duplicates of one event.

        The vendor sends no event id, so the key is built from the subscription, the type,
        every id in the payload, the encoding/quality of an encoding event and ``emittedAt``.
        """
        parts = [webhook_id or "", self.type, self.emitted_at_raw or ""]
        parts += [str(self.payload.get(key, "")) for key in (*_ID_KEYS, "encoding", "quality")]
        digest = hashlib.sha256(json.dumps(parts).encode()).hexdigest()
        return digest[:24]


def parse_delivery(body: bytes) -> Delivery:
    """Parse and validate a delivery body; raise InvalidDeliveryError when it is malformed.

    Python's own JSON parser keeps integers of any length exact.
    """
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError) as err:
        raise InvalidDeliveryError(f"body is not JSON: {err}") from err
    return parse_payload(payload)


def parse_payload(payload: Any) -> Delivery:
    """Validate an already decoded delivery body; raise InvalidDeliveryError when malformed."""
    if not isinstance(payload, dict):
        raise InvalidDeliveryError(f"body is a JSON {type(payload).__name__}, not an object")
    event_type = payload.get("type")
    if not isinstance(event_type, str) or not event_type:
        raise InvalidDeliveryError("body has no string 'type'")
    for key in REQUIRED_IDS.get(event_type, ()):
        if not isinstance(payload.get(key), str) or not payload[key]:
            raise InvalidDeliveryError(f"{event_type} delivery lacks a string {key!r}")
    for key in _ID_KEYS:
        if key in payload and payload[key] is not None and not isinstance(payload[key], str):
            raise InvalidDeliveryError(f"{key!r} is not a string")
    raw = payload.get("emittedAt")
    return Delivery(
        type=event_type,
        emitted_at=parse_datetime(raw),
        emitted_at_raw=raw if isinstance(raw, str) else None,
        video_id=payload.get("videoId"),
        live_stream_id=payload.get("liveStreamId"),
        payload=payload,
    )
