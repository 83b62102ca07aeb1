"""The README's submit_media → media.processing_finished flow, run as written.

The README's two automations (api.video MP4 ready → submit to ContentGroove; media processed →
a 60-second clip around the best suggestion, then a notification) are loaded from the README
itself and run against the simulated ContentGroove account; only the account's entry id and the
notify action are swapped for the test's.
"""

from __future__ import annotations

from pathlib import Path
import re
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_mock_service
import yaml

from simulator.contentgroove import ContentGrooveSimulator

from .conftest import EVENT

README = (Path(__file__).parents[2] / "README.md").read_text()
PLACEHOLDER_ENTRY = "01JD0CONTENTGROOVEENTRY000"


def readme_flow(entry_id: str) -> list[dict[str, Any]]:
    """The README block holding the ContentGroove flow, with this test's entry id."""
    [block] = [
        text
        for text in re.findall(r"```yaml\n(.*?)```", README, re.S)
        if "alias: ContentGroove clips ready" in text
    ]
    automations: list[dict[str, Any]] = yaml.safe_load(block.replace(PLACEHOLDER_ENTRY, entry_id))
    return automations


async def test_readme_flow_ends_with_a_chosen_clip(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    notes = async_mock_service(hass, "notify", "av_team")
    automations = readme_flow(loaded_entry.entry_id)
    assert [a["alias"] for a in automations] == [
        "Recording to ContentGroove",
        "ContentGroove clips ready",
    ]
    assert await async_setup_component(hass, "automation", {"automation": automations})
    await hass.async_block_till_done()

    # api.video says the MP4 of a recording is ready: the first automation submits it.
    hass.bus.async_fire(
        EVENT,
        {
            "config_entry_id": "api-video-entry",
            "provider": "api_video",
            "event_type": "video.encoding.quality.completed",
            "video_id": "vi42",
            "payload": {"encoding": "mp4", "quality": "1080p", "videoId": "vi42"},
        },
    )
    await hass.async_block_till_done()
    [media] = sim.medias.values()
    assert media["attributes"]["source_url"] == "https://cdn.api.video/vod/vi42/mp4/source.mp4"
    assert media["attributes"]["name"] == "Recording vi42"

    # ContentGroove finishes it: the second automation cuts 60 s around the best suggestion
    # (rank 1, 12.5-27.5 s, so 0-60 s once kept after the start) and tells the AV team.
    attempts = await sim.finish_processing(media["id"])
    assert [a.status for a in attempts] == [200]
    await hass.async_block_till_done()
    [made] = [c for c in sim.clips.values() if c["attributes"]["rank"] is None]
    assert made["relationships"]["media"]["data"]["id"] == media["id"]
    assert (made["attributes"]["start_time"], made["attributes"]["end_time"]) == (0.0, 60.0)
    assert made["attributes"]["name"] == "Recording vi42 0-60 s"
    [note] = notes
    message = note.data["message"]
    assert message.startswith("Recording vi42: 3 clips suggested, best https://cdn.example/clips/")
    assert message.endswith(f'made "Recording vi42 0-60 s" (0.0 to 60.0 s, clip {made["id"]})')
