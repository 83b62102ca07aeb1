"""The ContentGroove account's device, shared by its entities."""

from __future__ import annotations

from homeassistant.helpers.device_registry import DeviceInfo

from ..account import account_device_info
from .const import DASHBOARD_URL
from .data import ContentGrooveConfigEntry


def device_info(entry: ContentGrooveConfigEntry) -> DeviceInfo:
    """The account's device."""
    return account_device_info(
        entry, manufacturer="ContentGroove", model="Account", url=DASHBOARD_URL
    )
