"""Runtime data kept on a ContentGroove account's config entry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from homeassistant.config_entries import ConfigEntry

if TYPE_CHECKING:
    from ..clients.contentgroove import ContentGrooveClient
    from ..webhooks import WebhookEndpoint


@dataclass(slots=True)
class ContentGrooveRuntimeData:
    """The account's client and webhook endpoint."""

    client: ContentGrooveClient
    endpoint: WebhookEndpoint


type ContentGrooveConfigEntry = ConfigEntry[ContentGrooveRuntimeData]
