"""The entities of a CaptureCast unit: state from polling, actions, availability."""

from __future__ import annotations

from collections.abc import Generator
from datetime import timedelta
from unittest.mock import AsyncMock, MagicMock
import zlib

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_UNAVAILABLE, STATE_UNKNOWN, Platform
from homeassistant.core import HomeAssistant, State
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
    mock_restore_cache,
)

from custom_components.video_pipeline.clients.capturecast import (
    CaptureCastAuthenticationError,
    CaptureCastConnectionError,
    CaptureCastNotFoundError,
    CaptureCastPermissionError,
    CaptureCastResponseError,
    CaptureRequest,
    CaptureState,
    CaptureStatus,
    Template,
)
from custom_components.video_pipeline.const import DOMAIN
from tests.ha_compat import device_of

from .fixtures import PNG_PIXEL, UNIT_SERIAL

UNIT = "lecture_hall_101"
# Entity object id -> description key of the buttons disabled by default.
DESTRUCTIVE_BUTTONS = {
    "reboot_unit": "reboot",
    "restart_capturecast": "restart_capturecast",
    "restart_media_components": "restart_media",
}


@pytest.fixture(autouse=True)
def frozen_now(freezer: FrozenDateTimeFactory) -> Generator[FrozenDateTimeFactory]:
    freezer.move_to("2026-11-22T12:00:00+00:00")
    yield freezer


async def setup_unit(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()


def capturing(state: CaptureState = CaptureState.RECORDING) -> CaptureStatus:
    return CaptureStatus(
        state=state,
        raw_state=state.value,
        title="Physics 101",
        template_id="1-src",
        elapsed_seconds=754.2,
    )


async def poll(hass: HomeAssistant, freezer: FrozenDateTimeFactory, seconds: int = 10) -> None:
    freezer.tick(timedelta(seconds=seconds))
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)


async def test_device_and_sensors(
    hass: HomeAssistant, mock_capturecast_client: MagicMock, mock_config_entry: MockConfigEntry
) -> None:
    await setup_unit(hass, mock_config_entry)
    device = device_of(hass, (DOMAIN, UNIT_SERIAL))
    assert device is not None
    assert device.name == "Lecture Hall 101"
    assert device.manufacturer == "Cattura"
    assert device.model == "CaptureCast Pro"
    assert device.sw_version == "6.2.1"
    assert device.serial_number == UNIT_SERIAL
    assert device.configuration_url == "http://capture-101.example.edu"

    def state(entity: str) -> State:
        result = hass.states.get(entity)
        assert result is not None, entity
        return result

    capture_state = state(f"sensor.{UNIT}_capture_state")
    assert capture_state.state == "idle"
    assert capture_state.attributes["options"] == [
        "idle",
        "recording",
        "paused",
        "processing",
        "publishing",
        "unknown",
    ]
    assert state(f"sensor.{UNIT}_capture_title").state == STATE_UNKNOWN
    assert state(f"sensor.{UNIT}_capture_elapsed_time").state == "0.0"
    disk_free = state(f"sensor.{UNIT}_disk_free")
    assert float(disk_free.state) == pytest.approx(400.0)
    assert disk_free.attributes["unit_of_measurement"] == "GB"
    assert state(f"sensor.{UNIT}_disk_used").state == "60.0"
    assert state(f"sensor.{UNIT}_next_scheduled_capture").state == "2026-11-22T14:00:00+00:00"
    assert state(f"sensor.{UNIT}_scheduled_captures_today").state == "1"
    assert state(f"sensor.{UNIT}_audio_devices").state == "1"
    assert state(f"sensor.{UNIT}_video_devices").state == "2"
    assert state(f"sensor.{UNIT}_ip_address").state == "192.0.2.10"

    registry = er.async_get(hass)
    # Unique ids are built from the description keys, which keep their first (unprefixed)
    # spelling while the translation keys carry the provider prefix.
    state_entry = registry.async_get(f"sensor.{UNIT}_capture_state")
    assert state_entry is not None
    assert state_entry.unique_id == f"{UNIT_SERIAL}_capture_state"
    assert state_entry.translation_key == "capturecast_capture_state"
    ip_entry = registry.async_get(f"sensor.{UNIT}_ip_address")
    assert ip_entry is not None
    assert ip_entry.entity_category is not None
    boot = registry.async_get(f"sensor.{UNIT}_last_boot")
    assert boot is not None
    assert boot.disabled_by is er.RegistryEntryDisabler.INTEGRATION
    for key in ("reboot_unit", "restart_capturecast", "restart_media_components"):
        button = registry.async_get(f"button.{UNIT}_{key}")
        assert button is not None
        assert button.disabled_by is er.RegistryEntryDisabler.INTEGRATION, key
    assert hass.states.get(f"button.{UNIT}_re_detect_devices") is not None


async def test_recording_sensors_and_pause_switch(
    hass: HomeAssistant,
    frozen_now: FrozenDateTimeFactory,
    mock_capturecast_client: MagicMock,
    mock_config_entry: MockConfigEntry,
) -> None:
    await setup_unit(hass, mock_config_entry)
    assert hass.states.get(f"switch.{UNIT}_recording").state == "off"
    assert hass.states.get(f"switch.{UNIT}_paused").state == STATE_UNAVAILABLE

    mock_capturecast_client.get_capture_status.return_value = capturing()
    await poll(hass, frozen_now)
    assert hass.states.get(f"sensor.{UNIT}_capture_state").state == "recording"
    assert hass.states.get(f"sensor.{UNIT}_capture_title").state == "Physics 101"
    assert hass.states.get(f"sensor.{UNIT}_capture_elapsed_time").state == "754.2"
    assert hass.states.get(f"switch.{UNIT}_recording").state == "on"
    assert hass.states.get(f"switch.{UNIT}_paused").state == "off"

    mock_capturecast_client.get_capture_status.return_value = capturing(CaptureState.PAUSED)
    await poll(hass, frozen_now)
    assert hass.states.get(f"switch.{UNIT}_recording").state == "on"
    assert hass.states.get(f"switch.{UNIT}_paused").state == "on"

    await hass.services.async_call(
        "switch", "turn_off", {"entity_id": f"switch.{UNIT}_paused"}, blocking=True
    )
    mock_capturecast_client.resume_capture.assert_awaited_once()
    await hass.services.async_call(
        "switch", "turn_on", {"entity_id": f"switch.{UNIT}_paused"}, blocking=True
    )
    mock_capturecast_client.pause_capture.assert_awaited_once()
    await hass.services.async_call(
        "switch", "turn_off", {"entity_id": f"switch.{UNIT}_recording"}, blocking=True
    )
    mock_capturecast_client.stop_capture.assert_awaited_once()


async def test_record_with_selected_template(
    hass: HomeAssistant, mock_capturecast_client: MagicMock, mock_config_entry: MockConfigEntry
) -> None:
    await setup_unit(hass, mock_config_entry)
    select = f"select.{UNIT}_capture_template"
    assert hass.states.get(select).state == "Lecture"
    assert hass.states.get(select).attributes["options"] == ["Lecture", "Panel"]

    await hass.services.async_call(
        "switch", "turn_on", {"entity_id": f"switch.{UNIT}_recording"}, blocking=True
    )
    mock_capturecast_client.start_capture.assert_awaited_once_with(
        CaptureRequest(template_id="1-src")
    )

    await hass.services.async_call(
        "select", "select_option", {"entity_id": select, "option": "Panel"}, blocking=True
    )
    assert hass.states.get(select).state == "Panel"
    assert hass.states.get(select).attributes["template_id"] == "2-src"
    await hass.services.async_call(
        "switch", "turn_on", {"entity_id": f"switch.{UNIT}_recording"}, blocking=True
    )
    assert mock_capturecast_client.start_capture.await_args.args[0].template_id == "2-src"


async def test_selected_template_deleted_on_unit(
    hass: HomeAssistant,
    frozen_now: FrozenDateTimeFactory,
    mock_capturecast_client: MagicMock,
    mock_config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await setup_unit(hass, mock_config_entry)
    select = f"select.{UNIT}_capture_template"
    await hass.services.async_call(
        "select", "select_option", {"entity_id": select, "option": "Panel"}, blocking=True
    )
    mock_capturecast_client.get_templates.return_value = [Template(id="1-src", name="Lecture")]
    await poll(hass, frozen_now, seconds=130)
    assert hass.states.get(select).state == "Lecture"
    await hass.services.async_call(
        "switch", "turn_on", {"entity_id": f"switch.{UNIT}_recording"}, blocking=True
    )
    assert mock_capturecast_client.start_capture.await_args.args[0].template_id == "1-src"
    assert "selected template 2-src no longer exists" in caplog.text


async def test_duplicate_template_names(
    hass: HomeAssistant, mock_capturecast_client: MagicMock, mock_config_entry: MockConfigEntry
) -> None:
    mock_capturecast_client.get_templates.return_value = [
        Template(id="a", name="Lecture"),
        Template(id="b", name="Lecture"),
    ]
    await setup_unit(hass, mock_config_entry)
    select = f"select.{UNIT}_capture_template"
    assert hass.states.get(select).attributes["options"] == ["Lecture (a)", "Lecture (b)"]
    await hass.services.async_call(
        "select", "select_option", {"entity_id": select, "option": "Lecture (b)"}, blocking=True
    )
    assert hass.states.get(select).attributes["template_id"] == "b"


async def test_no_templates(
    hass: HomeAssistant, mock_capturecast_client: MagicMock, mock_config_entry: MockConfigEntry
) -> None:
    mock_capturecast_client.get_templates.return_value = []
    await setup_unit(hass, mock_config_entry)
    assert hass.states.get(f"select.{UNIT}_capture_template").state == STATE_UNAVAILABLE
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            "switch", "turn_on", {"entity_id": f"switch.{UNIT}_recording"}, blocking=True
        )
    assert err.value.translation_key == "capturecast_no_templates"
    mock_capturecast_client.start_capture.assert_not_awaited()


async def test_template_restored_after_restart(
    hass: HomeAssistant, mock_capturecast_client: MagicMock, mock_config_entry: MockConfigEntry
) -> None:
    mock_restore_cache(
        hass,
        [State(f"select.{UNIT}_capture_template", "Panel", {"template_id": "2-src"})],
    )
    await setup_unit(hass, mock_config_entry)
    assert hass.states.get(f"select.{UNIT}_capture_template").state == "Panel"
    await hass.services.async_call(
        "switch", "turn_on", {"entity_id": f"switch.{UNIT}_recording"}, blocking=True
    )
    assert mock_capturecast_client.start_capture.await_args.args[0].template_id == "2-src"


@pytest.mark.parametrize(
    ("error", "key"),
    [
        (CaptureCastPermissionError("403", 403), "capturecast_action_permission_denied"),
        (CaptureCastNotFoundError("404", 404), "capturecast_action_not_found"),
        (CaptureCastConnectionError("down"), "capturecast_action_cannot_connect"),
        (CaptureCastResponseError("409", 409), "capturecast_action_conflict"),
        (CaptureCastResponseError("500", 500), "capturecast_action_failed"),
        (CaptureCastAuthenticationError("401", 401), "capturecast_action_invalid_auth"),
    ],
)
async def test_action_errors_are_translated(
    hass: HomeAssistant,
    mock_capturecast_client: MagicMock,
    mock_config_entry: MockConfigEntry,
    error: Exception,
    key: str,
) -> None:
    await setup_unit(hass, mock_config_entry)
    mock_capturecast_client.start_capture.side_effect = error
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            "switch", "turn_on", {"entity_id": f"switch.{UNIT}_recording"}, blocking=True
        )
    assert err.value.translation_key == key
    assert err.value.translation_placeholders["unit"] == "Lecture Hall 101"
    reauth = [
        flow
        for flow in hass.config_entries.flow.async_progress()
        if flow["context"]["source"] == "reauth"
    ]
    assert len(reauth) == (1 if key == "capturecast_action_invalid_auth" else 0)


async def test_buttons(
    hass: HomeAssistant,
    frozen_now: FrozenDateTimeFactory,
    mock_capturecast_client: MagicMock,
    mock_config_entry: MockConfigEntry,
) -> None:
    registry = er.async_get(hass)
    mock_config_entry.add_to_hass(hass)
    # Enable the buttons that are disabled by default.
    for object_id, key in DESTRUCTIVE_BUTTONS.items():
        registry.async_get_or_create(
            Platform.BUTTON,
            DOMAIN,
            f"{UNIT_SERIAL}_{key}",
            suggested_object_id=f"{UNIT}_{object_id}",
            config_entry=mock_config_entry,
        )
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()

    calls = mock_capturecast_client.get_audio_devices.await_count
    await hass.services.async_call(
        "button", "press", {"entity_id": f"button.{UNIT}_re_detect_devices"}, blocking=True
    )
    mock_capturecast_client.redetect_devices.assert_awaited_once()
    await hass.async_block_till_done()
    assert mock_capturecast_client.get_audio_devices.await_count == calls + 1

    for key, method in (
        ("reboot_unit", "reboot"),
        ("restart_capturecast", "restart"),
        ("restart_media_components", "restart_media"),
    ):
        await hass.services.async_call(
            "button", "press", {"entity_id": f"button.{UNIT}_{key}"}, blocking=True
        )
        getattr(mock_capturecast_client, method).assert_awaited_once()

    # While capturing, the buttons that would cut the recording short refuse.
    mock_capturecast_client.get_capture_status.return_value = capturing()
    await poll(hass, frozen_now)
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            "button", "press", {"entity_id": f"button.{UNIT}_reboot_unit"}, blocking=True
        )
    assert err.value.translation_key == "capturecast_capture_in_progress"
    mock_capturecast_client.reboot.assert_awaited_once()


async def test_camera(
    hass: HomeAssistant,
    mock_capturecast_client: MagicMock,
    mock_config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from homeassistant.components.camera import async_get_image

    await setup_unit(hass, mock_config_entry)
    image = await async_get_image(hass, f"camera.{UNIT}_preview")
    assert image.content == PNG_PIXEL
    assert image.content_type == "image/png"

    mock_capturecast_client.get_preview.side_effect = CaptureCastConnectionError("down")
    for _ in range(2):
        with pytest.raises(HomeAssistantError):
            await async_get_image(hass, f"camera.{UNIT}_preview")
    assert caplog.text.count("no preview image") == 1
    mock_capturecast_client.get_preview.side_effect = None
    assert (await async_get_image(hass, f"camera.{UNIT}_preview")).content == PNG_PIXEL
    assert "preview image is back" in caplog.text


async def test_unavailable_and_recovery(
    hass: HomeAssistant,
    frozen_now: FrozenDateTimeFactory,
    mock_capturecast_client: MagicMock,
    mock_config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await setup_unit(hass, mock_config_entry)
    mock_capturecast_client.get_capture_status.side_effect = CaptureCastConnectionError("down")
    await poll(hass, frozen_now)
    await poll(hass, frozen_now)
    assert hass.states.get(f"sensor.{UNIT}_capture_state").state == STATE_UNAVAILABLE
    assert hass.states.get(f"switch.{UNIT}_recording").state == STATE_UNAVAILABLE
    mock_capturecast_client.get_capture_status.side_effect = None
    await poll(hass, frozen_now)
    assert hass.states.get(f"sensor.{UNIT}_capture_state").state == "idle"
    assert caplog.text.count("Error fetching") == 1
    assert caplog.text.count("Fetching CaptureCast Lecture Hall 101 data recovered") == 1


async def test_missing_optional_parts(
    hass: HomeAssistant,
    mock_capturecast_client: MagicMock,
    mock_config_entry: MockConfigEntry,
) -> None:
    mock_capturecast_client.get_network = AsyncMock(side_effect=CaptureCastNotFoundError("404"))
    mock_capturecast_client.get_disk_space = AsyncMock(
        side_effect=CaptureCastPermissionError("403")
    )
    await setup_unit(hass, mock_config_entry)
    assert hass.states.get(f"sensor.{UNIT}_ip_address").state == STATE_UNAVAILABLE
    assert hass.states.get(f"sensor.{UNIT}_disk_free").state == STATE_UNAVAILABLE
    assert hass.states.get(f"sensor.{UNIT}_capture_state").state == "idle"


async def test_unknown_capture_state(
    hass: HomeAssistant,
    mock_capturecast_client: MagicMock,
    mock_config_entry: MockConfigEntry,
) -> None:
    mock_capturecast_client.get_capture_status.return_value = CaptureStatus(
        state=CaptureState.UNKNOWN, raw_state="warming-up"
    )
    await setup_unit(hass, mock_config_entry)
    assert hass.states.get(f"sensor.{UNIT}_capture_state").state == "unknown"
    assert hass.states.get(f"switch.{UNIT}_recording").state == "off"


async def test_last_boot(
    hass: HomeAssistant,
    mock_capturecast_client: MagicMock,
    mock_config_entry: MockConfigEntry,
) -> None:
    mock_config_entry.add_to_hass(hass)
    er.async_get(hass).async_get_or_create(
        Platform.SENSOR,
        DOMAIN,
        f"{UNIT_SERIAL}_last_boot",
        suggested_object_id=f"{UNIT}_last_boot",
        config_entry=mock_config_entry,
    )
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get(f"sensor.{UNIT}_last_boot").state == "2026-11-21T12:00:00+00:00"


async def test_slow_state_cadence_is_staggered_per_unit(
    hass: HomeAssistant,
    frozen_now: FrozenDateTimeFactory,
    mock_capturecast_client: MagicMock,
    mock_config_entry: MockConfigEntry,
) -> None:
    await setup_unit(hass, mock_config_entry)
    coordinator = mock_config_entry.runtime_data.coordinator
    offset = zlib.crc32(UNIT_SERIAL.lower().encode()) % 120
    assert 0 < offset < 110  # this unit's offset, so both checks below mean something
    disk_reads = mock_capturecast_client.get_disk_space.await_count

    frozen_now.tick(timedelta(seconds=120 - offset - 5))
    await coordinator.async_refresh()
    assert mock_capturecast_client.get_disk_space.await_count == disk_reads

    frozen_now.tick(timedelta(seconds=10))
    await coordinator.async_refresh()
    assert mock_capturecast_client.get_disk_space.await_count == disk_reads + 1
