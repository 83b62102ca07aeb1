"""Every PROPOSED path switched off in the simulator (404): the unit is still added and set up.

Only the entities and actions that depend on the missing path go unavailable or fail, with a
translated message; everything else keeps working. The table below says, for each proposed path
in ``clients/capturecast/paths.py``, which entities go unavailable and which action fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from homeassistant.components.camera import async_get_image
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util
import pytest

from custom_components.video_pipeline.clients.capturecast import paths
from custom_components.video_pipeline.const import DOMAIN
from simulator.capturecast import SimEvent, SimulatedUnit

from .test_end_to_end import add_unit

UNIT = "lecture_hall_101"
IDENTITY = "sim-0001"
# The pause switch is unavailable on an idle unit whatever the unit serves.
ALWAYS_UNAVAILABLE_WHEN_IDLE = {"paused"}


@dataclass(frozen=True)
class Call:
    """An action: ``camera`` fetches the preview image; else a service (``entry``: add its id)."""

    domain: str
    service: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    entry: bool = False


def ours(service: str, **data: Any) -> Call:
    return Call(DOMAIN, service, data, entry=True)


def press(button: str) -> Call:
    return Call("button", "press", {"entity_id": f"button.{UNIT}_{button}"})


@dataclass(frozen=True)
class Expect:
    """What a unit without the path loses (entity keys) and which call fails with which error."""

    unavailable: frozenset[str] = frozenset()
    fails: Call | None = None
    error: str = "capturecast_action_not_found"
    still_works: Call | None = None


def schedule() -> Call:
    start = dt_util.utcnow() + timedelta(hours=2)
    return ours(
        "schedule_capture",
        template="1-src",
        title="Physics",
        start=start.isoformat(),
        end=(start + timedelta(hours=1)).isoformat(),
    )


TABLE: dict[str, Expect] = {
    # Falls back to the confirmed unversioned path: nothing is lost.
    paths.CAPTURE_STATUS: Expect(),
    paths.CAPTURE_PAUSE: Expect(fails=ours("pause_capture")),
    paths.CAPTURE_RESUME: Expect(fails=ours("resume_capture")),
    paths.STATUS: Expect(frozenset({"last_boot"})),
    paths.NETWORK: Expect(frozenset({"ip_address"})),
    paths.DISK_SPACE: Expect(frozenset({"disk_free", "disk_used"})),
    # Probed for diagnostics only.
    paths.DEVICES_STATUS: Expect(),
    paths.TODAYS_SCHEDULE: Expect(
        frozenset({"next_scheduled_capture", "scheduled_captures_today"})
    ),
    # Without templates the Recording switch has none to start a capture with.
    paths.TEMPLATES: Expect(
        frozenset({"template"}),
        fails=Call("switch", "turn_on", {"entity_id": f"switch.{UNIT}_recording"}),
        error="capturecast_no_templates",
    ),
    paths.MEDIA_PACKAGES: Expect(fails=ours("list_media_packages")),
    paths.MEDIA_PACKAGE: Expect(fails=ours("delete_media_package", media_package_id="mp-1")),
    paths.MEDIA_PACKAGE_PUBLISH: Expect(
        fails=ours("publish_media_package", media_package_id="mp-1")
    ),
    paths.REBOOT: Expect(fails=press("reboot_unit")),
    paths.RESTART: Expect(fails=press("restart_capturecast")),
    paths.RESTART_MEDIA: Expect(fails=press("restart_media_components")),
    paths.AUDIO_DEVICES: Expect(frozenset({"audio_devices"})),
    paths.VIDEO_DEVICES: Expect(frozenset({"video_devices"})),
    paths.REDETECT_DEVICES: Expect(fails=press("re_detect_devices")),
    # Listing answers on the evidenced /api/1/scheduler?range= form; scheduling has no other.
    paths.SCHEDULER_EVENTS: Expect(fails=schedule(), still_works=ours("list_scheduled_captures")),
    # Cancelling uses the evidenced /api/1.1/ form.
    paths.SCHEDULER_EVENT: Expect(still_works=ours("cancel_scheduled_capture", event_id="ev-keep")),
    # The role check is advisory.
    paths.USERS: Expect(),
    paths.PREVIEW: Expect(fails=Call("camera"), error="camera_image"),
}


def test_the_table_covers_every_proposed_path() -> None:
    assert set(TABLE) == set(paths.PROPOSED_PATHS)


async def run(hass: HomeAssistant, call: Call, entry_id: str) -> None:
    if call.domain == "camera":
        await async_get_image(hass, f"camera.{UNIT}_preview")
        return
    data = {**call.data, **({"config_entry_id": entry_id} if call.entry else {})}
    response = call.domain == DOMAIN and call.service.startswith("list_")
    await hass.services.async_call(
        call.domain, call.service, data, blocking=True, return_response=response
    )


def unavailable_keys(hass: HomeAssistant, entry_id: str) -> set[str]:
    keys = set()
    for entity in er.async_entries_for_config_entry(er.async_get(hass), entry_id):
        state = hass.states.get(entity.entity_id)
        assert state is not None, entity.entity_id
        if state.state == STATE_UNAVAILABLE:
            keys.add(entity.unique_id.removeprefix(f"{IDENTITY}_"))
    return keys


@pytest.mark.parametrize("path", TABLE)
async def test_unit_without_a_proposed_path(
    hass: HomeAssistant,
    capturecast_unit: SimulatedUnit,
    caplog: pytest.LogCaptureFixture,
    path: str,
) -> None:
    expect = TABLE[path]
    unit = capturecast_unit
    unit.disabled_paths = {path}
    unit.media_packages.append({"id": "mp-1", "title": "Old", "state": "complete"})
    now = unit.clock.now()
    unit.events["ev-keep"] = SimEvent(
        "ev-keep", "Later", "1-src", now + timedelta(days=2), now + timedelta(days=2, hours=1)
    )

    result = await add_unit(hass, unit)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    entry = hass.config_entries.async_entries(DOMAIN)[0]
    # Every entity enabled, so that each one's availability is seen.
    registry = er.async_get(hass)
    for entity in er.async_entries_for_config_entry(registry, entry.entry_id):
        if entity.disabled_by is not None:
            registry.async_update_entity(entity.entity_id, disabled_by=None)
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED

    assert unavailable_keys(hass, entry.entry_id) == expect.unavailable | (
        ALWAYS_UNAVAILABLE_WHEN_IDLE
    )

    if expect.fails is not None:
        with pytest.raises(HomeAssistantError) as err:
            await run(hass, expect.fails, entry.entry_id)
        if expect.error != "camera_image":
            assert err.value.translation_key == expect.error
    if expect.still_works is not None:
        await run(hass, expect.still_works, entry.entry_id)
    assert "Traceback" not in caplog.text
    assert entry.state is ConfigEntryState.LOADED
