"""Logbook lines for ``video_pipeline_event``: vendor, event type and the ids it names."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

from homeassistant.components.logbook.const import LOGBOOK_ENTRY_MESSAGE, LOGBOOK_ENTRY_NAME
from homeassistant.core import Event, HomeAssistant, callback

from .const import DOMAIN, Provider
from .webhooks.events import (
    ATTR_EVENT_TYPE,
    ATTR_ITEM_ID,
    ATTR_LIVE_STREAM_ID,
    ATTR_MEDIA_ID,
    ATTR_PROVIDER,
    ATTR_VIDEO_ID,
    EVENT_VIDEO_PIPELINE,
)

# Logbook describers cannot use translations, so these stay short English words.
PROVIDER_NAMES: Final[dict[str, str]] = {
    Provider.CAPTURECAST: "CaptureCast",
    Provider.API_VIDEO: "api.video",
    Provider.CONTENTGROOVE: "ContentGroove",
    Provider.CLEVERCAST: "Clevercast",
    Provider.COGNITIVE3D: "Cognitive3D",
}
ID_WORDS: Final = (
    (ATTR_VIDEO_ID, "video"),
    (ATTR_LIVE_STREAM_ID, "live stream"),
    (ATTR_MEDIA_ID, "media"),
    (ATTR_ITEM_ID, "item"),
)


def describe_event_data(data: Mapping[str, Any]) -> dict[str, str]:
    """Return the logbook name and message of one bus event's data."""
    provider = str(data.get(ATTR_PROVIDER, ""))
    name = PROVIDER_NAMES.get(provider, provider)
    message = str(data.get(ATTR_EVENT_TYPE) or "event")
    ids = [f"{word} {data[attr]}" for attr, word in ID_WORDS if data.get(attr)]
    if ids:
        message = f"{message} for {', '.join(ids)}"
    return {LOGBOOK_ENTRY_NAME: name or DOMAIN, LOGBOOK_ENTRY_MESSAGE: message}


@callback
def async_describe_events(
    hass: HomeAssistant,
    async_describe_event: Callable[[str, str, Callable[[Event], dict[str, str]]], None],
) -> None:
    """Tell the logbook how to show the integration's bus event."""

    @callback
    def describe(event: Event) -> dict[str, str]:
        return describe_event_data(event.data)

    async_describe_event(DOMAIN, EVENT_VIDEO_PIPELINE, describe)
