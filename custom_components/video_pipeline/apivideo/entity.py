"""The api.video account's device, shared by its entities."""

from __future__ import annotations

from homeassistant.helpers.device_registry import DeviceInfo

from ..account import account_device_info
from .const import CONF_ENVIRONMENT, DASHBOARD_URL
from .data import ApiVideoConfigEntry


def device_info(entry: ApiVideoConfigEntry) -> DeviceInfo:
    """The account's device; the model says which environment the key belongs to."""
    environment = entry.data.get(CONF_ENVIRONMENT, "production")
    return account_device_info(
        entry,
        manufacturer="api.video",
        model=f"Account ({environment})",
        url=DASHBOARD_URL,
    )
