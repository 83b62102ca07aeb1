"""The event entity of a Clevercast account: item updated, item deleted, workflow task."""

from __future__ import annotations

from typing import Final

from ..account import event_platform
from ..providers import PlatformSetup
from ..webhooks.event_entity import VideoPipelineEventDescription
from .const import HOOK_KINDS
from .data import ClevercastRuntimeData
from .entity import device_info

ITEM_EVENTS: Final = VideoPipelineEventDescription(
    key="item_events",
    translation_key="clevercast_item",
    vendor_event_types=HOOK_KINDS,
)


async_setup_entry: PlatformSetup[ClevercastRuntimeData] = event_platform(
    (ITEM_EVENTS,), device_info
)
