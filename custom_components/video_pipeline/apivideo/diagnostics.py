"""Diagnostics of an api.video account (key, secrets and webhook URL redacted)."""

from __future__ import annotations

from typing import Any

from homeassistant.components.diagnostics import REDACTED
from homeassistant.core import HomeAssistant

from ..account import redacted_entry_data
from ..const import CONF_SUBSCRIPTION
from .const import CONF_API_KEY
from .data import ApiVideoConfigEntry


async def async_get_diagnostics(hass: HomeAssistant, entry: ApiVideoConfigEntry) -> dict[str, Any]:
    """Entry, options, webhook state, the last rate-limit headers and the live streams."""
    runtime = entry.runtime_data
    data = redacted_entry_data(entry, {CONF_API_KEY})
    if isinstance(subscription := data.get(CONF_SUBSCRIPTION), dict):
        data[CONF_SUBSCRIPTION] = {
            **subscription,
            "secret": REDACTED,
            "url": REDACTED if subscription.get("url") else None,
        }
    rate_limit = runtime.client.rate_limit
    return {
        "entry": data,
        "options": dict(entry.options),
        "webhook": {
            "public_url_available": runtime.endpoint.url() is not None,
            "known_subscriptions": runtime.secrets.known_ids,
        },
        "rate_limit": None
        if rate_limit is None
        else {"limit": rate_limit.limit, "remaining": rate_limit.remaining},
        "live_streams": dict(runtime.live_streams.broadcasting),
    }
