"""Constants of the ContentGroove provider."""

from __future__ import annotations

from typing import Final

from ..clients.contentgroove.webhooks import MEDIA_PROCESSING_FINISHED

CONF_API_KEY: Final = "api_key"
CONF_BASE_URL: Final = "base_url"

SUBSCRIBED_EVENTS: Final = (MEDIA_PROCESSING_FINISHED,)
VENDOR_NAME: Final = "ContentGroove"
DASHBOARD_URL: Final = "https://app.contentgroove.com"
