"""ContentGroove webhook deliveries: parsing the decoded JSON body, and building one (HA-free).

A delivery is ``{"event": ..., "payload": {"data": <media>, "included": [<clips>,
<transcription>]}}`` (ContentGroove OpenAPI, vendor_specs/contentgroove-openapi.yaml,
/api/v1/medias POST callbacks["media.processing_finished"]: its request body schema). There is
no event id and no signature; delivery is at least once (the spec's "Using Webhooks"), so a
receiver deduplicates on (event, media id), which :attr:`Delivery.dedupe_key` gives.

Findings of the contract test in that schema: it puts ``transcription`` beside
``relationships`` while the REST media examples put it inside, so the transcript is read from
``included`` only; and its ``included`` items are ``oneOf`` two schemas that both accept any
object (told apart here by ``type``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from .models import Clip, Media, resource_id

MEDIA_PROCESSING_FINISHED: Final = "media.processing_finished"
# JSON:API type names: "clips" and "transcriptions" in ContentGroove OpenAPI,
# vendor_specs/contentgroove-openapi.yaml (the callback's included examples, and every clip
# example's type). The singular forms are still accepted, as they cost nothing.
CLIP_TYPES: Final = frozenset({"clips", "clip"})
TRANSCRIPTION_TYPES: Final = frozenset({"transcriptions", "transcription"})


class InvalidDeliveryError(ValueError):
    """A delivery body is not shaped like a ContentGroove webhook delivery."""


def _rank_order(clip: Clip) -> tuple[bool, int]:
    return (clip.rank is None, clip.rank or 0)


@dataclass(frozen=True, slots=True)
class Delivery:
    """One parsed delivery: the media, its clips (best rank first) and its transcript."""

    event: str
    media: Media | None
    clips: tuple[Clip, ...]
    transcript: str | None
    raw: dict[str, Any] = field(repr=False)

    @property
    def media_id(self) -> str | None:
        """The id of the media the event is about, when it names one."""
        return None if self.media is None else self.media.id

    @property
    def clip_count(self) -> int:
        """How many clips the delivery carried."""
        return len(self.clips)

    @property
    def top_clip(self) -> Clip | None:
        """The best-ranked clip (the lowest rank number), if any."""
        return self.clips[0] if self.clips else None

    @property
    def dedupe_key(self) -> str | None:
        """Equal for every retry and duplicate of one event; None without a media id."""
        media_id = self.media_id
        return None if media_id is None else f"{self.event}:{media_id}"


def parse_delivery(data: Any) -> Delivery:
    """Parse a decoded delivery body; raise InvalidDeliveryError when it is malformed.

    Unknown events are accepted (vendors add events); ``media.processing_finished`` must name
    a media with an id, as without one it can neither be used nor deduplicated.
    """
    if not isinstance(data, dict):
        raise InvalidDeliveryError(f"the body is a JSON {type(data).__name__}, not an object")
    event = data.get("event")
    if not isinstance(event, str) or not event:
        raise InvalidDeliveryError("the body has no string 'event'")
    payload = data.get("payload", {})
    if not isinstance(payload, dict):
        raise InvalidDeliveryError("the payload is not an object")
    resource = payload.get("data")
    media = (
        Media.from_resource(resource)
        if isinstance(resource, Mapping) and resource_id(resource)
        else None
    )
    if media is None and event == MEDIA_PROCESSING_FINISHED:
        raise InvalidDeliveryError(f"{event} delivery names no media")
    included = payload.get("included")
    resources = [
        item for item in (included if isinstance(included, list) else []) if isinstance(item, dict)
    ]
    clips = sorted(
        (Clip.from_resource(item) for item in resources if item.get("type") in CLIP_TYPES),
        key=_rank_order,
    )
    transcript: str | None = None
    for item in resources:
        if item.get("type") in TRANSCRIPTION_TYPES:
            attributes = item.get("attributes")
            text = attributes.get("text") if isinstance(attributes, dict) else None
            if isinstance(text, str):
                transcript = text
                break
    return Delivery(event=event, media=media, clips=tuple(clips), transcript=transcript, raw=data)


def build_delivery(
    media: Media,
    clips: Iterable[Clip] = (),
    transcript: str | None = None,
    *,
    event: str = MEDIA_PROCESSING_FINISHED,
) -> dict[str, Any]:
    """Build a delivery body the way ContentGroove sends it (for tests and simulators)."""
    clip_list = list(clips)
    resource = media.to_resource()
    relationships: dict[str, Any] = {
        "clips": {"data": [{"id": clip.id, "type": "clips"} for clip in clip_list]}
    }
    included: list[dict[str, Any]] = [clip.to_resource() for clip in clip_list]
    if transcript is not None:
        transcription_id = f"{media.id}-transcription"
        relationships["transcription"] = {
            "data": {"id": transcription_id, "type": "transcriptions"}
        }
        included.append(
            {"id": transcription_id, "type": "transcriptions", "attributes": {"text": transcript}}
        )
    else:
        relationships["transcription"] = {"data": None}
    resource["relationships"] = relationships
    return {"event": event, "payload": {"data": resource, "included": included}}
