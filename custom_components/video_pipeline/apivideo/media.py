"""An api.video account's videos in HA's media browser: newest first, a page at a time.

Paths below the account: ``""`` (page 1), ``page/<n>``, ``video/<videoId>`` and ``newest`` (the
newest video, for automations). Resolving asks api.video for the video again, so a private video
gets a fresh token on every play.
"""

from __future__ import annotations

from typing import Final

from homeassistant.components.media_player import BrowseError
from homeassistant.components.media_source import BrowseMediaSource, PlayMedia, Unresolvable
from homeassistant.core import HomeAssistant

from ..clients.apivideo import ApiVideoError, ApiVideoNotFoundError, Video
from ..media_helpers import (
    MIME_HLS,
    MIME_MP4,
    async_label,
    folder,
    media_error,
    media_id,
    recording,
)
from ..providers import MediaHooks
from .const import VENDOR_NAME
from .data import ApiVideoConfigEntry, ApiVideoRuntimeData

# api.video's own default page size, so the browser pages like the vendor's list.
PAGE_SIZE: Final = 25
NEWEST: Final = "newest"


def _page_number(path: str) -> int | None:
    if not path:
        return 1
    kind, _, number = path.partition("/")
    return int(number) if kind == "page" and number.isdigit() and int(number) >= 1 else None


def _playable(video: Video) -> tuple[str, str] | None:
    """The address and type a player gets: the MP4 when there is one, else the HLS playlist."""
    if video.mp4:
        return video.mp4, MIME_MP4
    if video.hls:
        return video.hls, MIME_HLS
    return None


def _node(entry: ApiVideoConfigEntry, video: Video) -> BrowseMediaSource:
    playable = _playable(video)
    return recording(
        media_id(entry, "video", video.id),
        video.title,
        playable[1] if playable else MIME_MP4,
        can_play=playable is not None,
        thumbnail=video.thumbnail,
    )


async def async_browse(
    hass: HomeAssistant, entry: ApiVideoConfigEntry, path: str
) -> BrowseMediaSource:
    """One page of the account's videos, with a link to the next page."""
    page = _page_number(path)
    if page is None:
        raise media_error("media_not_found", BrowseError, identifier=media_id(entry, path))
    try:
        result = await entry.runtime_data.client.list_videos(page, PAGE_SIZE)
    except ApiVideoError as err:
        raise media_error(
            "media_unavailable", BrowseError, vendor=VENDOR_NAME, error=str(err)
        ) from err
    children = [_node(entry, video) for video in result.videos]
    pages = str(result.pages_total)
    if result.has_next:
        label = await async_label(hass, "media_page", page=str(page + 1), pages=pages)
        children.append(folder(media_id(entry, "page", str(page + 1)), label))
    if page == 1:
        return folder(entry.entry_id, entry.title, children)
    label = await async_label(hass, "media_page", page=str(page), pages=pages)
    return folder(media_id(entry, "page", str(page)), f"{entry.title}: {label}", children)


async def async_resolve(hass: HomeAssistant, entry: ApiVideoConfigEntry, path: str) -> PlayMedia:
    """The video's MP4 (or HLS playlist) address, as api.video gives it now."""
    kind, _, video_id = path.partition("/")
    newest = path == NEWEST
    if not newest and (kind != "video" or not video_id or "/" in video_id):
        raise media_error("media_not_found", Unresolvable, identifier=media_id(entry, path))
    client = entry.runtime_data.client
    try:
        if newest:
            videos = (await client.list_videos(1, 1)).videos
            if not videos:
                raise media_error("media_not_found", Unresolvable, identifier=media_id(entry, path))
            video = videos[0]
        else:
            video = await client.get_video(video_id)
    except ApiVideoNotFoundError as err:
        raise media_error(
            "media_not_found", Unresolvable, identifier=media_id(entry, path)
        ) from err
    except ApiVideoError as err:
        raise media_error(
            "media_unavailable", Unresolvable, vendor=VENDOR_NAME, error=str(err)
        ) from err
    playable = _playable(video)
    if playable is None:
        raise media_error("media_not_playable", Unresolvable, title=video.title)
    return PlayMedia(*playable)


MEDIA = MediaHooks[ApiVideoRuntimeData](browse=async_browse, resolve=async_resolve)
