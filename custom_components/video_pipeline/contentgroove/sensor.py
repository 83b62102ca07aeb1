"""The sensor of a ContentGroove account: the last media it finished, with its clips."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from homeassistant.helpers.typing import StateType

from ..account import DeliverySensorDescription, last_delivery_platform
from ..providers import PlatformSetup
from ..webhooks import AcceptedDelivery
from .adapter import parsed_delivery
from .const import SUBSCRIBED_EVENTS
from .data import ContentGrooveRuntimeData
from .entity import device_info

# A state holds at most 255 characters.
MAX_STATE_LENGTH: Final = 255


def _name(delivery: AcceptedDelivery) -> StateType:
    parsed = parsed_delivery(delivery)
    name = parsed.media.name if parsed.media is not None else None
    return (name or parsed.media_id or "")[:MAX_STATE_LENGTH] or None


def _attributes(delivery: AcceptedDelivery) -> Mapping[str, Any]:
    parsed = parsed_delivery(delivery)
    top = parsed.top_clip
    return {
        "media_id": parsed.media_id,
        "clip_count": parsed.clip_count,
        "duration": parsed.media.duration_seconds if parsed.media is not None else None,
        "top_clip_name": top.name if top is not None else None,
        "top_clip_url": top.media_file_url if top is not None else None,
    }


LAST_MEDIA: Final = DeliverySensorDescription(
    key="last_media",
    translation_key="contentgroove_last_media",
    event_types=SUBSCRIBED_EVENTS,
    value_fn=_name,
    attributes_fn=_attributes,
)


async_setup_entry: PlatformSetup[ContentGrooveRuntimeData] = last_delivery_platform(
    (LAST_MEDIA,), device_info
)
