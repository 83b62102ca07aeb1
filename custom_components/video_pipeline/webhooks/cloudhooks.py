"""Home Assistant Cloud access for webhooks, imported only when the cloud integration runs.

The cloud integration pulls in much of HA (and is not importable in every environment), so
nothing here imports it before HA reports it loaded; tests substitute the module.
"""

from __future__ import annotations

from collections.abc import Callable
import importlib
from types import ModuleType
from typing import Any

from homeassistant.core import HomeAssistant

from ..const import LOGGER

CLOUD_DOMAIN = "cloud"


def _cloud(hass: HomeAssistant) -> ModuleType | None:
    """Return HA's cloud integration module when it is loaded, else None."""
    if CLOUD_DOMAIN not in hass.config.components:
        return None
    return importlib.import_module("homeassistant.components.cloud")


def active_subscription(hass: HomeAssistant) -> bool:
    """Whether the user is logged in to HA Cloud with a subscription that has not expired."""
    cloud = _cloud(hass)
    return cloud is not None and bool(cloud.async_active_subscription(hass))


async def async_get_cloudhook(hass: HomeAssistant, webhook_id: str) -> str | None:
    """Return the cloudhook URL for ``webhook_id``, creating it; None if the cloud can't now."""
    cloud = _cloud(hass)
    if cloud is None:
        return None
    try:
        url: str = await cloud.async_get_or_create_cloudhook(hass, webhook_id)
    except cloud.CloudNotAvailable as err:
        LOGGER.debug("No cloudhook for a webhook yet: %s", type(err).__name__)
        return None
    return url


async def async_delete_cloudhook(hass: HomeAssistant, webhook_id: str) -> None:
    """Delete the cloudhook of ``webhook_id``; a cloud that is gone has nothing to delete."""
    cloud = _cloud(hass)
    if cloud is None:
        return
    try:
        await cloud.async_delete_cloudhook(hass, webhook_id)
    except cloud.CloudNotAvailable as err:
        LOGGER.debug("Could not delete a cloudhook: %s", type(err).__name__)


def listen_connection_change(
    hass: HomeAssistant, target: Callable[[Any], None]
) -> Callable[[], None] | None:
    """Call ``target`` whenever the cloud connects or disconnects; None without the cloud."""
    cloud = _cloud(hass)
    if cloud is None:
        return None
    unsub: Callable[[], None] = cloud.async_listen_connection_change(hass, target)
    return unsub
