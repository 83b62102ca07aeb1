"""Actions (services) for CaptureCast units: capture, schedule, publish."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Final

from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import config_validation as cv
from homeassistant.util import dt as dt_util
import voluptuous as vol

from ..clients.capturecast import CaptureRequest, ScheduleRequest
from ..const import DOMAIN, Provider
from ..service_helpers import TARGET_SCHEMA, resolve_entry
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
ATTR_START: Final = "start"
ATTR_END: Final = "end"
ATTR_EVENT_ID: Final = "event_id"
ATTR_MEDIA_PACKAGE_ID: Final = "media_package_id"
ATTR_PUBLISHERS: Final = "publishers"

# How far back list_scheduled_captures looks by default, and how far ahead.
DEFAULT_LIST_WINDOW: Final = timedelta(days=7)

_TARGET = vol.Schema(TARGET_SCHEMA)
_NON_EMPTY = vol.All(cv.string, vol.Length(min=1))

START_CAPTURE_SCHEMA: Final = _TARGET.extend(
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
SCHEDULE_CAPTURE_SCHEMA: Final = _TARGET.extend(
    {
        vol.Required(ATTR_TEMPLATE): _NON_EMPTY,
        vol.Required(ATTR_TITLE): _NON_EMPTY,
        vol.Required(ATTR_START): cv.datetime,
        vol.Required(ATTR_END): cv.datetime,
    }
)
LIST_SCHEDULED_SCHEMA: Final = _TARGET.extend(
    {vol.Optional(ATTR_START): cv.datetime, vol.Optional(ATTR_END): cv.datetime}
)
EVENT_SCHEMA: Final = _TARGET.extend({vol.Required(ATTR_EVENT_ID): _NON_EMPTY})
MEDIA_PACKAGE_SCHEMA: Final = _TARGET.extend({vol.Required(ATTR_MEDIA_PACKAGE_ID): _NON_EMPTY})
PUBLISH_SCHEMA: Final = MEDIA_PACKAGE_SCHEMA.extend(
    {vol.Optional(ATTR_PUBLISHERS): vol.All(cv.ensure_list, [_NON_EMPTY])}
)


def _invalid(key: str, **placeholders: str) -> ServiceValidationError:
    return ServiceValidationError(
        translation_domain=DOMAIN, translation_key=key, translation_placeholders=placeholders
    )


def _runtime(hass: HomeAssistant, call: ServiceCall) -> CaptureCastRuntimeData:
    return resolve_entry(hass, call, Provider.CAPTURECAST, CaptureCastRuntimeData).runtime_data


def _aware(value: datetime) -> datetime:
    """Interpret a time without a zone in Home Assistant's time zone."""
    return dt_util.as_utc(value)


async def _start_capture(hass: HomeAssistant, call: ServiceCall) -> None:
    runtime = _runtime(hass, call)
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


def _simple(
    method: Callable[[CaptureCastRuntimeData], Awaitable[None]],
) -> Callable[[HomeAssistant, ServiceCall], Awaitable[None]]:
    """A capture command (stop, pause, resume) as an action."""

    async def handler(hass: HomeAssistant, call: ServiceCall) -> None:
        runtime = _runtime(hass, call)
        await run_unit_command(runtime.coordinator, method(runtime), control=True)

    return handler


async def _schedule_capture(hass: HomeAssistant, call: ServiceCall) -> ServiceResponse:
    runtime = _runtime(hass, call)
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


async def _cancel_scheduled_capture(hass: HomeAssistant, call: ServiceCall) -> None:
    runtime = _runtime(hass, call)
    await run_unit_command(
        runtime.coordinator,
        runtime.client.cancel_scheduled_capture(call.data[ATTR_EVENT_ID]),
        slow_state_changed=True,
    )


async def _list_media_packages(hass: HomeAssistant, call: ServiceCall) -> ServiceResponse:
    runtime = _runtime(hass, call)
    packages = await run_unit_command(
        runtime.coordinator, runtime.client.list_media_packages(), refresh=False
    )
    return {"media_packages": [package.as_dict() for package in packages]}


async def _list_scheduled_captures(hass: HomeAssistant, call: ServiceCall) -> ServiceResponse:
    runtime = _runtime(hass, call)
    now = dt_util.utcnow()
    start = _aware(call.data[ATTR_START]) if ATTR_START in call.data else now
    end = _aware(call.data[ATTR_END]) if ATTR_END in call.data else start + DEFAULT_LIST_WINDOW
    if end <= start:
        raise _invalid("end_before_start")
    events = await run_unit_command(
        runtime.coordinator, runtime.client.list_scheduled_captures(start, end), refresh=False
    )
    return {"scheduled_captures": [event.as_dict() for event in events]}


async def _publish_media_package(hass: HomeAssistant, call: ServiceCall) -> None:
    runtime = _runtime(hass, call)
    await run_unit_command(
        runtime.coordinator,
        runtime.client.publish_media_package(
            call.data[ATTR_MEDIA_PACKAGE_ID], list(call.data.get(ATTR_PUBLISHERS, []))
        ),
    )


async def _delete_media_package(hass: HomeAssistant, call: ServiceCall) -> None:
    runtime = _runtime(hass, call)
    await run_unit_command(
        runtime.coordinator,
        runtime.client.delete_media_package(call.data[ATTR_MEDIA_PACKAGE_ID]),
        refresh=False,
    )


type Handler = Callable[[HomeAssistant, ServiceCall], Awaitable[ServiceResponse | None]]

SERVICES: Final[dict[str, tuple[vol.Schema, Handler, SupportsResponse]]] = {
    SERVICE_START_CAPTURE: (START_CAPTURE_SCHEMA, _start_capture, SupportsResponse.NONE),
    SERVICE_STOP_CAPTURE: (
        _TARGET,
        _simple(lambda runtime: runtime.client.stop_capture()),
        SupportsResponse.NONE,
    ),
    SERVICE_PAUSE_CAPTURE: (
        _TARGET,
        _simple(lambda runtime: runtime.client.pause_capture()),
        SupportsResponse.NONE,
    ),
    SERVICE_RESUME_CAPTURE: (
        _TARGET,
        _simple(lambda runtime: runtime.client.resume_capture()),
        SupportsResponse.NONE,
    ),
    SERVICE_SCHEDULE_CAPTURE: (
        SCHEDULE_CAPTURE_SCHEMA,
        _schedule_capture,
        SupportsResponse.OPTIONAL,
    ),
    SERVICE_CANCEL_SCHEDULED_CAPTURE: (
        EVENT_SCHEMA,
        _cancel_scheduled_capture,
        SupportsResponse.NONE,
    ),
    SERVICE_LIST_MEDIA_PACKAGES: (_TARGET, _list_media_packages, SupportsResponse.ONLY),
    SERVICE_LIST_SCHEDULED_CAPTURES: (
        LIST_SCHEDULED_SCHEMA,
        _list_scheduled_captures,
        SupportsResponse.ONLY,
    ),
    SERVICE_PUBLISH_MEDIA_PACKAGE: (PUBLISH_SCHEMA, _publish_media_package, SupportsResponse.NONE),
    SERVICE_DELETE_MEDIA_PACKAGE: (
        MEDIA_PACKAGE_SCHEMA,
        _delete_media_package,
        SupportsResponse.NONE,
    ),
}


@callback
def async_register_services(hass: HomeAssistant) -> None:
    """Register the CaptureCast actions."""
    for name, (schema, handler, supports_response) in SERVICES.items():

        async def call_handler(call: ServiceCall, handler: Handler = handler) -> ServiceResponse:
            return await handler(call.hass, call)

        hass.services.async_register(
            DOMAIN, name, call_handler, schema=schema, supports_response=supports_response
        )
