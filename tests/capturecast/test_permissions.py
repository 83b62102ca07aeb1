"""A unit that refuses the configured user its capture or maintenance commands (HTTP 403).

The action fails with the translated permission error, and a repair issue names the roles that
may capture; the issue goes away once a capture or maintenance command succeeds.
"""

from __future__ import annotations

import json
from pathlib import Path
import re

from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
import pytest

from custom_components.video_pipeline.capturecast.commands import (
    PERMISSION_ISSUE,
    permission_issue_id,
)
from custom_components.video_pipeline.const import DOMAIN
from simulator.capturecast import SimulatedUnit

from .test_end_to_end import add_unit, press

UNIT = "lecture_hall_101"
EN = json.loads(
    (
        Path(__file__).parents[2] / "custom_components/video_pipeline/translations/en.json"
    ).read_text()
)


def issue(hass: HomeAssistant) -> ir.IssueEntry | None:
    entry = hass.config_entries.async_entries(DOMAIN)[0]
    return ir.async_get(hass).async_get_issue(DOMAIN, permission_issue_id(entry.entry_id))


async def add_as_viewer(hass: HomeAssistant, unit: SimulatedUnit) -> None:
    """A Status viewer can be added when /users does not answer (the role check is advisory)."""
    unit.disabled_paths = {"/api/1/users"}
    result = await add_unit(hass, unit, username="viewer")
    assert result["type"] is FlowResultType.CREATE_ENTRY


async def test_refused_capture_opens_a_repair_issue_until_a_command_succeeds(
    hass: HomeAssistant, capturecast_unit: SimulatedUnit, caplog: pytest.LogCaptureFixture
) -> None:
    await add_as_viewer(hass, capturecast_unit)
    assert issue(hass) is None

    with pytest.raises(HomeAssistantError) as err:
        await press(hass, "switch", "turn_on", f"switch.{UNIT}_recording")
    assert err.value.translation_key == "capturecast_action_permission_denied"
    assert capturecast_unit.capture is None
    found = issue(hass)
    assert found is not None
    assert found.translation_key == PERMISSION_ISSUE
    assert found.severity is ir.IssueSeverity.ERROR
    assert found.translation_placeholders is not None
    assert found.translation_placeholders["unit"] == "Lecture Hall 101"
    assert found.translation_placeholders["username"] == "viewer"
    assert found.translation_placeholders["roles"] == "Administrator or Content manager"
    assert "Traceback" not in caplog.text

    # A read-only action that succeeds does not prove the user may capture: the issue stays.
    entry = hass.config_entries.async_entries(DOMAIN)[0]
    await hass.services.async_call(
        DOMAIN,
        "list_media_packages",
        {"config_entry_id": entry.entry_id},
        blocking=True,
        return_response=True,
    )
    assert issue(hass) is not None

    # The unit's administrator gives the user a role that may capture.
    capturecast_unit.users["viewer"].roles = ["Content manager"]
    await press(hass, "switch", "turn_on", f"switch.{UNIT}_recording")
    assert capturecast_unit.capture is not None
    assert issue(hass) is None


async def test_refused_maintenance_command_and_action(
    hass: HomeAssistant, capturecast_unit: SimulatedUnit
) -> None:
    await add_as_viewer(hass, capturecast_unit)
    entry = hass.config_entries.async_entries(DOMAIN)[0]
    with pytest.raises(HomeAssistantError) as err:
        await press(hass, "button", "press", f"button.{UNIT}_re_detect_devices")
    assert err.value.translation_key == "capturecast_action_permission_denied"
    assert issue(hass) is not None

    capturecast_unit.users["viewer"].roles = ["Administrator"]
    await press(hass, "button", "press", f"button.{UNIT}_re_detect_devices")
    assert issue(hass) is None

    capturecast_unit.users["viewer"].roles = ["Status viewer"]
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            DOMAIN, "stop_capture", {"config_entry_id": entry.entry_id}, blocking=True
        )
    assert err.value.translation_key == "capturecast_action_permission_denied"
    assert issue(hass) is not None

    # Reloading the entry (as after re-authenticating with another user) clears it too.
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert issue(hass) is None


def test_the_issue_is_translated_with_its_placeholders() -> None:
    text = EN["issues"][PERMISSION_ISSUE]
    used = set(re.findall(r"{(\w+)}", text["title"] + text["description"]))
    assert used == {"unit", "username", "roles", "url"}
    assert "Administrator" in text["description"]
