"""The event entity of a ContentGroove account: media processed."""

from __future__ import annotations

from typing import Final

from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..account import account_id
from ..webhooks.event_entity import VideoPipelineEventDescription, VideoPipelineEventEntity
from .const import SUBSCRIBED_EVENTS
from .data import ContentGrooveConfigEntry
from .entity import device_info

MEDIA_EVENTS: Final = VideoPipelineEventDescription(
    key="media_events",
    translation_key="contentgroove_media",
    vendor_event_types=SUBSCRIBED_EVENTS,
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: ContentGrooveConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the account's event entity."""
    entity = VideoPipelineEventEntity(
        entry.entry_id, account_id(entry), MEDIA_EVENTS, device_info(entry)
    )
    async_add_entities([entity])
