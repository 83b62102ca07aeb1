"""The per-provider hooks that the integration's entry points dispatch to.

Every config entry belongs to one provider (a CaptureCast unit, an api.video account, ...).
The top-level modules HA loads (``__init__``, ``sensor``, ``diagnostics``, ...) stay thin and
forward to the provider package that owns the entry, so each vendor lives in its own package.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from homeassistant.const import Platform

from .const import CONF_PROVIDER, Provider

if TYPE_CHECKING:
    from homeassistant.components.media_source import BrowseMediaSource, PlayMedia
    from homeassistant.config_entries import ConfigEntry
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

type EntryHook = Callable[[HomeAssistant, ConfigEntry[Any]], Awaitable[bool]]
type PlatformSetup = Callable[
    [HomeAssistant, ConfigEntry[Any], AddConfigEntryEntitiesCallback], Awaitable[None]
]
type RemoveHook = Callable[[HomeAssistant, ConfigEntry[Any]], Awaitable[None]]
type DiagnosticsHook = Callable[[HomeAssistant, ConfigEntry[Any]], Awaitable[dict[str, Any]]]
# Media browser: the entry and the rest of the media-source path after the entry id.
type BrowseHook = Callable[[HomeAssistant, ConfigEntry[Any], str], Awaitable[BrowseMediaSource]]
type ResolveHook = Callable[[HomeAssistant, ConfigEntry[Any], str], Awaitable[PlayMedia]]


@dataclass(frozen=True, slots=True)
class MediaHooks:
    """How a provider's recordings appear in HA's media browser (see ``media_source.py``)."""

    browse: BrowseHook
    resolve: ResolveHook


@dataclass(frozen=True, slots=True)
class ProviderHooks:
    """What a provider package contributes to the integration."""

    setup_entry: EntryHook
    unload_entry: EntryHook
    diagnostics: DiagnosticsHook
    platforms: Mapping[Platform, PlatformSetup] = field(default_factory=dict)
    # Accounts clean up what lives outside HA (vendor subscriptions, cloudhooks, stores).
    remove_entry: RemoveHook | None = None
    # Providers whose recordings HA's media browser lists and plays.
    media: MediaHooks | None = None


def provider_of(entry: ConfigEntry[Any]) -> Provider:
    """Return the provider a config entry belongs to."""
    return Provider(entry.data[CONF_PROVIDER])
