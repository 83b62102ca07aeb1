"""Constants of the api.video provider."""

from __future__ import annotations

from typing import Final

from ..clients.apivideo import EVENT_TYPES

CONF_API_KEY: Final = "api_key"
CONF_ENVIRONMENT: Final = "environment"
CONF_BASE_URL: Final = "base_url"
# Options: the vendor event types the account's subscription asks for.
CONF_EVENTS: Final = "events"

ENVIRONMENTS: Final = ("production", "sandbox")
DEFAULT_EVENTS: Final = EVENT_TYPES
VENDOR_NAME: Final = "api.video"
DASHBOARD_URL: Final = "https://dashboard.api.video"
