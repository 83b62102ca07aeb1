"""Build a CaptureCast client from a config entry's data (shared by setup and config flow)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.const import (
    CONF_HOST,
    CONF_PASSWORD,
    CONF_PORT,
    CONF_SSL,
    CONF_USERNAME,
    CONF_VERIFY_SSL,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession

from ..clients.capturecast import CaptureCastClient


def create_client(hass: HomeAssistant, data: Mapping[str, Any]) -> CaptureCastClient:
    """Return a client for the unit described by ``data``, on HA's shared HTTP session."""
    verify_ssl = bool(data.get(CONF_VERIFY_SSL, False))
    return CaptureCastClient(
        async_get_clientsession(hass, verify_ssl=verify_ssl),
        data[CONF_HOST],
        username=data[CONF_USERNAME],
        password=data[CONF_PASSWORD],
        port=data.get(CONF_PORT),
        use_ssl=bool(data.get(CONF_SSL, False)),
        verify_ssl=verify_ssl,
    )
