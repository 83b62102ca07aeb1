"""The few places where the oldest Home Assistant we support (2025.4) lacks today's API.

Everything else in the integration uses the current API directly. Each shim here names the
release that brought the current form; once that release is the oldest we support, the shim
goes and its callers use the current API.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from homeassistant import config_entries, const as ha_const

if TYPE_CHECKING:
    from homeassistant.config_entries import ConfigEntry
    from homeassistant.core import HomeAssistant

# HA 2025.8 added OptionsFlowWithReload: the options flow itself reloads the entry when the
# options change, and an update listener would then be an error. Before 2025.8 an options flow
# has no such switch, so an update listener does the reload instead.
OPTIONS_FLOW_RELOADS: Final = hasattr(config_entries, "OptionsFlowWithReload")
if TYPE_CHECKING:
    _OptionsFlowBase = config_entries.OptionsFlow
else:
    _OptionsFlowBase = getattr(config_entries, "OptionsFlowWithReload", config_entries.OptionsFlow)


class ReloadingOptionsFlow(_OptionsFlowBase):
    """An options flow after which the entry reloads when its options changed."""


def async_reload_on_options_change(hass: HomeAssistant, entry: ConfigEntry[Any]) -> None:
    """Make a change of ``entry``'s options reload it, on every supported HA.

    On HA >= 2025.8 the options flow does it (``ReloadingOptionsFlow``) and nothing is added
    here. Before, an update listener reloads when the options differ from those at setup; data
    updates (a reauth's new key, a stored subscription id) do not reload through it, because the
    flows that change data already reload the entry themselves.
    """
    if OPTIONS_FLOW_RELOADS:
        return
    at_setup: Mapping[str, Any] = dict(entry.options)

    async def _reload_if_options_changed(hass: HomeAssistant, entry: ConfigEntry[Any]) -> None:
        if dict(entry.options) != at_setup:
            hass.config_entries.async_schedule_reload(entry.entry_id)

    entry.async_on_unload(entry.add_update_listener(_reload_if_options_changed))


def device_config_entry_ids(device: object) -> set[str]:
    """The config entries a device belongs to.

    A device has one owning entry, ``config_entry_id``, since HA 2026; before, a set of entries
    in ``config_entries`` (deprecated since, and removed in 2027.10).
    """
    owner = getattr(device, "config_entry_id", None)
    if isinstance(owner, str):
        return {owner}
    entries = getattr(device, "config_entries", None)
    return {entry for entry in entries if isinstance(entry, str)} if entries else set()


# Newer HA groups ratio units in UnitOfRatio (PERCENTAGE stays as a plain-string alias).
_RATIO: Any = getattr(ha_const, "UnitOfRatio", None)
PERCENT: Final[str] = _RATIO.PERCENTAGE if _RATIO is not None else ha_const.PERCENTAGE

__all__ = [
    "OPTIONS_FLOW_RELOADS",
    "PERCENT",
    "ReloadingOptionsFlow",
    "async_reload_on_options_change",
    "device_config_entry_ids",
]
