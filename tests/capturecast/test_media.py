"""CaptureCast media packages in HA's media browser: title, date, duration; playable by URL only."""

from __future__ import annotations

from datetime import UTC, datetime
import logging
from pathlib import Path

from homeassistant.components import media_source
from homeassistant.components.media_player import BrowseError
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest

from custom_components.video_pipeline.clients.capturecast.models import MEDIA_PACKAGE_GUESSES
from custom_components.video_pipeline.const import DOMAIN
from simulator.capturecast import SimulatedUnit

from .test_end_to_end import add_unit

ROOT = f"media-source://{DOMAIN}"
T0 = int(datetime(2026, 3, 1, 9, 0, tzinfo=UTC).timestamp() * 1000)


def package(
    package_id: str, title: str | None, created_ms: int, **extra: object
) -> dict[str, object]:
    return {
        "id": package_id,
        "title": title,
        "creationDate": created_ms,
        "duration": 5_415_000,
        "state": "complete",
        **extra,
    }


async def test_packages_listed_under_the_unit_and_played_only_by_a_reachable_url(
    hass: HomeAssistant, capturecast_unit: SimulatedUnit, caplog: pytest.LogCaptureFixture
) -> None:
    await hass.config.async_set_time_zone("UTC")
    assert await async_setup_component(hass, "media_source", {})
    await add_unit(hass, capturecast_unit)
    entry = hass.config_entries.async_entries(DOMAIN)[0]
    capturecast_unit.media_packages[:] = [
        package("mp-old", "Physics 101", T0),
        package("mp-new", None, T0 + 3_600_000, url="http://cdn.example/mp-new/video.mp4"),
        package("mp-hls", "Chemistry", T0 + 60_000, url="https://cdn.example/mp-hls/index.m3u8"),
        package("mp-rel", "Relative", T0 - 60_000, url="/media/mp-rel.mp4", duration=None),
    ]
    unit = await media_source.async_browse_media(hass, f"{ROOT}/{entry.entry_id}")
    assert unit.title == "Lecture Hall 101"
    assert [(c.title, c.can_play) for c in unit.children or []] == [
        ("mp-new (2026-03-01 10:00, 1:30:15)", True),
        ("Chemistry (2026-03-01 09:01, 1:30:15)", True),
        ("Physics 101 (2026-03-01 09:00, 1:30:15)", False),
        ("Relative (2026-03-01 08:59, ?)", False),
    ]
    ids = [c.media_content_id for c in unit.children or []]
    played = await media_source.async_resolve_media(hass, ids[0], None)
    assert (played.url, played.mime_type) == ("http://cdn.example/mp-new/video.mp4", "video/mp4")
    played = await media_source.async_resolve_media(hass, ids[1], None)
    assert played.mime_type == "application/x-mpegURL"
    for not_playable, title in ((ids[2], "Physics 101"), (ids[3], "Relative")):
        with pytest.raises(media_source.Unresolvable, match=f'"{title}" has no address'):
            await media_source.async_resolve_media(hass, not_playable, None)
    with pytest.raises(media_source.Unresolvable, match="no such recording"):
        await media_source.async_resolve_media(hass, f"{ROOT}/{entry.entry_id}/package/gone", None)
    with pytest.raises(BrowseError, match="no such recording"):
        await media_source.async_browse_media(hass, f"{ROOT}/{entry.entry_id}/package")

    capturecast_unit.disabled_paths = {"/api/1/mediaPackages"}
    caplog.clear()
    with pytest.raises(BrowseError, match="CaptureCast could not list or play"):
        await media_source.async_browse_media(hass, f"{ROOT}/{entry.entry_id}")
    with pytest.raises(media_source.Unresolvable, match="CaptureCast could not list or play"):
        await media_source.async_resolve_media(hass, ids[0], None)
    warnings = [r for r in caplog.records if r.name.startswith("custom_components")]
    assert [r.levelno for r in warnings] == [logging.WARNING, logging.WARNING]
    assert all(r.exc_info is None for r in warnings)


def test_every_guessed_media_package_field_is_in_the_known_limitations() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    start = readme.index("- **CaptureCast media packages in the media browser are guesses.**")
    paragraph = readme[start : readme.index("\n- **", start + 1)]
    assert "MEDIA_PACKAGE_GUESSES" in paragraph
    for names in MEDIA_PACKAGE_GUESSES.values():
        for name in names:
            assert f"`{name}`" in paragraph, name
