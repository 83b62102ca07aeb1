"""Test-side lookups whose Home Assistant API changed between the versions we test.

HA 2026 made a device belong to one config entry: ``async_get_device(identifiers=...)`` is
deprecated there (an error when called from outside an integration), and webhook registrations
became objects. These helpers use the current API where it exists and the old one before.
"""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr


def device_of(hass: HomeAssistant, identifier: tuple[str, str]) -> dr.DeviceEntry | None:
    """The one device with ``identifier``, or None."""
    registry = dr.async_get(hass)
    if hasattr(registry, "async_get_devices"):
        found: list[dr.DeviceEntry] = registry.async_get_devices(identifiers={identifier})
        assert len(found) <= 1, found
        return found[0] if found else None
    device: dr.DeviceEntry | None = registry.async_get_device(identifiers={identifier})
    return device


def webhook_registration(hass: HomeAssistant, webhook_id: str) -> dict[str, Any]:
    """What HA's webhook component holds for ``webhook_id``, as a dict on every version."""
    from homeassistant.components import webhook

    handlers: dict[str, Any] = hass.data.get(webhook.DOMAIN, {})
    registration = handlers[webhook_id]
    if isinstance(registration, dict):
        return registration
    return {
        field: getattr(registration, field)
        for field in ("domain", "name", "handler", "local_only", "allowed_methods")
    }
