"""The event contract: what an accepted webhook delivery becomes on HA's bus and dispatcher."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.dispatcher import async_dispatcher_send
from homeassistant.util.signal_type import SignalType

from ..const import DOMAIN, Provider

EVENT_VIDEO_PIPELINE: Final = "video_pipeline_event"

ATTR_CONFIG_ENTRY_ID: Final = "config_entry_id"
ATTR_PROVIDER: Final = "provider"
ATTR_EVENT_TYPE: Final = "event_type"
ATTR_PAYLOAD: Final = "payload"
ATTR_VIDEO_ID: Final = "video_id"
ATTR_LIVE_STREAM_ID: Final = "live_stream_id"
ATTR_MEDIA_ID: Final = "media_id"
ATTR_ITEM_ID: Final = "item_id"

# The ids users filter automations on, in the order they appear in the event data.
ID_ATTRS: Final = (ATTR_VIDEO_ID, ATTR_LIVE_STREAM_ID, ATTR_MEDIA_ID, ATTR_ITEM_ID)


@dataclass(frozen=True, slots=True)
class AcceptedDelivery:
    """One vendor event that an adapter accepted; the receiver publishes it.

    ``dedupe_key`` is None for vendors whose repeats are meaningful (Clevercast re-sends an
    item on every change); otherwise equal keys mean "the same delivery again". ``parsed`` is
    the vendor parser's result, so listeners in the vendor package need not parse again.
    """

    event_type: str
    payload: Mapping[str, Any] = field(repr=False)
    dedupe_key: str | None = None
    video_id: str | None = None
    live_stream_id: str | None = None
    media_id: str | None = None
    item_id: str | None = None
    parsed: object = field(default=None, repr=False, compare=False)

    @property
    def ids(self) -> dict[str, str]:
        """Return the ids this delivery carries, keyed by their event attribute name."""
        values = (self.video_id, self.live_stream_id, self.media_id, self.item_id)
        return {name: value for name, value in zip(ID_ATTRS, values, strict=True) if value}


def delivery_signal(entry_id: str) -> SignalType[AcceptedDelivery]:
    """Return the dispatcher signal that carries an entry's accepted deliveries."""
    return SignalType(f"{DOMAIN}_{entry_id}_delivery")


def build_event_data(
    entry_id: str, provider: Provider, delivery: AcceptedDelivery
) -> dict[str, Any]:
    """Build the bus event's data: exactly the documented fields, ids only where present."""
    return {
        ATTR_CONFIG_ENTRY_ID: entry_id,
        ATTR_PROVIDER: str(provider),
        ATTR_EVENT_TYPE: delivery.event_type,
        **delivery.ids,
        ATTR_PAYLOAD: dict(delivery.payload),
    }


@callback
def async_publish(
    hass: HomeAssistant, entry_id: str, provider: Provider, delivery: AcceptedDelivery
) -> None:
    """Fire the bus event and tell the entry's entities; both return without awaiting work."""
    hass.bus.async_fire(EVENT_VIDEO_PIPELINE, build_event_data(entry_id, provider, delivery))
    async_dispatcher_send(hass, delivery_signal(entry_id), delivery)
