"""Actions (services) for CaptureCast units: capture, schedule, publish."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine, Mapping
from datetime import datetime, timedelta
from typing import Any, Final

from homeassistant.core import ServiceCall, ServiceResponse, SupportsResponse
from homeassistant.helpers import config_validation as cv
from homeassistant.util import dt as dt_util
import voluptuous as vol

from ..action_fields import ATTR_END, ATTR_START, TARGET
from ..clients.capturecast import CaptureRequest, ScheduleRequest
from ..const import Provider
from ..service_helpers import Action, invalid, resolve_entry
from .commands import run_unit_command
from .data import CaptureCastRuntimeData
from .schedule import check_times
from .templates import template_id_named

SERVICE_START_CAPTURE: Final = "start_capture"
SERVICE_STOP_CAPTURE: Final = "stop_capture"
SERVICE_PAUSE_CAPTURE: Final = "pause_capture"
SERVICE_RESUME_CAPTURE: Final = "resume_capture"
SERVICE_SCHEDULE_CAPTURE: Final = "schedule_capture"
SERVICE_CANCEL_SCHEDULED_CAPTURE: Final = "cancel_scheduled_capture"
SERVICE_LIST_MEDIA_PACKAGES: Final = "list_media_packages"
SERVICE_LIST_SCHEDULED_CAPTURES: Final = "list_scheduled_captures"
SERVICE_PUBLISH_MEDIA_PACKAGE: Final = "publish_media_package"
SERVICE_DELETE_MEDIA_PACKAGE: Final = "delete_media_package"

ATTR_TEMPLATE: Final = "template"
ATTR_TITLE: Final = "title"
ATTR_DURATION: Final = "duration"
ATTR_TAGS: Final = "tags"
ATTR_SPEAKER: Final = "speaker"
ATTR_METADATA: Final = "metadata"
ATTR_PUBLISHING: Final = "publishing"
ATTR_EVENT_ID: Final = "event_id"
ATTR_MEDIA_PACKAGE_ID: Final = "media_package_id"
ATTR_PUBLISHERS: Final = "publishers"

# How far back list_scheduled_captures looks by default, and how far ahead.
DEFAULT_LIST_WINDOW: Final = timedelta(days=7)

_NON_EMPTY = vol.All(cv.string, vol.Length(min=1))

START_CAPTURE_SCHEMA: Final = TARGET.extend(
    {
        vol.Optional(ATTR_TEMPLATE): _NON_EMPTY,
        vol.Optional(ATTR_TITLE): cv.string,
        vol.Optional(ATTR_DURATION): vol.All(
            cv.positive_time_period, vol.Range(min=timedelta(seconds=1))
        ),
        vol.Optional(ATTR_TAGS): vol.All(cv.ensure_list, [cv.string]),
        vol.Optional(ATTR_SPEAKER): cv.string,
        vol.Optional(ATTR_METADATA): dict,
        vol.Optional(ATTR_PUBLISHING): cv.boolean,
    }
)
SCHEDULE_CAPTURE_SCHEMA: Final = TARGET.extend(
    {
        vol.Required(ATTR_TEMPLATE): _NON_EMPTY,
        vol.Required(ATTR_TITLE): _NON_EMPTY,
        vol.Required(ATTR_START): cv.datetime,
        vol.Required(ATTR_END): cv.datetime,
    }
)
LIST_SCHEDULED_SCHEMA: Final = TARGET.extend(
    {vol.Optional(ATTR_START): cv.datetime, vol.Optional(ATTR_END): cv.datetime}
)
EVENT_SCHEMA: Final = TARGET.extend({vol.Required(ATTR_EVENT_ID): _NON_EMPTY})
MEDIA_PACKAGE_SCHEMA: Final = TARGET.extend({vol.Required(ATTR_MEDIA_PACKAGE_ID): _NON_EMPTY})
PUBLISH_SCHEMA: Final = MEDIA_PACKAGE_SCHEMA.extend(
    {vol.Optional(ATTR_PUBLISHERS): vol.All(cv.ensure_list, [_NON_EMPTY])}
)


def _runtime(call: ServiceCall) -> CaptureCastRuntimeData:
    return resolve_entry(call.hass, call, Provider.CAPTURECAST, CaptureCastRuntimeData).runtime_data


def _aware(value: datetime) -> datetime:
    """Interpret a time without a zone in Home Assistant's time zone."""
    return dt_util.as_utc(value)


async def _start_capture(call: ServiceCall) -> None:
    runtime = _runtime(call)
    duration: timedelta | None = call.data.get(ATTR_DURATION)
    request = CaptureRequest(
        template_id=template_id_named(runtime, call.data.get(ATTR_TEMPLATE)),
        title=call.data.get(ATTR_TITLE),
        duration_seconds=duration.total_seconds() if duration else None,
        speaker=call.data.get(ATTR_SPEAKER),
        tags=tuple(call.data.get(ATTR_TAGS, ())),
        metadata=dict(call.data.get(ATTR_METADATA, {})),
        publishing=call.data.get(ATTR_PUBLISHING),
    )
    await run_unit_command(runtime.coordinator, runtime.client.start_capture(request), control=True)


type _Command = Callable[[CaptureCastRuntimeData, ServiceCall], Awaitable[Any]]


def _command(
    method: _Command, *, control: bool = False, refresh: bool = True, slow: bool = False
) -> Callable[[ServiceCall], Coroutine[Any, Any, None]]:
    """A unit command that answers nothing as an action; the options go to run_unit_command."""

    async def handler(call: ServiceCall) -> None:
        runtime = _runtime(call)
        await run_unit_command(
            runtime.coordinator,
            method(runtime, call),
            control=control,
            refresh=refresh,
            slow_state_changed=slow,
        )

    return handler


async def _schedule_capture(call: ServiceCall) -> ServiceResponse:
    runtime = _runtime(call)
    start, end = _aware(call.data[ATTR_START]), _aware(call.data[ATTR_END])
    check_times(start, end)
    request = ScheduleRequest(
        template_id=template_id_named(runtime, call.data[ATTR_TEMPLATE]),
        title=call.data[ATTR_TITLE],
        start=start,
        stop=end,
    )
    event = await run_unit_command(
        runtime.coordinator,
        runtime.client.schedule_capture(request),
        slow_state_changed=True,
    )
    return {"scheduled_capture": event.as_dict()}


async def _list_media_packages(call: ServiceCall) -> ServiceResponse:
    runtime = _runtime(call)
    packages = await run_unit_command(
        runtime.coordinator, runtime.client.list_media_packages(), refresh=False
    )
    return {"media_packages": [package.as_dict() for package in packages]}


async def _list_scheduled_captures(call: ServiceCall) -> ServiceResponse:
    runtime = _runtime(call)
    now = dt_util.utcnow()
    start = _aware(call.data[ATTR_START]) if ATTR_START in call.data else now
    end = _aware(call.data[ATTR_END]) if ATTR_END in call.data else start + DEFAULT_LIST_WINDOW
    if end <= start:
        raise invalid("end_before_start")
    events = await run_unit_command(
        runtime.coordinator, runtime.client.list_scheduled_captures(start, end), refresh=False
    )
    return {"scheduled_captures": [event.as_dict() for event in events]}


def _cancel_scheduled_capture(
    runtime: CaptureCastRuntimeData, call: ServiceCall
) -> Awaitable[None]:
    return runtime.client.cancel_scheduled_capture(call.data[ATTR_EVENT_ID])


def _publish_media_package(runtime: CaptureCastRuntimeData, call: ServiceCall) -> Awaitable[None]:
    publishers = list(call.data.get(ATTR_PUBLISHERS, []))
    return runtime.client.publish_media_package(call.data[ATTR_MEDIA_PACKAGE_ID], publishers)


def _delete_media_package(runtime: CaptureCastRuntimeData, call: ServiceCall) -> Awaitable[None]:
    return runtime.client.delete_media_package(call.data[ATTR_MEDIA_PACKAGE_ID])


ACTIONS: Final[Mapping[str, Action]] = {
    SERVICE_START_CAPTURE: Action(_start_capture, START_CAPTURE_SCHEMA),
    SERVICE_STOP_CAPTURE: Action(
        _command(lambda runtime, _: runtime.client.stop_capture(), control=True), TARGET
    ),
    SERVICE_PAUSE_CAPTURE: Action(
        _command(lambda runtime, _: runtime.client.pause_capture(), control=True), TARGET
    ),
    SERVICE_RESUME_CAPTURE: Action(
        _command(lambda runtime, _: runtime.client.resume_capture(), control=True), TARGET
    ),
    SERVICE_SCHEDULE_CAPTURE: Action(
        _schedule_capture, SCHEDULE_CAPTURE_SCHEMA, SupportsResponse.OPTIONAL
    ),
    SERVICE_CANCEL_SCHEDULED_CAPTURE: Action(
        _command(_cancel_scheduled_capture, slow=True), EVENT_SCHEMA
    ),
    SERVICE_LIST_MEDIA_PACKAGES: Action(_list_media_packages, TARGET, SupportsResponse.ONLY),
    SERVICE_LIST_SCHEDULED_CAPTURES: Action(
        _list_scheduled_captures, LIST_SCHEDULED_SCHEMA, SupportsResponse.ONLY
    ),
    SERVICE_PUBLISH_MEDIA_PACKAGE: Action(_command(_publish_media_package), PUBLISH_SCHEMA),
    SERVICE_DELETE_MEDIA_PACKAGE: Action(
        _command(_delete_media_package, refresh=False), MEDIA_PACKAGE_SCHEMA
    ),
}
