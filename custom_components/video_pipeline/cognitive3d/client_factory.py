"""Build a Cognitive3D client from a config entry's data (shared by setup and config flow)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession

from ..clients.cognitive3d import Cognitive3DClient
from .const import CONF_API_KEY, CONF_BASE_URL


def create_client(hass: HomeAssistant, data: Mapping[str, Any]) -> Cognitive3DClient:
    """Return a client for the organization's key, on HA's shared HTTP session."""
    return Cognitive3DClient(
        async_get_clientsession(hass),
        data[CONF_API_KEY],
        base_url=data.get(CONF_BASE_URL) or None,
    )
