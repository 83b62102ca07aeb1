"""HA's media browser: Media → Video Pipeline → an account or unit → its recordings.

Identifiers are ``<config entry id>[/<provider path>]``; the provider that owns the entry
browses and resolves the rest (see ``MediaHooks`` in ``providers.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from homeassistant.components.media_player import BrowseError
from homeassistant.components.media_source import (
    BrowseMediaSource,
    MediaSource,
    MediaSourceItem,
    PlayMedia,
    Unresolvable,
)
from homeassistant.config_entries import ConfigEntry, ConfigEntryState
from homeassistant.core import HomeAssistant

from .const import DOMAIN, LOGGER
from .media_helpers import MediaErrorKind, folder, media_error
from .provider_table import hooks_for
from .providers import MediaHook, MediaHooks

TITLE = "Video Pipeline"


async def async_get_media_source(hass: HomeAssistant) -> VideoPipelineMediaSource:
    """Set up the integration's media source (HA calls this once)."""
    return VideoPipelineMediaSource(hass)


def _media_hooks(entry: ConfigEntry[Any]) -> MediaHooks[Any] | None:
    return hooks_for(entry).media


class VideoPipelineMediaSource(MediaSource):
    """The recordings of every loaded account and unit whose provider has any."""

    name = TITLE

    def __init__(self, hass: HomeAssistant) -> None:
        super().__init__(DOMAIN)
        self.hass = hass

    def _entry(
        self, identifier: str, kind: MediaErrorKind
    ) -> tuple[ConfigEntry[Any], MediaHooks[Any], str]:
        entry_id, _, rest = identifier.partition("/")
        entry = self.hass.config_entries.async_get_entry(entry_id)
        hooks = None if entry is None or entry.domain != DOMAIN else _media_hooks(entry)
        if entry is None or hooks is None or entry.state is not ConfigEntryState.LOADED:
            title = entry.title if entry is not None else entry_id
            raise media_error("media_entry_unavailable", kind, entry=title)
        return entry, hooks, rest

    async def async_browse_media(self, item: MediaSourceItem) -> BrowseMediaSource:
        """List the accounts and units, or what one of them holds."""
        if not item.identifier:
            entries = [
                entry
                for entry in self.hass.config_entries.async_loaded_entries(DOMAIN)
                if _media_hooks(entry) is not None
            ]
            children = [folder(entry.entry_id, entry.title) for entry in entries]
            root = folder("", TITLE, children)
            root.children_media_class = None
            return root
        return await self._ask_provider(
            item.identifier, BrowseError, "browse", lambda hooks: hooks.browse
        )

    async def async_resolve_media(self, item: MediaSourceItem) -> PlayMedia:
        """The address and type a media player gets for one recording."""
        return await self._ask_provider(
            item.identifier, Unresolvable, "play", lambda hooks: hooks.resolve
        )

    async def _ask_provider[T](
        self,
        identifier: str,
        kind: MediaErrorKind,
        action: str,
        hook: Callable[[MediaHooks[Any]], MediaHook[Any, T]],
    ) -> T:
        """Run the entry's provider hook on the rest of the path; log what it cannot do."""
        try:
            entry, hooks, rest = self._entry(identifier, kind)
            return await hook(hooks)(self.hass, entry, rest)
        except kind as err:
            LOGGER.warning("Cannot %s %s: %s", action, identifier, err)
            raise
