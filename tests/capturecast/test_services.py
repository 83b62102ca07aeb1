"""The CaptureCast actions: targets, validation, unit errors and response data."""

from __future__ import annotations

from collections.abc import Generator
from datetime import UTC, datetime
from typing import Any
from unittest.mock import MagicMock

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import device_registry as dr
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
import voluptuous as vol

from custom_components.video_pipeline.clients.capturecast import (
    CaptureCastPermissionError,
    CaptureRequest,
    ScheduledEvent,
    ScheduleRequest,
)
from custom_components.video_pipeline.const import DOMAIN
from tests.ha_compat import device_of

from .fixtures import UNIT_SERIAL


@pytest.fixture(autouse=True)
def frozen_now(freezer: FrozenDateTimeFactory) -> Generator[FrozenDateTimeFactory]:
    freezer.move_to("2026-11-22T12:00:00+00:00")
    yield freezer


@pytest.fixture
async def unit(
    hass: HomeAssistant, mock_capturecast_client: MagicMock, mock_config_entry: MockConfigEntry
) -> MockConfigEntry:
    await hass.config.async_set_time_zone("UTC")
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    return mock_config_entry


async def call(
    hass: HomeAssistant, service: str, data: dict[str, Any], *, response: bool = False
) -> Any:
    return await hass.services.async_call(
        DOMAIN, service, data, blocking=True, return_response=response
    )


async def test_start_capture_with_everything(
    hass: HomeAssistant, unit: MockConfigEntry, mock_capturecast_client: MagicMock
) -> None:
    await call(
        hass,
        "start_capture",
        {
            "config_entry_id": unit.entry_id,
            "template": "panel",
            "title": "Week 3",
            "duration": "01:30:00",
            "tags": ["physics", "week-3"],
            "speaker": "Dr. Who",
            "metadata": {"course": "PHYS101"},
            "publishing": False,
        },
    )
    mock_capturecast_client.start_capture.assert_awaited_once_with(
        CaptureRequest(
            template_id="2-src",
            title="Week 3",
            duration_seconds=5400.0,
            speaker="Dr. Who",
            tags=("physics", "week-3"),
            metadata={"course": "PHYS101"},
            publishing=False,
        )
    )


async def test_start_capture_by_device_with_default_template(
    hass: HomeAssistant, unit: MockConfigEntry, mock_capturecast_client: MagicMock
) -> None:
    device = device_of(hass, (DOMAIN, UNIT_SERIAL))
    assert device is not None
    await call(hass, "start_capture", {"device_id": device.id})
    assert mock_capturecast_client.start_capture.await_args.args[0] == CaptureRequest(
        template_id="1-src"
    )


@pytest.mark.parametrize(
    ("service", "method"),
    [
        ("stop_capture", "stop_capture"),
        ("pause_capture", "pause_capture"),
        ("resume_capture", "resume_capture"),
    ],
)
async def test_simple_controls(
    hass: HomeAssistant,
    unit: MockConfigEntry,
    mock_capturecast_client: MagicMock,
    service: str,
    method: str,
) -> None:
    await call(hass, service, {"config_entry_id": unit.entry_id})
    getattr(mock_capturecast_client, method).assert_awaited_once_with()


async def test_unknown_template(
    hass: HomeAssistant, unit: MockConfigEntry, mock_capturecast_client: MagicMock
) -> None:
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "start_capture", {"config_entry_id": unit.entry_id, "template": "Nope"})
    assert err.value.translation_key == "capturecast_unknown_template"
    assert err.value.translation_placeholders == {"template": "Nope", "templates": "Lecture, Panel"}
    mock_capturecast_client.start_capture.assert_not_awaited()


async def test_template_passed_through_when_unit_lists_none(
    hass: HomeAssistant, mock_capturecast_client: MagicMock, mock_config_entry: MockConfigEntry
) -> None:
    from custom_components.video_pipeline.clients.capturecast import CaptureCastNotFoundError

    mock_capturecast_client.get_templates.side_effect = CaptureCastNotFoundError("404")
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    await call(
        hass, "start_capture", {"config_entry_id": mock_config_entry.entry_id, "template": "x"}
    )
    assert mock_capturecast_client.start_capture.await_args.args[0].template_id == "x"


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({}, "target_missing"),
        ({"config_entry_id": "nope"}, "entry_not_found"),
        ({"device_id": "nope"}, "device_not_found"),
    ],
)
async def test_bad_targets(
    hass: HomeAssistant, unit: MockConfigEntry, data: dict[str, Any], key: str
) -> None:
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "stop_capture", data)
    assert err.value.translation_key == key


async def test_both_targets_rejected(hass: HomeAssistant, unit: MockConfigEntry) -> None:
    with pytest.raises(vol.Invalid):
        await call(hass, "stop_capture", {"config_entry_id": unit.entry_id, "device_id": "x"})


async def test_device_of_another_integration(hass: HomeAssistant, unit: MockConfigEntry) -> None:
    other = MockConfigEntry(domain="other")
    other.add_to_hass(hass)
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=other.entry_id, identifiers={("other", "x")}
    )
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "stop_capture", {"device_id": device.id})
    assert err.value.translation_key == "device_not_found"


async def test_entry_of_another_provider_and_unloaded(
    hass: HomeAssistant, unit: MockConfigEntry
) -> None:
    c3d = MockConfigEntry(domain=DOMAIN, title="Org", data={"provider": "cognitive3d"})
    c3d.add_to_hass(hass)
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "stop_capture", {"config_entry_id": c3d.entry_id})
    assert err.value.translation_key == "wrong_provider"

    await hass.config_entries.async_unload(unit.entry_id)
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "stop_capture", {"config_entry_id": unit.entry_id})
    assert err.value.translation_key == "entry_not_loaded"


async def test_services_survive_unload(hass: HomeAssistant, unit: MockConfigEntry) -> None:
    await hass.config_entries.async_unload(unit.entry_id)
    assert hass.services.has_service(DOMAIN, "start_capture")


async def test_unit_error(
    hass: HomeAssistant, unit: MockConfigEntry, mock_capturecast_client: MagicMock
) -> None:
    mock_capturecast_client.delete_media_package.side_effect = CaptureCastPermissionError("403")
    with pytest.raises(HomeAssistantError) as err:
        await call(
            hass,
            "delete_media_package",
            {"config_entry_id": unit.entry_id, "media_package_id": "mp1"},
        )
    assert err.value.translation_key == "capturecast_action_permission_denied"


async def test_schedule_capture(
    hass: HomeAssistant, unit: MockConfigEntry, mock_capturecast_client: MagicMock
) -> None:
    start = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    end = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    mock_capturecast_client.schedule_capture.return_value = ScheduledEvent(
        id="ev9",
        title="Week 4",
        template_id="1-src",
        start=start,
        stop=end,
        started=False,
        completed=False,
        media_package_id=None,
        group_id=None,
    )
    response = await call(
        hass,
        "schedule_capture",
        {
            "config_entry_id": unit.entry_id,
            "template": "Lecture",
            "title": "Week 4",
            "start": "2026-11-23 09:00:00",
            "end": "2026-11-23T10:00:00+00:00",
        },
        response=True,
    )
    mock_capturecast_client.schedule_capture.assert_awaited_once_with(
        ScheduleRequest(template_id="1-src", title="Week 4", start=start, stop=end)
    )
    assert response == {
        "scheduled_capture": {
            "id": "ev9",
            "title": "Week 4",
            "template_id": "1-src",
            "start": "2026-11-23T09:00:00+00:00",
            "end": "2026-11-23T10:00:00+00:00",
            "started": False,
            "completed": False,
            "media_package_id": None,
        }
    }


@pytest.mark.parametrize(
    ("start", "end", "key"),
    [
        ("2026-11-23 10:00:00", "2026-11-23 09:00:00", "end_before_start"),
        ("2026-11-21 10:00:00", "2026-11-21 11:00:00", "capturecast_start_in_past"),
    ],
)
async def test_schedule_capture_validation(
    hass: HomeAssistant,
    unit: MockConfigEntry,
    mock_capturecast_client: MagicMock,
    start: str,
    end: str,
    key: str,
) -> None:
    with pytest.raises(ServiceValidationError) as err:
        await call(
            hass,
            "schedule_capture",
            {
                "config_entry_id": unit.entry_id,
                "template": "Lecture",
                "title": "x",
                "start": start,
                "end": end,
            },
        )
    assert err.value.translation_key == key
    mock_capturecast_client.schedule_capture.assert_not_awaited()


async def test_cancel_scheduled_capture(
    hass: HomeAssistant, unit: MockConfigEntry, mock_capturecast_client: MagicMock
) -> None:
    await call(
        hass, "cancel_scheduled_capture", {"config_entry_id": unit.entry_id, "event_id": "ev1"}
    )
    mock_capturecast_client.cancel_scheduled_capture.assert_awaited_once_with("ev1")


async def test_list_media_packages(hass: HomeAssistant, unit: MockConfigEntry) -> None:
    response = await call(
        hass, "list_media_packages", {"config_entry_id": unit.entry_id}, response=True
    )
    assert response == {
        "media_packages": [
            {
                "id": "mp1",
                "title": "Physics 101",
                "created": "2026-11-21T15:00:00+00:00",
                "duration": 3600.0,
                "state": "complete",
                "url": None,
            }
        ]
    }


async def test_list_scheduled_captures(
    hass: HomeAssistant, unit: MockConfigEntry, mock_capturecast_client: MagicMock
) -> None:
    mock_capturecast_client.list_scheduled_captures.return_value = []
    response = await call(
        hass, "list_scheduled_captures", {"config_entry_id": unit.entry_id}, response=True
    )
    assert response == {"scheduled_captures": []}
    start, end = mock_capturecast_client.list_scheduled_captures.await_args.args
    assert start == datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    assert end == datetime(2026, 11, 29, 12, 0, tzinfo=UTC)

    with pytest.raises(ServiceValidationError):
        await call(
            hass,
            "list_scheduled_captures",
            {"config_entry_id": unit.entry_id, "start": "2026-11-23", "end": "2026-11-22"},
            response=True,
        )


async def test_publish_and_delete(
    hass: HomeAssistant, unit: MockConfigEntry, mock_capturecast_client: MagicMock
) -> None:
    await call(
        hass,
        "publish_media_package",
        {"config_entry_id": unit.entry_id, "media_package_id": "mp1", "publishers": ["yt"]},
    )
    mock_capturecast_client.publish_media_package.assert_awaited_once_with("mp1", ["yt"])
    await call(
        hass, "delete_media_package", {"config_entry_id": unit.entry_id, "media_package_id": "mp1"}
    )
    mock_capturecast_client.delete_media_package.assert_awaited_once_with("mp1")


@pytest.mark.parametrize(
    ("service", "data"),
    [
        ("start_capture", {"duration": "-5"}),
        ("start_capture", {"template": ""}),
        ("schedule_capture", {"template": "Lecture", "title": "x", "start": "soon", "end": "x"}),
        ("cancel_scheduled_capture", {}),
        ("publish_media_package", {"media_package_id": ""}),
    ],
)
async def test_schema_errors(
    hass: HomeAssistant, unit: MockConfigEntry, service: str, data: dict[str, Any]
) -> None:
    with pytest.raises(vol.Invalid):
        await call(hass, service, {"config_entry_id": unit.entry_id, **data})
