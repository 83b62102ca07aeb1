"""The capture schedule calendar of a CaptureCast unit, with a mocked client."""

from __future__ import annotations

from collections.abc import Generator
from datetime import UTC, date, datetime, timedelta
import logging
from typing import Any
from unittest.mock import MagicMock

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.calendar import DATA_COMPONENT, CalendarEntity
from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.video_pipeline.clients.capturecast import (
    CaptureCastConnectionError,
    CaptureCastNotFoundError,
    CaptureCastResponseError,
    CaptureState,
    CaptureStatus,
    ScheduledEvent,
    ScheduleRequest,
)

from .test_entities import poll, setup_unit

CALENDAR = "calendar.lecture_hall_101_capture_schedule"
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen_now(freezer: FrozenDateTimeFactory) -> Generator[FrozenDateTimeFactory]:
    freezer.move_to(NOW)
    yield freezer


def captured(
    event_id: str,
    start: timedelta | None,
    length: timedelta | None = timedelta(hours=1),
    **changes: Any,
) -> ScheduledEvent:
    """A scheduled capture ``start`` after NOW (None: the unit gives no time)."""
    begin = None if start is None else NOW + start
    fields: dict[str, Any] = {
        "id": event_id,
        "title": f"Lecture {event_id}",
        "template_id": "1-src",
        "start": begin,
        "stop": None if begin is None or length is None else begin + length,
        "started": False,
        "completed": False,
        "media_package_id": None,
        "group_id": None,
    }
    return ScheduledEvent(**(fields | changes))


def entity(hass: HomeAssistant) -> CalendarEntity:
    found = hass.data[DATA_COMPONENT].get_entity(CALENDAR)
    assert found is not None
    return found


async def test_state_shows_the_next_capture(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_capturecast_client: MagicMock,
    mock_config_entry: MockConfigEntry,
) -> None:
    mock_capturecast_client.list_scheduled_captures.return_value = [
        captured("b", timedelta(hours=4)),
        captured("a", timedelta(hours=2), title="Physics 101"),
        captured("done", timedelta(hours=-3), completed=True),
    ]
    await setup_unit(hass, mock_config_entry)

    state = hass.states.get(CALENDAR)
    assert state is not None
    assert state.state == STATE_OFF
    assert state.attributes["friendly_name"] == "Lecture Hall 101 Capture schedule"
    assert state.attributes["supported_features"] == 7  # create, delete and update
    assert {k: state.attributes[k] for k in ("message", "description", "location")} == {
        "message": "Physics 101",
        "description": "Lecture",
        "location": "Lecture Hall 101",
    }
    start, end = mock_capturecast_client.list_scheduled_captures.await_args.args
    assert (start, end) == (NOW - timedelta(days=1), NOW + timedelta(days=7))
    registry_entry = er.async_get(hass).async_get(CALENDAR)
    assert registry_entry is not None
    assert registry_entry.translation_key == "capturecast_capture_schedule"

    # At the capture's start the calendar turns on (HA's calendar alarm, no poll needed).
    freezer.move_to(NOW + timedelta(hours=2, seconds=1))
    await poll(hass, freezer, 0)
    assert hass.states.get(CALENDAR).state == STATE_ON  # type: ignore[union-attr]  # set above


async def test_events_with_marks_and_fallbacks(
    hass: HomeAssistant, mock_capturecast_client: MagicMock, mock_config_entry: MockConfigEntry
) -> None:
    await setup_unit(hass, mock_config_entry)
    mock_capturecast_client.list_scheduled_captures.return_value = [
        captured("done", timedelta(hours=-2), completed=True, started=True),
        captured("now", timedelta(minutes=-30), started=True),
        captured("open", timedelta(hours=1), length=None, title=None, template_id="2-src"),
        captured("unknown-template", timedelta(hours=3), template_id="9-src"),
        captured("no-time", None),
        captured("before", timedelta(hours=-30)),
    ]
    response = await hass.services.async_call(
        "calendar",
        "get_events",
        {
            "entity_id": CALENDAR,
            "start_date_time": NOW - timedelta(hours=12),
            "duration": {"days": 1},
        },
        blocking=True,
        return_response=True,
    )
    events = response[CALENDAR]["events"]  # type: ignore[index]  # the calendar's response
    assert [(e["summary"], e["description"]) for e in events] == [
        ("✓ Lecture done", "Lecture"),
        ("● Lecture now", "Lecture"),
        ("Panel", "Panel"),
        ("Lecture unknown-template", "9-src"),
    ]
    assert datetime.fromisoformat(events[2]["end"]) - datetime.fromisoformat(
        events[2]["start"]
    ) == timedelta(minutes=1)
    start, _ = mock_capturecast_client.list_scheduled_captures.await_args.args
    assert start == NOW - timedelta(hours=12) - timedelta(days=1)


async def test_listing_error_is_translated(
    hass: HomeAssistant, mock_capturecast_client: MagicMock, mock_config_entry: MockConfigEntry
) -> None:
    await setup_unit(hass, mock_config_entry)
    mock_capturecast_client.list_scheduled_captures.side_effect = CaptureCastConnectionError("x")
    with pytest.raises(HomeAssistantError) as err:
        await entity(hass).async_get_events(hass, NOW, NOW + timedelta(days=1))
    assert err.value.translation_key == "capturecast_action_cannot_connect"


async def test_create_schedules_with_the_selected_or_described_template(
    hass: HomeAssistant, mock_capturecast_client: MagicMock, mock_config_entry: MockConfigEntry
) -> None:
    client = mock_capturecast_client
    client.list_scheduled_captures.return_value = [captured("later", timedelta(hours=5))]
    await setup_unit(hass, mock_config_entry)
    client.list_scheduled_captures.reset_mock()
    start = NOW + timedelta(hours=2)
    for description, template_id in ((None, "1-src"), ("panel\nnotes for the AV team", "2-src")):
        data = {
            "entity_id": CALENDAR,
            "summary": "Physics 101",
            "start_date_time": start,
            "end_date_time": start + timedelta(hours=1),
        }
        if description is not None:
            data["description"] = description
        await hass.services.async_call("calendar", "create_event", data, blocking=True)
        client.schedule_capture.assert_awaited_with(
            ScheduleRequest(
                template_id=template_id,
                title="Physics 101",
                start=start,
                stop=start + timedelta(hours=1),
            )
        )
    # Each creation: one listing for the overlap check, one for the calendar's state.
    assert client.list_scheduled_captures.await_count == 4


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        (
            {"dtstart": date(2026, 11, 23), "dtend": date(2026, 11, 24)},
            "capturecast_schedule_all_day",
        ),
        ({"rrule": "FREQ=WEEKLY"}, "capturecast_schedule_recurring"),
        ({"dtend": NOW + timedelta(minutes=30)}, "end_before_start"),
        (
            {"dtstart": NOW - timedelta(hours=1), "dtend": NOW + timedelta(hours=1)},
            "capturecast_start_in_past",
        ),
        ({"description": "Seminar"}, "capturecast_unknown_template"),
        ({"dtstart": NOW + timedelta(hours=2, minutes=30)}, "capturecast_schedule_overlap"),
    ],
)
async def test_bad_input_sends_nothing(
    hass: HomeAssistant,
    mock_capturecast_client: MagicMock,
    mock_config_entry: MockConfigEntry,
    fields: dict[str, Any],
    key: str,
) -> None:
    mock_capturecast_client.list_scheduled_captures.return_value = [
        captured("busy", timedelta(hours=3)),
        captured("over", timedelta(hours=2, minutes=45), completed=True),
    ]
    await setup_unit(hass, mock_config_entry)
    event = {
        "summary": "Physics",
        "dtstart": NOW + timedelta(hours=1),
        "dtend": NOW + timedelta(hours=3, minutes=30),
    }
    if key != "capturecast_schedule_overlap":
        event["dtend"] = NOW + timedelta(hours=2)
    with pytest.raises(ServiceValidationError) as err:
        await entity(hass).async_create_event(**(event | fields))
    assert err.value.translation_key == key
    mock_capturecast_client.schedule_capture.assert_not_awaited()
    mock_capturecast_client.cancel_scheduled_capture.assert_not_awaited()


async def test_delete_cancels(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    mock_capturecast_client: MagicMock,
    mock_config_entry: MockConfigEntry,
) -> None:
    mock_capturecast_client.list_scheduled_captures.return_value = [
        captured("ev1", timedelta(hours=2))
    ]
    await setup_unit(hass, mock_config_entry)
    assert hass.states.get(CALENDAR).attributes["message"] == "Lecture ev1"  # type: ignore[union-attr]  # exists
    mock_capturecast_client.list_scheduled_captures.return_value = []
    client = await hass_ws_client(hass)
    await client.send_json_auto_id(
        {"type": "calendar/event/delete", "entity_id": CALENDAR, "uid": "ev1"}
    )
    assert (await client.receive_json())["success"]
    mock_capturecast_client.cancel_scheduled_capture.assert_awaited_once_with("ev1")
    assert "message" not in hass.states.get(CALENDAR).attributes  # type: ignore[union-attr]  # exists


async def update(hass: HomeAssistant, hass_ws_client: WebSocketGenerator, uid: str) -> Any:
    client = await hass_ws_client(hass)
    start = NOW + timedelta(hours=2, minutes=30)
    await client.send_json_auto_id(
        {
            "type": "calendar/event/update",
            "entity_id": CALENDAR,
            "uid": uid,
            "event": {
                "summary": "Physics (moved)",
                "dtstart": start.isoformat(),
                "dtend": (start + timedelta(hours=1)).isoformat(),
                "description": "Panel",
            },
        }
    )
    return await client.receive_json()


MOVED = ScheduleRequest(
    template_id="2-src",
    title="Physics (moved)",
    start=NOW + timedelta(hours=2, minutes=30),
    stop=NOW + timedelta(hours=3, minutes=30),
)
ORIGINAL = ScheduleRequest(
    template_id="1-src",
    title="Lecture ev1",
    start=NOW + timedelta(hours=2),
    stop=NOW + timedelta(hours=3),
)


async def test_update_replaces(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    mock_capturecast_client: MagicMock,
    mock_config_entry: MockConfigEntry,
) -> None:
    client = mock_capturecast_client
    client.list_scheduled_captures.return_value = [captured("ev1", timedelta(hours=2))]
    await setup_unit(hass, mock_config_entry)
    # The capture being changed does not count as an overlap.
    assert (await update(hass, hass_ws_client, "ev1"))["success"]
    client.cancel_scheduled_capture.assert_awaited_once_with("ev1")
    client.schedule_capture.assert_awaited_once_with(MOVED)


@pytest.mark.parametrize(
    ("restore", "key", "listings"),
    [
        (None, "capturecast_schedule_replace_failed", 3),
        (CaptureCastConnectionError("gone"), "capturecast_schedule_replace_lost", 2),
    ],
)
async def test_failed_update_schedules_the_old_capture_again(
    hass: HomeAssistant,
    mock_capturecast_client: MagicMock,
    mock_config_entry: MockConfigEntry,
    restore: Exception | None,
    key: str,
    listings: int,
) -> None:
    client = mock_capturecast_client
    client.list_scheduled_captures.return_value = [captured("ev1", timedelta(hours=2))]
    await setup_unit(hass, mock_config_entry)
    client.schedule_capture.side_effect = [
        CaptureCastResponseError("POST /api/1/scheduler/events: HTTP 500", 500),
        restore or captured("ev2", timedelta(hours=2)),
    ]
    client.list_scheduled_captures.reset_mock()
    moved = {
        "summary": "Physics (moved)",
        "dtstart": MOVED.start,
        "dtend": MOVED.stop,
        "description": "Panel",
    }
    with pytest.raises(HomeAssistantError) as err:
        await entity(hass).async_update_event("ev1", moved)
    assert err.value.translation_key == key
    assert [call.args[0] for call in client.schedule_capture.await_args_list] == [MOVED, ORIGINAL]
    # After the overlap check the calendar lists again after each change the unit accepted (the
    # cancellation, and the restored capture), so it shows what the unit has now.
    assert client.list_scheduled_captures.await_count == listings


@pytest.mark.parametrize(
    ("changes", "uid", "key"),
    [
        ({}, "ev-unknown", "capturecast_schedule_unknown_event"),
        ({"started": True}, "ev1", "capturecast_schedule_started"),
        ({"template_id": None}, "ev1", "capturecast_schedule_incomplete"),
    ],
)
async def test_update_refuses(
    hass: HomeAssistant,
    mock_capturecast_client: MagicMock,
    mock_config_entry: MockConfigEntry,
    changes: dict[str, Any],
    uid: str,
    key: str,
) -> None:
    client = mock_capturecast_client
    client.list_scheduled_captures.return_value = [captured("ev1", timedelta(hours=2), **changes)]
    await setup_unit(hass, mock_config_entry)
    with pytest.raises(ServiceValidationError) as err:
        await entity(hass).async_update_event(
            uid, {"summary": "x", "dtstart": MOVED.start, "dtend": MOVED.stop}
        )
    assert err.value.translation_key == key
    client.cancel_scheduled_capture.assert_not_awaited()


async def test_unavailable_not_empty_when_the_schedule_cannot_be_read(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_capturecast_client: MagicMock,
    mock_config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = mock_capturecast_client
    client.list_scheduled_captures.return_value = [captured("ev1", timedelta(hours=2))]
    await setup_unit(hass, mock_config_entry)
    assert hass.states.get(CALENDAR).state == STATE_OFF  # type: ignore[union-attr]  # exists

    # The scheduler fails while the rest of the unit answers: relisted with the slow state.
    client.list_scheduled_captures.side_effect = CaptureCastResponseError("HTTP 500", 500)
    caplog.set_level(logging.INFO)
    for _ in range(2):
        await poll(hass, freezer, 130)
        assert hass.states.get(CALENDAR).state == STATE_UNAVAILABLE  # type: ignore[union-attr]  # exists
    assert caplog.text.count("cannot list scheduled captures") == 1

    client.list_scheduled_captures.side_effect = None
    await poll(hass, freezer, 130)
    assert caplog.text.count("scheduled captures can be listed again") == 1
    assert hass.states.get(CALENDAR).state == STATE_OFF  # type: ignore[union-attr]  # exists

    # The whole unit is unreachable.
    client.get_capture_status.side_effect = CaptureCastConnectionError("refused")
    await poll(hass, freezer)
    assert hass.states.get(CALENDAR).state == STATE_UNAVAILABLE  # type: ignore[union-attr]  # exists
    client.get_capture_status.side_effect = None
    client.get_capture_status.return_value = CaptureStatus(
        state=CaptureState.IDLE, raw_state="idle"
    )
    await poll(hass, freezer)
    assert hass.states.get(CALENDAR).state == STATE_OFF  # type: ignore[union-attr]  # exists


@pytest.mark.parametrize(
    ("error", "features"),
    [
        (CaptureCastNotFoundError("POST /api/1/scheduler/events: HTTP 404", 404), 2),
        (CaptureCastResponseError("POST /api/1/scheduler/events: HTTP 500", 500), 7),
    ],
)
async def test_a_unit_that_does_not_schedule_offers_deleting_only(
    hass: HomeAssistant,
    mock_capturecast_client: MagicMock,
    mock_config_entry: MockConfigEntry,
    error: Exception,
    features: int,
) -> None:
    await setup_unit(hass, mock_config_entry)
    mock_capturecast_client.schedule_capture.side_effect = error
    with pytest.raises(HomeAssistantError):
        await entity(hass).async_create_event(
            summary="Physics", dtstart=NOW + timedelta(hours=1), dtend=NOW + timedelta(hours=2)
        )
    state = hass.states.get(CALENDAR)
    assert state is not None
    assert state.attributes["supported_features"] == features
