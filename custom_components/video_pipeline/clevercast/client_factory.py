"""Build a Clevercast client from a config entry's data (shared by setup and config flow)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession

from ..clients.clevercast import ClevercastClient
from .const import CONF_BASE_URL, CONF_EMAIL, CONF_PASSWORD


def create_client(hass: HomeAssistant, data: Mapping[str, Any]) -> ClevercastClient:
    """Return a client for the API user, on HA's shared HTTP session."""
    return ClevercastClient(
        async_get_clientsession(hass),
        data[CONF_EMAIL],
        data[CONF_PASSWORD],
        base_url=data.get(CONF_BASE_URL) or None,
    )
