"""The fields of the integration's actions that several providers share, with their checks."""

from __future__ import annotations

from typing import Final

from homeassistant.const import ATTR_DEVICE_ID
from homeassistant.helpers import config_validation as cv
import voluptuous as vol

ATTR_CONFIG_ENTRY_ID: Final = "config_entry_id"

# Every action aims at one unit or account: by its config entry or by its device. Each action's
# schema extends this one.
TARGET: Final = vol.Schema(
    {
        vol.Exclusive(ATTR_CONFIG_ENTRY_ID, "target"): cv.string,
        vol.Exclusive(ATTR_DEVICE_ID, "target"): cv.string,
    }
)

# Fields that actions of several providers take, and their checks.
ATTR_URL: Final = "url"
ATTR_EVENTS: Final = "events"
ATTR_START: Final = "start"
ATTR_END: Final = "end"
HTTP_URL: Final = vol.All(cv.url, vol.Match(r"^https?://"))
# An id a vendor gave something (a webhook, a clip, ...), as it may stand in an API path.
VENDOR_ID: Final = vol.All(cv.string, vol.Length(min=1, max=64), vol.Match(r"^[A-Za-z0-9_-]+$"))
