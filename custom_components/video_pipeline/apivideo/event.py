"""Event entities of an api.video account: video events and live-stream events."""

from __future__ import annotations

from typing import Final

from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..account import account_id
from ..clients.apivideo.webhooks import (
    LIVE_STREAM_BROADCAST_ENDED,
    LIVE_STREAM_BROADCAST_STARTED,
    VIDEO_CAPTION_GENERATED,
    VIDEO_ENCODING_QUALITY_COMPLETED,
    VIDEO_SOURCE_RECORDED,
    VIDEO_SUMMARY_GENERATED,
)
from ..webhooks.event_entity import VideoPipelineEventDescription, VideoPipelineEventEntity
from .data import ApiVideoConfigEntry
from .entity import device_info

EVENT_DESCRIPTIONS: Final = (
    VideoPipelineEventDescription(
        key="video_events",
        translation_key="api_video_video",
        vendor_event_types=(
            VIDEO_ENCODING_QUALITY_COMPLETED,
            VIDEO_SOURCE_RECORDED,
            VIDEO_CAPTION_GENERATED,
            VIDEO_SUMMARY_GENERATED,
        ),
    ),
    VideoPipelineEventDescription(
        key="live_stream_events",
        translation_key="api_video_live_stream",
        vendor_event_types=(LIVE_STREAM_BROADCAST_STARTED, LIVE_STREAM_BROADCAST_ENDED),
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: ApiVideoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the account's event entities."""
    async_add_entities(
        VideoPipelineEventEntity(entry.entry_id, account_id(entry), description, device_info(entry))
        for description in EVENT_DESCRIPTIONS
    )
