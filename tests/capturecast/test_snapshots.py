"""Snapshots of a CaptureCast unit set up from unit answers (see ``fixtures/README.md``).

The answers are served to the real client through HA's shared HTTP session at a fixed time;
paths without an answer get 404, as a unit without them would. The snapshots show what a user
gets: entity states, registry entries, the unit device, diagnostics and the listing actions'
responses.
"""

from __future__ import annotations

import logging
from pathlib import Path
import re
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components import hassio  # noqa: F401  # see frozen(): imported for its effect
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion

from custom_components.video_pipeline.const import DOMAIN
from tests.snapshots import (
    action_response,
    entry_views,
    fixture_json,
    snapshot_data,
)

from .fixtures import PNG_PIXEL, UNIT_DATA, UNIT_HOST

HERE = Path(__file__).parent
UNIT = f"http://{UNIT_HOST}"
# Twenty minutes into the capture the unit reports (fixtures/capture.json).
NOW = "2026-11-22T14:20:00+00:00"
JSON = {"Content-Type": "application/json"}
ANSWERS = {
    "/api/1/status/unit": "unit.json",
    "/api/1/status/capture": "capture.json",
    "/api/1/status": "status.json",
    "/api/1/status/network": "network.json",
    "/api/1/status/diskSpace": "disk_space.json",
    "/api/1/status/schedule": "schedule.json",
    "/api/1/scheduler": "scheduler.json",
    "/api/1/templates": "templates.json",
    "/api/1/devices/audio": "audio_devices.json",
    "/api/1/devices/video": "video_devices.json",
    "/api/1/mediaPackages": "media_packages.json",
}


@pytest.fixture
def vendor(aioclient_mock: AiohttpClientMocker) -> AiohttpClientMocker:
    """The unit's answers, one per path; any other path is one this unit does not serve."""
    for path, name in ANSWERS.items():
        aioclient_mock.get(f"{UNIT}{path}", json=fixture_json(HERE, name), headers=JSON)
    aioclient_mock.get(
        f"{UNIT}/api/1/liveStreamViewer/preview",
        content=PNG_PIXEL,
        headers={"Content-Type": "image/png"},
    )
    aioclient_mock.get(re.compile(re.escape(UNIT)), status=404)
    return aioclient_mock


@pytest.fixture(autouse=True)
def frozen(freezer: FrozenDateTimeFactory, caplog: pytest.LogCaptureFixture) -> None:
    """Stop the clock at ``NOW``, before HA's test client signs its access token.

    HA's web server (for diagnostics) stamps its access log with the local time, which a frozen
    clock cannot give; the access log is off, so it is never formatted. Diagnostics load HA's
    system info, which imports the Supervisor client, whose models compile against ``datetime``
    when imported (HA 2025.4): this module imports it first, so they see the real one.
    """
    caplog.set_level(logging.WARNING, logger="aiohttp.access")
    freezer.move_to(NOW)


@pytest.fixture
async def unit(hass: HomeAssistant, vendor: AiohttpClientMocker) -> MockConfigEntry:
    """The unit, set up at ``NOW``."""
    assert await async_setup_component(hass, "diagnostics", {})
    entry = MockConfigEntry(
        domain=DOMAIN, title="Lecture Hall 101", unique_id="cc-0001", data=dict(UNIT_DATA)
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    return entry


def camera_token(hass: HomeAssistant) -> dict[str, str]:
    """The camera's access token, which HA draws at random."""
    state = hass.states.get("camera.lecture_hall_101_preview")
    assert state is not None
    return {state.attributes["access_token"]: "<token>"}


async def test_entities_and_devices(
    hass: HomeAssistant,
    unit: MockConfigEntry,
    vendor: AiohttpClientMocker,
    snapshot: SnapshotAssertion,
) -> None:
    replace = camera_token(hass)
    for name, view in entry_views(hass, unit, vendor, replace).items():
        assert view == snapshot(name=name)


async def test_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    unit: MockConfigEntry,
    snapshot: SnapshotAssertion,
) -> None:
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, unit)
    # The polled state's fetched_at is a monotonic clock reading: shown as <time>.
    assert snapshot_data(diagnostics) == snapshot


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("list_media_packages", {}),
        ("list_scheduled_captures", {}),
        (
            "list_scheduled_captures",
            {"start": "2026-11-21T00:00:00+00:00", "end": "2026-11-24T00:00:00+00:00"},
        ),
    ],
)
async def test_action_responses(
    hass: HomeAssistant,
    unit: MockConfigEntry,
    action: str,
    data: dict[str, Any],
    snapshot: SnapshotAssertion,
) -> None:
    assert await action_response(hass, unit, action, data) == snapshot
