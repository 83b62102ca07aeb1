"""Diagnostics of a Clevercast account.

The password is redacted; the hook URLs are shown on purpose: Clevercast cannot be set up
through its API, so this is one of the places the user copies them from.
"""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant

from ..account import redacted_entry_data
from .const import CONF_PASSWORD
from .data import ClevercastConfigEntry


async def async_get_diagnostics(
    hass: HomeAssistant, entry: ClevercastConfigEntry
) -> dict[str, Any]:
    """Entry data and the URL to paste into Clevercast for each hook kind."""
    return {
        "entry": redacted_entry_data(entry, {CONF_PASSWORD}),
        "hook_urls": {str(kind): url for kind, url in entry.runtime_data.endpoint.urls.items()},
    }
