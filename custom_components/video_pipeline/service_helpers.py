"""Shared pieces of the integration's actions: finding the entry an action is aimed at."""

from __future__ import annotations

from typing import Final, cast

from homeassistant.config_entries import ConfigEntry, ConfigEntryState
from homeassistant.const import ATTR_DEVICE_ID
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import config_validation as cv, device_registry as dr
import voluptuous as vol

from .compat import device_config_entry_ids
from .const import DOMAIN, Provider
from .providers import provider_of

ATTR_CONFIG_ENTRY_ID: Final = "config_entry_id"

# Every action aims at one unit or account: by its config entry or by its device.
TARGET_SCHEMA: Final = {
    vol.Exclusive(ATTR_CONFIG_ENTRY_ID, "target"): cv.string,
    vol.Exclusive(ATTR_DEVICE_ID, "target"): cv.string,
}


def _error(key: str, **placeholders: str) -> ServiceValidationError:
    return ServiceValidationError(
        translation_domain=DOMAIN, translation_key=key, translation_placeholders=placeholders
    )


def resolve_entry[R](
    hass: HomeAssistant, call: ServiceCall, provider: Provider, runtime: type[R]
) -> ConfigEntry[R]:
    """Return the loaded entry of ``provider`` that the action call names.

    ``runtime`` is the provider's runtime data type: the entry comes back typed with it.
    """
    entry_id: str | None = call.data.get(ATTR_CONFIG_ENTRY_ID)
    device_id: str | None = call.data.get(ATTR_DEVICE_ID)
    if entry_id is None and device_id is None:
        raise _error("target_missing")
    if device_id is not None:
        device = dr.async_get(hass).async_get(device_id)
        if device is None:
            raise _error("device_not_found", device_id=device_id)
        ours = [
            entry
            for entry_id_of_device in device_config_entry_ids(device)
            if (entry := hass.config_entries.async_get_entry(entry_id_of_device)) is not None
            and entry.domain == DOMAIN
        ]
        if not ours:
            raise _error("device_not_found", device_id=device_id)
        entry = ours[0]
    else:
        assert entry_id is not None
        found = hass.config_entries.async_get_entry(entry_id)
        if found is None or found.domain != DOMAIN:
            raise _error("entry_not_found", entry_id=entry_id)
        entry = found
    if provider_of(entry) is not provider:
        raise _error("wrong_provider", name=entry.title)
    if entry.state is not ConfigEntryState.LOADED:
        raise _error("entry_not_loaded", name=entry.title)
    # A loaded entry holds the runtime data its provider's setup stored.
    assert isinstance(entry.runtime_data, runtime), entry.runtime_data
    return cast("ConfigEntry[R]", entry)
