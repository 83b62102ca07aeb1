"""Event entities for an account: each groups some of its vendor's event types.

Vendors declare descriptions (key, translation_key, the vendor event types grouped) and
create one entity per description; the base listens to the entry's accepted deliveries.
"""

from __future__ import annotations

from dataclasses import dataclass
import re
from typing import Any

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.core import callback
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.dispatcher import async_dispatcher_connect

from .events import AcceptedDelivery, delivery_signal

ATTR_VENDOR_EVENT_TYPE = "vendor_event_type"

_NOT_SLUG = re.compile(r"[^a-z0-9_]+")


def entity_event_type(vendor_event_type: str) -> str:
    """Return the entity's event type for a vendor's one, usable as a translation key.

    ``video.encoding.quality.completed`` becomes ``video_encoding_quality_completed``.
    """
    return _NOT_SLUG.sub("_", vendor_event_type.lower()).strip("_")


@dataclass(frozen=True, kw_only=True)
class VideoPipelineEventDescription(EventEntityDescription):
    """An event entity of an account: the vendor event types it groups."""

    vendor_event_types: tuple[str, ...]


class VideoPipelineEventEntity(EventEntity):
    """Trigger on each accepted delivery whose vendor event type this entity groups."""

    _attr_has_entity_name = True
    _attr_should_poll = False
    entity_description: VideoPipelineEventDescription

    def __init__(
        self,
        entry_id: str,
        unique_id_prefix: str,
        description: VideoPipelineEventDescription,
        device_info: DeviceInfo | None = None,
    ) -> None:
        self.entity_description = description
        self._entry_id = entry_id
        self._types = {t: entity_event_type(t) for t in description.vendor_event_types}
        self._attr_event_types = list(dict.fromkeys(self._types.values()))
        self._attr_unique_id = f"{unique_id_prefix}_{description.key}"
        self._attr_device_info = device_info

    async def async_added_to_hass(self) -> None:
        """Restore the last event, then follow the entry's deliveries."""
        await super().async_added_to_hass()
        self.async_on_remove(
            async_dispatcher_connect(
                self.hass, delivery_signal(self._entry_id), self._async_handle_delivery
            )
        )

    def event_attributes(self, delivery: AcceptedDelivery) -> dict[str, Any]:
        """Attributes of a triggered event: the vendor's name and the ids (not the payload)."""
        return {ATTR_VENDOR_EVENT_TYPE: delivery.event_type, **delivery.ids}

    @callback
    def _async_handle_delivery(self, delivery: AcceptedDelivery) -> None:
        event_type = self._types.get(delivery.event_type)
        if event_type is None:
            return
        self._trigger_event(event_type, self.event_attributes(delivery))
        self.async_write_ha_state()
