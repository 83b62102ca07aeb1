"""Event entities of an api.video account: video events and live-stream events."""

from __future__ import annotations

from typing import Final

from ..account import event_platform
from ..clients.apivideo.webhooks import (
    LIVE_STREAM_BROADCAST_ENDED,
    LIVE_STREAM_BROADCAST_STARTED,
    VIDEO_CAPTION_GENERATED,
    VIDEO_ENCODING_QUALITY_COMPLETED,
    VIDEO_SOURCE_RECORDED,
    VIDEO_SUMMARY_GENERATED,
)
from ..providers import PlatformSetup
from ..webhooks.event_entity import VideoPipelineEventDescription
from .data import ApiVideoRuntimeData
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


async_setup_entry: PlatformSetup[ApiVideoRuntimeData] = event_platform(
    EVENT_DESCRIPTIONS, device_info
)
