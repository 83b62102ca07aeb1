"""Shared pieces of the integration's actions: their table rows, finding the entry they aim at."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Iterable
from dataclasses import dataclass
from typing import Any, cast

from homeassistant.config_entries import ConfigEntry, ConfigEntryState
from homeassistant.const import ATTR_DEVICE_ID
from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import device_registry as dr
import voluptuous as vol

from .action_fields import ATTR_CONFIG_ENTRY_ID
from .compat import device_config_entry_ids
from .const import DOMAIN, Provider
from .providers import provider_of

type ActionHandler = Callable[[ServiceCall], Coroutine[Any, Any, ServiceResponse]]


@dataclass(frozen=True, slots=True)
class Action:
    """One row of a provider's action table: what runs it, what it accepts, what it answers."""

    handler: ActionHandler
    schema: vol.Schema
    response: SupportsResponse = SupportsResponse.NONE


def invalid(key: str, **placeholders: str) -> ServiceValidationError:
    """A translated error for an action call that cannot be carried out as asked."""
    return ServiceValidationError(
        translation_domain=DOMAIN, translation_key=key, translation_placeholders=placeholders
    )


def not_among(key: str, field: str, wanted: str, names: Iterable[str]) -> ServiceValidationError:
    """``wanted`` names no ``field`` the account has; the error lists the ones it has."""
    return invalid(key, **{field: wanted, f"{field}s": ", ".join(names) or "-"})


def resolve_entry[R](
    hass: HomeAssistant, call: ServiceCall, provider: Provider, runtime: type[R]
) -> ConfigEntry[R]:
    """Return the loaded entry of ``provider`` that the action call names.

    ``runtime`` is the provider's runtime data type: the entry comes back typed with it.
    """
    entry_id: str | None = call.data.get(ATTR_CONFIG_ENTRY_ID)
    device_id: str | None = call.data.get(ATTR_DEVICE_ID)
    if entry_id is None and device_id is None:
        raise invalid("target_missing")
    if device_id is not None:
        device = dr.async_get(hass).async_get(device_id)
        if device is None:
            raise invalid("device_not_found", device_id=device_id)
        ours = [
            entry
            for entry_id_of_device in device_config_entry_ids(device)
            if (entry := hass.config_entries.async_get_entry(entry_id_of_device)) is not None
            and entry.domain == DOMAIN
        ]
        if not ours:
            raise invalid("device_not_found", device_id=device_id)
        entry = ours[0]
    else:
        assert entry_id is not None
        found = hass.config_entries.async_get_entry(entry_id)
        if found is None or found.domain != DOMAIN:
            raise invalid("entry_not_found", entry_id=entry_id)
        entry = found
    if provider_of(entry) is not provider:
        raise invalid("wrong_provider", name=entry.title)
    if entry.state is not ConfigEntryState.LOADED:
        raise invalid("entry_not_loaded", name=entry.title)
    # A loaded entry holds the runtime data its provider's setup stored.
    assert isinstance(entry.runtime_data, runtime), entry.runtime_data
    return cast("ConfigEntry[R]", entry)
