"""The event entity of a ContentGroove account: media processed."""

from __future__ import annotations

from typing import Final

from ..account import event_platform
from ..providers import PlatformSetup
from ..webhooks.event_entity import VideoPipelineEventDescription
from .const import SUBSCRIBED_EVENTS
from .data import ContentGrooveRuntimeData
from .entity import device_info

MEDIA_EVENTS: Final = VideoPipelineEventDescription(
    key="media_events",
    translation_key="contentgroove_media",
    vendor_event_types=SUBSCRIBED_EVENTS,
)


async_setup_entry: PlatformSetup[ContentGrooveRuntimeData] = event_platform(
    (MEDIA_EVENTS,), device_info
)
