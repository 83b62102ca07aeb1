"""Snapshot of an api.video account in HA's media browser and of what a player gets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from homeassistant.components import media_source
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from syrupy.assertion import SnapshotAssertion

from custom_components.video_pipeline.const import DOMAIN
from simulator.apivideo import ApiVideoSimulator
from tests.snapshots import snapshot_data

from .test_media import media  # noqa: F401  # the media browser, set up before the web server

T0 = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
# What the integration decides about an item; newer HA adds fields of its own (can_search, ...).
OURS = (
    "title",
    "media_class",
    "media_content_id",
    "media_content_type",
    "can_play",
    "can_expand",
    "thumbnail",
    "children_media_class",
)


def ours(item: dict[str, Any]) -> dict[str, Any]:
    """The item as the integration built it, children included."""
    view = {key: item.get(key) for key in OURS}
    if "children" in item:
        view["children"] = [ours(child) for child in item["children"]]
    return view


@pytest.mark.usefixtures("media")
async def test_browse_and_resolve(
    hass: HomeAssistant,
    sim: ApiVideoSimulator,
    loaded_entry: MockConfigEntry,
    snapshot: SnapshotAssertion,
) -> None:
    for days, title in enumerate(("Welcome to the studio", "Physics 101, week 1")):
        sim.add_video(title, created_at=T0 + timedelta(days=7 * days))
    sim.add_video("Physics 101, week 2", created_at=T0 + timedelta(days=14), mp4=False)
    replace = {sim.base_url: "<simulator>", loaded_entry.entry_id: "<entry>"}

    root = await media_source.async_browse_media(hass, f"media-source://{DOMAIN}")
    account = await media_source.async_browse_media(
        hass, f"media-source://{DOMAIN}/{loaded_entry.entry_id}"
    )
    newest, older = (account.children or [])[:2]
    played = [
        await media_source.async_resolve_media(hass, video.media_content_id, None)
        for video in (newest, older)
    ]
    assert snapshot_data(ours(root.as_dict()), replace) == snapshot
    assert snapshot_data(ours(account.as_dict()), replace) == snapshot
    assert snapshot_data([{"url": p.url, "mime_type": p.mime_type} for p in played], replace) == (
        snapshot
    )
