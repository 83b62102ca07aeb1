"""Build an api.video client from a config entry's data (shared by setup and config flow)."""

from __future__ import annotations

from collections.abc import Mapping
import hashlib
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession

from ..clients.apivideo import ApiVideoClient
from .const import CONF_API_KEY, CONF_BASE_URL, CONF_ENVIRONMENT


def create_client(hass: HomeAssistant, data: Mapping[str, Any]) -> ApiVideoClient:
    """Return a client for the account's key, on HA's shared HTTP session."""
    return ApiVideoClient(
        async_get_clientsession(hass),
        data[CONF_API_KEY],
        environment=data.get(CONF_ENVIRONMENT, "production"),
        base_url=data.get(CONF_BASE_URL) or None,
    )


def account_fingerprint(data: Mapping[str, Any]) -> str:
    """The entry's unique id: the API has no account id, so a hash of environment and key.

    Keys are per project and environment at api.video, so this is one entry per key; the key
    itself never leaves the entry.
    """
    environment = data.get(CONF_ENVIRONMENT, "production")
    digest = hashlib.sha256(f"{environment}:{data[CONF_API_KEY]}".encode()).hexdigest()
    return f"{environment}_{digest[:16]}"
