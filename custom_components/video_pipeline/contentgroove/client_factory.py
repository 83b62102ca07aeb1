"""Build a ContentGroove client from a config entry's data (shared by setup and config flow)."""

from __future__ import annotations

from collections.abc import Mapping
import hashlib
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession

from ..clients.contentgroove import ContentGrooveClient
from .const import CONF_API_KEY, CONF_BASE_URL


def create_client(hass: HomeAssistant, data: Mapping[str, Any]) -> ContentGrooveClient:
    """Return a client for the account's key, on HA's shared HTTP session."""
    kwargs: dict[str, Any] = {}
    if base_url := data.get(CONF_BASE_URL):
        kwargs["base_url"] = base_url
    return ContentGrooveClient(async_get_clientsession(hass), data[CONF_API_KEY], **kwargs)


def account_fingerprint(data: Mapping[str, Any]) -> str:
    """The entry's unique id: the API names no account, so a hash of the key."""
    return hashlib.sha256(str(data[CONF_API_KEY]).encode()).hexdigest()[:16]
