"""Videos: the newest-first list page by page, one video, and the simulator's assets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import aiohttp
import pytest

from custom_components.video_pipeline.clients.apivideo import (
    ApiVideoClient,
    ApiVideoNotFoundError,
    ApiVideoResponseError,
    Video,
    VideoPage,
)
from custom_components.video_pipeline.clients.http_auth import basic_authorization
from simulator.apivideo import ApiVideoSimulator

from .conftest import PRODUCTION_KEY

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
AUTH = {"Authorization": basic_authorization(PRODUCTION_KEY, "")}


def _upload(sim: ApiVideoSimulator, count: int) -> list[str]:
    return [
        sim.add_video(f"Lecture {n}", created_at=T0 + timedelta(hours=n)).video_id
        for n in range(count)
    ]


async def test_list_videos_newest_first_page_by_page(
    apivideo_client: ApiVideoClient, apivideo_sim: ApiVideoSimulator
) -> None:
    ids = _upload(apivideo_sim, 5)
    first = await apivideo_client.list_videos(page=1, page_size=2)
    assert [v.title for v in first.videos] == ["Lecture 4", "Lecture 3"]
    assert (first.page, first.pages_total, first.items_total, first.has_next) == (1, 3, 5, True)
    last = await apivideo_client.list_videos(page=3, page_size=2)
    assert [v.id for v in last.videos] == [ids[0]]
    assert not last.has_next
    assert apivideo_sim.exchanges[0].query == {
        "currentPage": "1",
        "pageSize": "2",
        "sortBy": "createdAt",
        "sortOrder": "desc",
    }
    video = first.videos[0]
    assert video.created_at == T0 + timedelta(hours=4)
    assert video.hls and video.hls.endswith("/hls/manifest.m3u8")
    assert video.mp4 and video.mp4.endswith("/mp4/source.mp4")
    assert video.thumbnail and video.thumbnail.endswith("/thumbnail.png")
    assert video.public


async def test_get_video_and_missing_video(
    apivideo_client: ApiVideoClient, apivideo_sim: ApiVideoSimulator
) -> None:
    sim_video = apivideo_sim.add_video("No MP4", mp4=False, public=False)
    video = await apivideo_client.get_video(sim_video.video_id)
    assert (video.title, video.mp4, video.public) == ("No MP4", None, False)
    assert video.hls
    with pytest.raises(ApiVideoNotFoundError):
        await apivideo_client.get_video("vi_gone")
    with pytest.raises(ValueError, match="id"):
        await apivideo_client.get_video("../webhooks")


async def test_list_videos_refuses_bad_pages(apivideo_client: ApiVideoClient) -> None:
    for page, size in ((0, 10), (1, 0), (1, 101)):
        with pytest.raises(ValueError, match="page"):
            await apivideo_client.list_videos(page=page, page_size=size)


async def test_list_videos_refuses_a_body_without_data(
    apivideo_client: ApiVideoClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def request(*args: object, **kwargs: object) -> tuple[int, object]:
        return 200, {"items": []}

    monkeypatch.setattr(apivideo_client, "_request", request)
    with pytest.raises(ApiVideoResponseError, match="paginated"):
        await apivideo_client.list_videos()


def test_models_read_leniently() -> None:
    bare = Video.from_dict({"videoId": "vi1", "assets": "nope", "mp4Support": True})
    assert (bare.title, bare.hls, bare.mp4, bare.thumbnail, bare.created_at) == (
        "vi1",
        None,
        None,
        None,
        None,
    )
    no_mp4 = Video.from_dict({"videoId": "vi2", "mp4Support": False, "assets": {"mp4": "x"}})
    assert no_mp4.mp4 is None
    page = VideoPage.from_dict({"data": [{"videoId": "a"}, 3], "pagination": "?"}, 2)
    assert (len(page.videos), page.page, page.pages_total, page.items_total) == (1, 2, 2, 1)
    assert not page.has_next


async def test_simulator_serves_assets_and_controls(apivideo_sim: ApiVideoSimulator) -> None:
    base = apivideo_sim.base_url
    async with aiohttp.ClientSession() as http:
        resp = await http.post(
            f"{base}/_sim/videos",
            json={"title": "Seminar", "created_at": "2026-03-02T10:00:00+00:00", "mp4": False},
        )
        assert resp.status == 201
        video = await resp.json()
        assert video["createdAt"] == "2026-03-02T10:00:00+00:00"
        assets = video["assets"]
        assert "mp4" not in assets
        hls = await http.get(assets["hls"])
        assert hls.content_type == "application/vnd.apple.mpegurl"
        assert (await hls.text()).startswith("#EXTM3U")
        thumb = await http.get(assets["thumbnail"])
        assert (await thumb.read()).startswith(b"\x89PNG")
        vod = f"{base}/_sim/vod/{video['videoId']}"
        assert (await http.get(f"{vod}/mp4/source.mp4")).status == 404
        assert (await http.get(f"{base}/_sim/vod/vi_gone/thumbnail.png")).status == 404
        await http.post(f"{base}/_sim/videos", json={"title": "With MP4"})
        state = await (await http.get(f"{base}/_sim/state")).json()
        mp4 = state["production"]["videos"][1]["assets"]["mp4"]
        answer = await http.get(mp4)
        assert answer.content_type == "video/mp4"
        assert (await answer.read())[4:8] == b"ftyp"


@pytest.mark.parametrize(
    ("query", "name"), [({"sortBy": "size"}, "sortBy"), ({"sortOrder": "up"}, "sortOrder")]
)
async def test_simulator_refuses_unknown_sorting(
    apivideo_sim: ApiVideoSimulator, query: dict[str, str], name: str
) -> None:
    async with aiohttp.ClientSession() as http:
        resp = await http.get(f"{apivideo_sim.base_url}/videos", params=query, headers=AUTH)
        assert resp.status == 400
        assert (await resp.json())["name"] == name


async def test_simulator_sorts_by_title_ascending(
    apivideo_sim: ApiVideoSimulator, session: aiohttp.ClientSession
) -> None:
    for title in ("b", "c", "a"):
        apivideo_sim.add_video(title)
    resp = await session.get(
        f"{apivideo_sim.base_url}/videos", params={"sortBy": "title"}, headers=AUTH
    )
    assert [v["title"] for v in (await resp.json())["data"]] == ["a", "b", "c"]
