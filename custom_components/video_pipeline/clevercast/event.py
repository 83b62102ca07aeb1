"""The event entity of a Clevercast account: item updated, item deleted, workflow task."""

from __future__ import annotations

from typing import Final

from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..account import account_id
from ..webhooks.event_entity import VideoPipelineEventDescription, VideoPipelineEventEntity
from .const import HOOK_KINDS
from .data import ClevercastConfigEntry
from .entity import device_info

ITEM_EVENTS: Final = VideoPipelineEventDescription(
    key="item_events",
    translation_key="clevercast_item",
    vendor_event_types=HOOK_KINDS,
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: ClevercastConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the account's event entity."""
    async_add_entities(
        [
            VideoPipelineEventEntity(
                entry.entry_id, account_id(entry), ITEM_EVENTS, device_info(entry)
            )
        ]
    )
