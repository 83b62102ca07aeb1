"""api.video videos in HA's media browser: newest first, paged, and played by their asset URL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
import logging
from pathlib import Path
from typing import Any

from homeassistant.components import media_source
from homeassistant.components.media_player import (
    DATA_COMPONENT,
    BrowseError,
    MediaPlayerEntity,
    MediaPlayerEntityFeature,
)
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
import yaml

from custom_components.video_pipeline.apivideo.media import PAGE_SIZE
from custom_components.video_pipeline.const import DOMAIN
from simulator.apivideo import ApiVideoSimulator, SimVideo

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
ROOT = f"media-source://{DOMAIN}"
README = (Path(__file__).parents[2] / "README.md").read_text()
README_ENTRY_ID = "01JQ5ZK3C8B1W1S8Y2V0F7M4XN"


@pytest.fixture
async def media(hass: HomeAssistant) -> None:
    """The media browser, and media players (before HA's test web server freezes its routes)."""
    assert await async_setup_component(hass, "media_source", {})
    assert await async_setup_component(hass, "media_player", {})


def upload(sim: ApiVideoSimulator, count: int, **kwargs: Any) -> list[str]:
    return [
        sim.add_video(f"Lecture {n}", created_at=T0 + timedelta(hours=n), **kwargs).video_id
        for n in range(count)
    ]


async def test_browse_newest_first_with_thumbnails_and_pages(
    hass: HomeAssistant, media: None, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    ids = upload(sim, PAGE_SIZE + 2)
    root = await media_source.async_browse_media(hass, ROOT)
    assert root.title == "Video Pipeline"
    assert [(c.title, c.can_expand) for c in root.children or []] == [("api.video", True)]
    account_id = (root.children or [])[0].media_content_id
    assert account_id == f"{ROOT}/{loaded_entry.entry_id}"

    first = await media_source.async_browse_media(hass, account_id)
    videos, more = (first.children or [])[:-1], (first.children or [])[-1]
    assert len(videos) == PAGE_SIZE
    assert [v.title for v in videos[:2]] == [f"Lecture {PAGE_SIZE + 1}", f"Lecture {PAGE_SIZE}"]
    assert all(v.can_play and not v.can_expand for v in videos)
    assert videos[0].media_content_type == "video/mp4"
    assert videos[0].thumbnail == f"{sim.base_url}/_sim/vod/{ids[-1]}/thumbnail.png"
    assert (more.title, more.can_expand, more.can_play) == ("Page 2 of 2", True, False)

    second = await media_source.async_browse_media(hass, more.media_content_id)
    assert second.title == "api.video: Page 2 of 2"
    assert [v.title for v in second.children or []] == ["Lecture 1", "Lecture 0"]
    assert sim.exchanges[-1].query == {
        "currentPage": "2",
        "pageSize": str(PAGE_SIZE),
        "sortBy": "createdAt",
        "sortOrder": "desc",
    }


async def test_resolve_gives_the_player_the_mp4_or_the_hls_playlist(
    hass: HomeAssistant, media: None, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    [with_mp4] = upload(sim, 1)
    hls_only = sim.add_video("HLS only", mp4=False, created_at=T0 - timedelta(days=1))
    page = await media_source.async_browse_media(hass, f"{ROOT}/{loaded_entry.entry_id}")
    by_title = {child.title: child for child in page.children or []}
    assert by_title["HLS only"].media_content_type == "application/x-mpegURL"

    played = await media_source.async_resolve_media(
        hass, by_title["Lecture 0"].media_content_id, None
    )
    assert (played.url, played.mime_type) == (
        f"{sim.base_url}/_sim/vod/{with_mp4}/mp4/source.mp4",
        "video/mp4",
    )
    played = await media_source.async_resolve_media(
        hass, by_title["HLS only"].media_content_id, None
    )
    assert (played.url, played.mime_type) == (
        f"{sim.base_url}/_sim/vod/{hls_only.video_id}/hls/manifest.m3u8",
        "application/x-mpegURL",
    )
    newest = await media_source.async_resolve_media(
        hass, f"{ROOT}/{loaded_entry.entry_id}/newest", None
    )
    assert newest.url.endswith(f"/{with_mp4}/mp4/source.mp4")


async def test_bad_ids_and_vendor_errors_are_translated_and_logged_once(
    hass: HomeAssistant,
    media: None,
    sim: ApiVideoSimulator,
    loaded_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    account = f"{ROOT}/{loaded_entry.entry_id}"
    cases = [
        (f"{account}/video/vi_gone", "There is no such recording"),
        (f"{account}/elsewhere", "There is no such recording"),
        (f"{account}/newest", "There is no such recording"),  # no videos yet
        (f"{ROOT}/not-an-entry/video/x", "the account or unit is not loaded"),
    ]
    for media_id, text in cases:
        caplog.clear()
        with pytest.raises(media_source.Unresolvable, match=text):
            await media_source.async_resolve_media(hass, media_id, None)
        [record] = [r for r in caplog.records if r.name.startswith("custom_components")]
        assert record.levelno == logging.WARNING
        assert record.exc_info is None
    with pytest.raises(BrowseError, match="There is no such recording"):
        await media_source.async_browse_media(hass, f"{account}/page/0")
    sim.throttle(60)
    with pytest.raises(BrowseError, match="api.video could not list or play"):
        await media_source.async_browse_media(hass, account)
    [video] = upload(sim, 1)
    sim.throttle(60)
    with pytest.raises(media_source.Unresolvable, match="api.video could not list or play"):
        await media_source.async_resolve_media(hass, f"{account}/video/{video}", None)


async def test_an_unloaded_account_is_not_browsable(
    hass: HomeAssistant, media: None, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    await hass.config_entries.async_unload(loaded_entry.entry_id)
    root = await media_source.async_browse_media(hass, ROOT)
    assert root.children == []
    with pytest.raises(BrowseError, match="api.video cannot be shown"):
        await media_source.async_browse_media(hass, f"{ROOT}/{loaded_entry.entry_id}")


class NotUploaded(SimVideo):
    """A video object whose file is not there yet: no playable asset."""

    def as_json(self, origin: str) -> dict[str, Any]:
        body = super().as_json(origin)
        body["assets"] = {"player": body["assets"]["player"]}
        return body


async def test_a_video_without_assets_is_listed_but_not_playable(
    hass: HomeAssistant, media: None, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    video = sim.add_video("Still uploading")
    sim.account().videos[video.video_id] = NotUploaded(**vars(video))
    page = await media_source.async_browse_media(hass, f"{ROOT}/{loaded_entry.entry_id}")
    [child] = page.children or []
    assert (child.title, child.can_play, child.thumbnail) == ("Still uploading", False, None)
    with pytest.raises(media_source.Unresolvable, match='"Still uploading" has no address'):
        await media_source.async_resolve_media(hass, child.media_content_id, None)


class LobbyScreen(MediaPlayerEntity):
    """A media player that resolves media-source ids the way HA's own players (cast) do."""

    _attr_name = "Lobby screen"
    _attr_supported_features = MediaPlayerEntityFeature.PLAY_MEDIA

    def __init__(self) -> None:
        self.played: list[tuple[str, str]] = []

    async def async_play_media(self, media_type: str, media_id: str, **kwargs: Any) -> None:
        if media_source.is_media_source_id(media_id):
            resolved = await media_source.async_resolve_media(self.hass, media_id, self.entity_id)
            media_type, media_id = resolved.mime_type, resolved.url
        self.played.append((media_type, media_id))


def readme_automation(entry_id: str) -> dict[str, Any]:
    """The README's example, with this test's entry id and an event instead of 08:00."""
    title = "# Play the newest recording on the lobby screen\n"
    block = README.split(title, 1)[1].split("```", 1)[0]
    automation: dict[str, Any] = yaml.safe_load(block.replace(README_ENTRY_ID, entry_id))
    assert automation["triggers"] == [{"trigger": "time", "at": "08:00:00"}]
    return {**automation, "triggers": [{"trigger": "event", "event_type": "lobby_show_newest"}]}


async def test_readme_automation_plays_the_newest_recording_on_the_lobby_screen(
    hass: HomeAssistant, media: None, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    ids = upload(sim, 3)
    screen = LobbyScreen()
    await hass.data[DATA_COMPONENT].async_add_entities([screen])
    assert screen.entity_id == "media_player.lobby_screen"
    automation = readme_automation(loaded_entry.entry_id)
    assert await async_setup_component(hass, "automation", {"automation": [automation]})
    hass.bus.async_fire("lobby_show_newest")
    await hass.async_block_till_done()
    assert screen.played == [("video/mp4", f"{sim.base_url}/_sim/vod/{ids[-1]}/mp4/source.mp4")]
