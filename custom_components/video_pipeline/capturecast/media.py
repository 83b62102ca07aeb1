"""A CaptureCast unit's media packages in HA's media browser: title, date and duration.

A package plays only when the unit gives it an absolute http(s) address (a guessed field, see
``MEDIA_PACKAGE_GUESSES``): the unit's own API needs Basic auth, which a media player cannot
send, so nothing else is reachable. Other packages are listed as not playable; publish and
delete them with the unit's actions. Paths below the unit: ``""`` and ``package/<id>``.
"""

from __future__ import annotations

from datetime import datetime

from homeassistant.components.media_player import BrowseError
from homeassistant.components.media_source import BrowseMediaSource, PlayMedia, Unresolvable
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
from yarl import URL

from ..clients.capturecast import CaptureCastError, MediaPackage
from ..media_helpers import (
    MIME_HLS,
    MIME_MP4,
    MediaErrorKind,
    async_label,
    folder,
    media_error,
    media_id,
    recording,
)
from ..providers import MediaHooks
from .data import CaptureCastConfigEntry, CaptureCastRuntimeData

VENDOR = "CaptureCast"


def _playable(package: MediaPackage) -> tuple[str, str] | None:
    """The package's address and type, when it is one a media player can fetch."""
    if package.url is None:
        return None
    url = URL(package.url)
    if url.scheme not in ("http", "https") or not url.host:
        return None
    return package.url, MIME_HLS if url.path.endswith(".m3u8") else MIME_MP4


def _date(created: datetime | None) -> str:
    return dt_util.as_local(created).strftime("%Y-%m-%d %H:%M") if created else "?"


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes // 60}:{minutes % 60:02d}:{secs:02d}"


async def _packages(entry: CaptureCastConfigEntry, kind: MediaErrorKind) -> list[MediaPackage]:
    try:
        packages: list[MediaPackage] = await entry.runtime_data.client.list_media_packages()
    except CaptureCastError as err:
        raise media_error("media_unavailable", kind, vendor=VENDOR, error=str(err)) from err
    return packages


async def async_browse(
    hass: HomeAssistant, entry: CaptureCastConfigEntry, path: str
) -> BrowseMediaSource:
    """The unit's media packages, newest first."""
    if path:
        raise media_error("media_not_found", BrowseError, identifier=media_id(entry, path))
    packages = await _packages(entry, BrowseError)
    packages.sort(key=lambda p: p.created.timestamp() if p.created else 0.0, reverse=True)
    children = []
    for package in packages:
        playable = _playable(package)
        title = await async_label(
            hass,
            "media_package",
            title=package.title or package.id,
            date=_date(package.created),
            duration=_duration(package.duration_seconds),
        )
        children.append(
            recording(
                media_id(entry, "package", package.id),
                title,
                playable[1] if playable else MIME_MP4,
                can_play=playable is not None,
            )
        )
    return folder(entry.entry_id, entry.title, children)


async def async_resolve(hass: HomeAssistant, entry: CaptureCastConfigEntry, path: str) -> PlayMedia:
    """The package's own address, when it has one a media player can reach."""
    kind, _, package_id = path.partition("/")
    packages = await _packages(entry, Unresolvable) if kind == "package" and package_id else []
    package = next((p for p in packages if p.id == package_id), None)
    if package is None:
        raise media_error("media_not_found", Unresolvable, identifier=media_id(entry, path))
    playable = _playable(package)
    if playable is None:
        raise media_error("media_not_playable", Unresolvable, title=package.title or package.id)
    return PlayMedia(*playable)


MEDIA = MediaHooks[CaptureCastRuntimeData](browse=async_browse, resolve=async_resolve)
