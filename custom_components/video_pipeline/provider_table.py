"""The one table that knows the providers, and the dispatch through it.

Every config entry belongs to one provider; the modules HA loads (``__init__``, the platforms,
``diagnostics``, ``media_source``) look its package up here. Provider packages never import this
module, so there is no import cycle: it depends on them, they depend only on ``providers`` (the
hook types).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .apivideo import HOOKS as API_VIDEO_HOOKS
from .capturecast import HOOKS as CAPTURECAST_HOOKS
from .clevercast import HOOKS as CLEVERCAST_HOOKS
from .cognitive3d import HOOKS as COGNITIVE3D_HOOKS
from .const import Provider
from .contentgroove import HOOKS as CONTENTGROOVE_HOOKS
from .providers import PlatformSetup, ProviderHooks, provider_of

if TYPE_CHECKING:
    from homeassistant.config_entries import ConfigEntry
    from homeassistant.const import Platform
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

# The one place the runtime data types are erased: each entry of the table is a
# ``ProviderHooks[<its runtime data>]`` and only gets entries of its own provider.
PROVIDER_HOOKS: dict[Provider, ProviderHooks[Any]] = {
    Provider.CAPTURECAST: CAPTURECAST_HOOKS,
    Provider.API_VIDEO: API_VIDEO_HOOKS,
    Provider.CONTENTGROOVE: CONTENTGROOVE_HOOKS,
    Provider.CLEVERCAST: CLEVERCAST_HOOKS,
    Provider.COGNITIVE3D: COGNITIVE3D_HOOKS,
}


def hooks_for(entry: ConfigEntry[Any]) -> ProviderHooks[Any]:
    """Return the hooks of the provider that owns ``entry``."""
    return PROVIDER_HOOKS[provider_of(entry)]


def platform_setup(platform: Platform) -> PlatformSetup[Any]:
    """The ``async_setup_entry`` of one top-level platform module.

    It sets up the platform's entities for an entry through the entry's provider. Entries are
    only forwarded to the platforms their provider lists, so the lookup is exact.
    """

    async def async_setup_entry(
        hass: HomeAssistant,
        entry: ConfigEntry[Any],
        async_add_entities: AddConfigEntryEntitiesCallback,
    ) -> None:
        await hooks_for(entry).platforms[platform](hass, entry, async_add_entities)

    return async_setup_entry
