"""Which of the account's live streams are broadcasting, as told by deliveries.

The tracker is the model the binary sensors show: it updates synchronously when a delivery
is accepted (so no entity can miss one), and it announces streams it has not seen before so
the platform can add an entity for them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.dispatcher import async_dispatcher_send
from homeassistant.util.signal_type import SignalType

from ..clients.apivideo import LiveStream
from ..clients.apivideo.webhooks import LIVE_STREAM_BROADCAST_ENDED, LIVE_STREAM_BROADCAST_STARTED
from ..const import DOMAIN
from ..webhooks import AcceptedDelivery

BROADCAST_STATES: Final = {
    LIVE_STREAM_BROADCAST_STARTED: True,
    LIVE_STREAM_BROADCAST_ENDED: False,
}


def stream_update_signal(entry_id: str) -> SignalType[str]:
    """Dispatcher signal carrying the id of a stream whose state changed."""
    return SignalType(f"{DOMAIN}_{entry_id}_live_stream")


class LiveStreamTracker:
    """Broadcasting state and name of each live stream the account has shown us."""

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        self._hass = hass
        self._entry_id = entry_id
        self.broadcasting: dict[str, bool | None] = {}
        self.names: dict[str, str] = {}
        self._on_new: Callable[[str], None] | None = None

    @callback
    def set_new_stream_listener(self, listener: Callable[[str], None] | None) -> None:
        """Call ``listener`` with each stream id seen for the first time."""
        self._on_new = listener

    @callback
    def async_seed(self, streams: list[LiveStream]) -> None:
        """Take names and current states from the API's stream list (at setup)."""
        for stream in streams:
            if stream.id:
                self.names[stream.id] = stream.name
                self.broadcasting[stream.id] = stream.broadcasting

    @callback
    def async_restore(self, stream_id: str, broadcasting: bool | None) -> None:
        """Take a stream's state from before a restart, unless the API already told us.

        The stream counts as seen from now on, so it gets no second entity.
        """
        if self.broadcasting.get(stream_id) is None:
            self.broadcasting[stream_id] = broadcasting

    @callback
    def async_handle_delivery(self, delivery: AcceptedDelivery) -> None:
        """Record a broadcast start or end; announce streams seen for the first time.

        Only a start or an end is reported to the stream's sensor (a state write, also when it
        repeats the state); other events naming a stream say nothing about its broadcast.
        """
        stream_id = delivery.live_stream_id
        if not stream_id:
            return
        state = BROADCAST_STATES.get(delivery.event_type)
        if stream_id not in self.broadcasting:
            self.broadcasting[stream_id] = state
            if self._on_new is not None:
                self._on_new(stream_id)  # the new sensor writes its state when added
            return
        if state is not None:
            self.broadcasting[stream_id] = state
            async_dispatcher_send(self._hass, stream_update_signal(self._entry_id), stream_id)
