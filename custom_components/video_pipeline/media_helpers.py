"""What the providers' media-browser hooks share: identifiers, errors and translated labels."""

from __future__ import annotations

from typing import Any, Final

from homeassistant.components.media_player import BrowseError, MediaClass, MediaType
from homeassistant.components.media_source import BrowseMediaSource, Unresolvable
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.translation import async_get_translations

from .const import DOMAIN

MIME_MP4: Final = "video/mp4"
# The type HA's own players (the browser's HLS player, cast) recognise for an HLS playlist.
MIME_HLS: Final = "application/x-mpegURL"


def media_id(entry: ConfigEntry[Any], *parts: str) -> str:
    """The media-source identifier of an entry's node: ``<entry id>/<part>/<part>``."""
    return "/".join((entry.entry_id, *parts))


# Browsing raises BrowseError and resolving Unresolvable: HA's handlers catch exactly those.
type MediaErrorKind = type[BrowseError] | type[Unresolvable]


def media_error(key: str, kind: MediaErrorKind, **placeholders: str) -> BrowseError | Unresolvable:
    """A translated media-browser error (``media_not_found``, ``media_unavailable``, ...)."""
    return kind(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders=placeholders,
    )


async def async_label(hass: HomeAssistant, key: str, **placeholders: str) -> str:
    """A translated label from the ``common`` section, in the server's language."""
    strings = await async_get_translations(hass, hass.config.language, "common", [DOMAIN])
    template = strings.get(f"component.{DOMAIN}.common.{key}", key)
    return template.format(**placeholders)


def folder(
    identifier: str, title: str, children: list[BrowseMediaSource] | None = None
) -> BrowseMediaSource:
    """A browsable folder of recordings."""
    return BrowseMediaSource(
        domain=DOMAIN,
        identifier=identifier,
        media_class=MediaClass.DIRECTORY,
        media_content_type=MediaType.VIDEO,
        title=title,
        can_play=False,
        can_expand=True,
        children=children,
        children_media_class=MediaClass.VIDEO if children is not None else None,
    )


def recording(
    identifier: str, title: str, mime_type: str, *, can_play: bool, thumbnail: str | None = None
) -> BrowseMediaSource:
    """One recording: playable when it has an address a media player can reach."""
    return BrowseMediaSource(
        domain=DOMAIN,
        identifier=identifier,
        media_class=MediaClass.VIDEO,
        media_content_type=mime_type,
        title=title,
        can_play=can_play,
        can_expand=False,
        thumbnail=thumbnail,
    )
