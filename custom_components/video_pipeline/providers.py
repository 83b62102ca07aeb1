"""The per-provider hooks that the integration's entry points dispatch to.

Every config entry belongs to one provider (a CaptureCast unit, an api.video account, ...).
The top-level modules HA loads (``__init__``, ``sensor``, ``diagnostics``, ...) stay thin and
forward to the provider package that owns the entry, so each vendor lives in its own package.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from homeassistant.const import Platform

from .const import CONF_PROVIDER, Provider

if TYPE_CHECKING:
    from homeassistant.components.media_source import BrowseMediaSource, PlayMedia
    from homeassistant.config_entries import ConfigEntry
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity import Entity
    from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

# Each hook receives the entry typed with its provider's runtime data (``R``), so mypy checks a
# provider's hooks against the data its setup stores; only the dispatch table erases ``R``.
type EntryHook[R] = Callable[[HomeAssistant, ConfigEntry[R]], Awaitable[bool]]
type PlatformSetup[R] = Callable[
    [HomeAssistant, ConfigEntry[R], AddConfigEntryEntitiesCallback], Awaitable[None]
]
type RemoveHook[R] = Callable[[HomeAssistant, ConfigEntry[R]], Awaitable[None]]
type DiagnosticsHook[R] = Callable[[HomeAssistant, ConfigEntry[R]], Awaitable[dict[str, Any]]]
# Connects a unit or account and returns what its entry keeps (``entry.runtime_data``).
type RuntimeBuilder[R] = Callable[[HomeAssistant, ConfigEntry[R]], Awaitable[R]]
# Media browser: the entry and the rest of the media-source path after the entry id.
type MediaHook[R, T] = Callable[[HomeAssistant, ConfigEntry[R], str], Awaitable[T]]
type BrowseHook[R] = MediaHook[R, BrowseMediaSource]
type ResolveHook[R] = MediaHook[R, PlayMedia]


@dataclass(frozen=True, slots=True)
class MediaHooks[R]:
    """How a provider's recordings appear in HA's media browser (see ``media_source.py``)."""

    browse: BrowseHook[R]
    resolve: ResolveHook[R]


@dataclass(frozen=True, slots=True)
class ProviderHooks[R]:
    """What a provider package contributes to the integration; ``R`` is its runtime data."""

    setup_entry: EntryHook[R]
    unload_entry: EntryHook[R]
    diagnostics: DiagnosticsHook[R]
    platforms: Mapping[Platform, PlatformSetup[R]] = field(default_factory=dict)
    # Accounts clean up what lives outside HA (vendor subscriptions, cloudhooks, stores).
    remove_entry: RemoveHook[R] | None = None
    # Providers whose recordings HA's media browser lists and plays.
    media: MediaHooks[R] | None = None


def entry_platform[R](entities: Callable[[ConfigEntry[R]], Iterable[Entity]]) -> PlatformSetup[R]:
    """A provider's platform setup that adds the entities ``entities`` makes for the entry."""

    async def async_setup_entry(
        hass: HomeAssistant,
        entry: ConfigEntry[R],
        async_add_entities: AddConfigEntryEntitiesCallback,
    ) -> None:
        async_add_entities(entities(entry))

    return async_setup_entry


def entities_platform[R](entities: Callable[[R], Iterable[Entity]]) -> PlatformSetup[R]:
    """A provider's platform setup that adds the entities ``entities`` makes of the runtime data."""
    return entry_platform(lambda entry: entities(entry.runtime_data))


def platform_hooks[R](
    build_runtime: RuntimeBuilder[R],
    platforms: Mapping[Platform, PlatformSetup[R]],
    diagnostics: DiagnosticsHook[R],
    *,
    remove_entry: RemoveHook[R] | None = None,
    media: MediaHooks[R] | None = None,
) -> ProviderHooks[R]:
    """The hooks of a provider whose setup builds the entry's runtime data, then its platforms.

    Unloading such an entry unloads its platforms; whatever else it started, it registered with
    ``entry.async_on_unload``.
    """

    async def setup(hass: HomeAssistant, entry: ConfigEntry[R]) -> bool:
        entry.runtime_data = await build_runtime(hass, entry)
        await hass.config_entries.async_forward_entry_setups(entry, list(platforms))
        return True

    async def unload(hass: HomeAssistant, entry: ConfigEntry[R]) -> bool:
        return await hass.config_entries.async_unload_platforms(entry, list(platforms))

    return ProviderHooks(
        setup_entry=setup,
        unload_entry=unload,
        diagnostics=diagnostics,
        platforms=platforms,
        remove_entry=remove_entry,
        media=media,
    )


def provider_of(entry: ConfigEntry[Any]) -> Provider:
    """Return the provider a config entry belongs to."""
    return Provider(entry.data[CONF_PROVIDER])
