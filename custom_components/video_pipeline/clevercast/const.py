"""Constants of the Clevercast provider."""

from __future__ import annotations

from typing import Final

from homeassistant.const import CONF_EMAIL, CONF_PASSWORD

from ..clients.clevercast.webhooks import HOOK_KINDS, ITEM_DELETED, ITEM_UPDATED, WORKFLOW

CONF_BASE_URL: Final = "base_url"

VENDOR_NAME: Final = "Clevercast"
DASHBOARD_URL: Final = "https://app.clevercast.com"

__all__ = [
    "CONF_BASE_URL",
    "CONF_EMAIL",
    "CONF_PASSWORD",
    "DASHBOARD_URL",
    "HOOK_KINDS",
    "ITEM_DELETED",
    "ITEM_UPDATED",
    "VENDOR_NAME",
    "WORKFLOW",
]
