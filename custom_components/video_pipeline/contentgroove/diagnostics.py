"""Diagnostics of a ContentGroove account (key and webhook address redacted)."""

from __future__ import annotations

from typing import Any

from homeassistant.components.diagnostics import REDACTED
from homeassistant.core import HomeAssistant

from ..account import redacted_entry_data
from ..const import CONF_SUBSCRIPTION
from .const import CONF_API_KEY
from .data import ContentGrooveConfigEntry


async def async_get_diagnostics(
    hass: HomeAssistant, entry: ContentGrooveConfigEntry
) -> dict[str, Any]:
    """Entry data and whether the account's webhook is reachable."""
    data = redacted_entry_data(entry, {CONF_API_KEY})
    if isinstance(subscription := data.get(CONF_SUBSCRIPTION), dict):
        data[CONF_SUBSCRIPTION] = {**subscription, "url": REDACTED}
    return {
        "entry": data,
        "webhook": {"public_url_available": entry.runtime_data.endpoint.url() is not None},
    }
