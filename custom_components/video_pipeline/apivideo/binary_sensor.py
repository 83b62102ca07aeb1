"""One binary sensor per api.video live stream: on while it broadcasts.

A stream gets its entity the first time the account shows it (in the stream list at setup,
or in a delivery); after a restart the entities of streams seen before come back with their
last state until a delivery or the stream list says otherwise.
"""

from __future__ import annotations

from homeassistant.components.binary_sensor import BinarySensorEntity
from homeassistant.const import STATE_OFF, STATE_ON, Platform
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.restore_state import RestoreEntity

from ..account import account_id
from ..const import DOMAIN
from .data import ApiVideoConfigEntry
from .entity import device_info
from .live_streams import LiveStreamTracker, stream_update_signal

_UNIQUE_ID_INFIX = "_live_stream_"


class LiveStreamBroadcastingSensor(RestoreEntity, BinarySensorEntity):
    """Whether one live stream is broadcasting."""

    _attr_has_entity_name = True
    _attr_should_poll = False
    _attr_translation_key = "api_video_broadcasting"

    def __init__(self, entry: ApiVideoConfigEntry, stream_id: str) -> None:
        self._tracker: LiveStreamTracker = entry.runtime_data.live_streams
        self._entry_id = entry.entry_id
        self._stream_id = stream_id
        self._attr_unique_id = f"{account_id(entry)}{_UNIQUE_ID_INFIX}{stream_id}"
        self._attr_device_info = device_info(entry)
        self._attr_translation_placeholders = {
            "name": self._tracker.names.get(stream_id, stream_id)
        }
        self._attr_extra_state_attributes = {"live_stream_id": stream_id}

    @property
    def is_on(self) -> bool | None:
        """On between broadcast started and ended; unknown until either is seen."""
        return self._tracker.broadcasting.get(self._stream_id)

    async def async_added_to_hass(self) -> None:
        """Restore the last state where the API did not tell us, then follow deliveries."""
        await super().async_added_to_hass()
        last = await self.async_get_last_state()
        if last is not None and last.state in (STATE_ON, STATE_OFF):
            self._tracker.async_restore(self._stream_id, last.state == STATE_ON)
        self.async_on_remove(
            async_dispatcher_connect(
                self.hass, stream_update_signal(self._entry_id), self._async_stream_updated
            )
        )

    @callback
    def _async_stream_updated(self, stream_id: str) -> None:
        if stream_id == self._stream_id:
            self.async_write_ha_state()


def _registered_stream_ids(hass: HomeAssistant, entry: ApiVideoConfigEntry) -> list[str]:
    """Streams that had an entity before this start (so they come back after a restart)."""
    prefix = f"{account_id(entry)}{_UNIQUE_ID_INFIX}"
    return [
        registered.unique_id.removeprefix(prefix)
        for registered in er.async_entries_for_config_entry(er.async_get(hass), entry.entry_id)
        if registered.domain == Platform.BINARY_SENSOR
        and registered.platform == DOMAIN
        and registered.unique_id.startswith(prefix)
    ]


async def async_setup_entry(
    hass: HomeAssistant,
    entry: ApiVideoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a sensor per known stream, and one for each stream that shows up later."""
    tracker = entry.runtime_data.live_streams
    for stream_id in _registered_stream_ids(hass, entry):
        tracker.async_restore(stream_id, None)
    async_add_entities(
        LiveStreamBroadcastingSensor(entry, stream_id) for stream_id in list(tracker.broadcasting)
    )

    @callback
    def add_stream(stream_id: str) -> None:
        async_add_entities([LiveStreamBroadcastingSensor(entry, stream_id)])

    tracker.set_new_stream_listener(add_stream)
    entry.async_on_unload(lambda: tracker.set_new_stream_listener(None))
