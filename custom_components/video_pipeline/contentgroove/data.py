"""Runtime data kept on a ContentGroove account's config entry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from homeassistant.config_entries import ConfigEntry

if TYPE_CHECKING:
    from ..clients.contentgroove import ContentGrooveClient, Delivery
    from ..webhooks import WebhookEndpoint


@dataclass(slots=True)
class ContentGrooveRuntimeData:
    """The account's client, webhook endpoint and last ``media.processing_finished`` delivery.

    The delivery is kept in memory only (a restart forgets it, while the last-media sensor
    restores its state); ``contentgroove_create_clip_from_last_media`` cuts its clip from it.
    """

    client: ContentGrooveClient
    endpoint: WebhookEndpoint
    last_delivery: Delivery | None = None


type ContentGrooveConfigEntry = ConfigEntry[ContentGrooveRuntimeData]
