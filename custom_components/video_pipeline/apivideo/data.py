"""Runtime data kept on an api.video account's config entry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from homeassistant.config_entries import ConfigEntry

if TYPE_CHECKING:
    from ..clients.apivideo import ApiVideoClient
    from ..webhooks import WebhookEndpoint
    from .adapter import SecretBook
    from .live_streams import LiveStreamTracker


@dataclass(slots=True)
class ApiVideoRuntimeData:
    """The account's client, webhook endpoint, known secrets and live streams."""

    client: ApiVideoClient
    endpoint: WebhookEndpoint
    secrets: SecretBook
    live_streams: LiveStreamTracker


type ApiVideoConfigEntry = ConfigEntry[ApiVideoRuntimeData]
