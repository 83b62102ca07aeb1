"""Async client for one CaptureCast unit."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
import json
from typing import Any, Final

import aiohttp
from yarl import URL

from ..http_auth import basic_authorization
from ..transport import Reply, VendorClient
from . import models, paths
from .exceptions import ERRORS, CaptureCastError, CaptureCastNotFoundError, CaptureCastResponseError

DEFAULT_TIMEOUT: Final = 10.0

# Which scheduler calls a unit answered (see paths.py): the form seen in public code, or ours.
SCHEDULER_FORM_RANGE: Final = "GET /api/1/scheduler?range"
SCHEDULER_FORM_EVENTS: Final = "GET /api/1/scheduler/events?start&end"
CANCEL_FORM_V11: Final = "DELETE /api/1.1/scheduler/events/{id}"
CANCEL_FORM_V1: Final = "DELETE /api/1/scheduler/events/{id}"
# Answers that mean "this unit does not serve that form of the call" (so the other form is tried).
_FORM_NOT_SERVED: Final = frozenset({400, 404, 405})


@dataclass(frozen=True, slots=True)
class Preview:
    """A still image of the unit's live preview."""

    content: bytes
    content_type: str


def _as_list(data: Any, *keys: str) -> list[dict[str, Any]]:
    """Accept a bare JSON array, or an object wrapping one under a known key."""
    if isinstance(data, dict):
        for key in keys:
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if not isinstance(data, list):
        raise CaptureCastResponseError(f"expected a list, got {type(data).__name__}")
    return [item for item in data if isinstance(item, dict)]


def _as_object(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise CaptureCastResponseError(f"expected an object, got {type(data).__name__}")
    return data


class CaptureCastClient(VendorClient):
    """Talks to one unit's HTTP API v1 with Basic auth over an injected aiohttp session."""

    errors = ERRORS

    def __init__(
        self,
        session: aiohttp.ClientSession,
        host: str,
        *,
        username: str,
        password: str,
        port: int | None = None,
        use_ssl: bool = False,
        verify_ssl: bool = False,
        request_timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        # The unit's root URL is also its web UI (the integration links to it).
        base = URL.build(scheme="https" if use_ssl else "http", host=host, port=port)
        headers = {"Authorization": basic_authorization(username, password)}
        # Units ship self-signed certificates, so checking them is optional.
        ssl = verify_ssl or not use_ssl
        super().__init__(session, base, headers, timeout=request_timeout, ssl=ssl)
        self._capture_status_path = paths.CAPTURE_STATUS
        # None until the unit has answered one of the forms; then the one it answered.
        self.scheduler_list_form: str | None = None
        self.scheduler_cancel_form: str | None = None

    async def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        form: Mapping[str, Any] | None = None,
    ) -> Reply:
        """Send one request; return the answer, or raise ours for a failed status."""
        data = None
        if form is not None:
            # Form-encoded, each non-string value JSON-encoded, as the vendor documents.
            data = {
                key: value if isinstance(value, str) else json.dumps(value)
                for key, value in form.items()
            }
        where = f"{method} {path}"
        reply = await self._send(
            method, self._base.with_path(path), where=where, params=params, data=data
        )
        self._raise_for_status(where, reply, None)
        return reply

    async def _get_json(self, path: str, params: Mapping[str, str] | None = None) -> Any:
        return self._read_json(f"GET {path}", await self._request("GET", path, params=params))

    async def _post(self, path: str, form: Mapping[str, Any] | None = None) -> Any:
        """POST a form; return the JSON answer, or None when the unit answers with no JSON."""
        reply = await self._request("POST", path, form=form or {})
        try:
            return self._read_json(f"POST {path}", reply)
        except CaptureCastResponseError:
            return None

    # Status -----------------------------------------------------------------------------

    async def get_unit_info(self) -> models.UnitInfo:
        """Return the unit's identity."""
        return models.UnitInfo.from_dict(_as_object(await self._get_json(paths.UNIT_INFO)))

    async def get_status(self) -> models.UnitStatus:
        """Return general status (uptime, version)."""
        return models.UnitStatus.from_dict(_as_object(await self._get_json(paths.STATUS)))

    async def get_capture_status(self) -> models.CaptureStatus:
        """Return the current capture's state (from whichever of its two paths the unit serves)."""
        try:
            data = await self._get_json(self._capture_status_path)
        except CaptureCastNotFoundError:
            if self._capture_status_path == paths.CAPTURE_STATUS_UNVERSIONED:
                raise
            self._capture_status_path = paths.CAPTURE_STATUS_UNVERSIONED
            data = await self._get_json(self._capture_status_path)
        return models.CaptureStatus.from_dict(_as_object(data))

    async def get_disk_space(self) -> models.DiskSpace:
        """Return free, usable and total disk space in bytes."""
        return models.DiskSpace.from_dict(_as_object(await self._get_json(paths.DISK_SPACE)))

    async def get_network(self) -> models.NetworkStatus:
        """Return the unit's network status."""
        return models.NetworkStatus.from_dict(_as_object(await self._get_json(paths.NETWORK)))

    async def get_todays_schedule(self) -> list[models.ScheduledEvent]:
        """Return today's scheduled captures."""
        data = await self._get_json(paths.TODAYS_SCHEDULE)
        return [models.ScheduledEvent.from_dict(item) for item in _as_list(data, "events")]

    async def get_audio_devices(self) -> list[models.Device]:
        """Return the audio input devices the unit knows."""
        data = await self._get_json(paths.AUDIO_DEVICES)
        return [models.Device.from_dict(item, "audio") for item in _as_list(data, "devices")]

    async def get_video_devices(self) -> list[models.Device]:
        """Return the video input devices the unit knows."""
        data = await self._get_json(paths.VIDEO_DEVICES)
        return [models.Device.from_dict(item, "video") for item in _as_list(data, "devices")]

    async def get_templates(self) -> list[models.Template]:
        """Return the unit's capture templates."""
        data = await self._get_json(paths.TEMPLATES)
        return [models.Template.from_dict(item) for item in _as_list(data, "templates")]

    async def get_users(self) -> list[models.User]:
        """Return the unit's users (to learn the roles of the configured user)."""
        data = await self._get_json(paths.USERS)
        return [models.User.from_dict(item) for item in _as_list(data, "users")]

    async def get_preview(self) -> Preview:
        """Return the live preview still image of the current recording."""
        reply = await self._request("GET", paths.PREVIEW)
        return Preview(content=reply.content, content_type=reply.content_type)

    # Capture control ----------------------------------------------------------------------

    async def start_capture(self, request: models.CaptureRequest) -> None:
        """Start a capture session."""
        await self._post(paths.CAPTURE_START, {"captureRequest": request.to_wire()})

    async def stop_capture(self) -> None:
        """Stop the running capture session."""
        await self._post(paths.CAPTURE_STOP)

    async def pause_capture(self) -> None:
        """Pause the running capture session."""
        await self._post(paths.CAPTURE_PAUSE)

    async def resume_capture(self) -> None:
        """Resume a paused capture session."""
        await self._post(paths.CAPTURE_RESUME)

    # Media packages -----------------------------------------------------------------------

    async def list_media_packages(self) -> list[models.MediaPackage]:
        """Return the recordings stored on the unit."""
        data = await self._get_json(paths.MEDIA_PACKAGES)
        return [models.MediaPackage.from_dict(item) for item in _as_list(data, "mediaPackages")]

    async def delete_media_package(self, package_id: str) -> None:
        """Delete a recording from the unit."""
        await self._request("DELETE", paths.MEDIA_PACKAGE.format(id=package_id))

    async def publish_media_package(self, package_id: str, publisher_ids: list[str]) -> None:
        """Publish a recording (through all configured publishers, or the ones named)."""
        request: dict[str, Any] = {"mediaPackageID": package_id}
        if publisher_ids:
            request["configs"] = [{"publisherID": pid} for pid in publisher_ids]
        await self._post(
            paths.MEDIA_PACKAGE_PUBLISH.format(id=package_id), {"publishRequest": request}
        )

    # Scheduler ----------------------------------------------------------------------------

    async def list_scheduled_captures(
        self, start: datetime, end: datetime
    ) -> list[models.ScheduledEvent]:
        """Return scheduled captures that start between ``start`` and ``end``.

        Asks with the form seen in public code (``/api/1/scheduler?range=``) first and, when the
        unit does not serve it (400, 404 or 405), with our older form; the form that answered is
        remembered (and shown in diagnostics). The events are filtered to the window here too,
        since the ``range`` format is a guess a unit might read differently.
        """
        start_ms, end_ms = models.datetime_to_ms(start), models.datetime_to_ms(end)
        if self.scheduler_list_form != SCHEDULER_FORM_EVENTS:
            try:
                data = await self._get_json(paths.SCHEDULER, _range_params(start_ms, end_ms))
            except CaptureCastResponseError as err:
                if err.status not in _FORM_NOT_SERVED:
                    raise
            else:
                self.scheduler_list_form = SCHEDULER_FORM_RANGE
                return _events_between(data, start_ms, end_ms)
        params = {"start": str(start_ms), "end": str(end_ms)}
        data = await self._get_json(paths.SCHEDULER_EVENTS, params)
        self.scheduler_list_form = SCHEDULER_FORM_EVENTS
        return _events_between(data, start_ms, end_ms)

    async def schedule_capture(self, request: models.ScheduleRequest) -> models.ScheduledEvent:
        """Schedule a capture; return the event the unit created."""
        data = await self._post(paths.SCHEDULER_EVENTS, {"event": request.to_wire()})
        if not isinstance(data, dict):
            raise CaptureCastResponseError("scheduling answered without the created event")
        return models.ScheduledEvent.from_dict(data)

    async def cancel_scheduled_capture(self, event_id: str) -> None:
        """Delete a scheduled capture.

        Uses the form seen in public code (``DELETE /api/1.1/scheduler/events/{id}``) first and
        our older ``/api/1/`` form when the unit does not serve it. A 404 from both means there
        is no such event; the form that worked is remembered.
        """
        if self.scheduler_cancel_form != CANCEL_FORM_V1:
            try:
                await self._request("DELETE", paths.SCHEDULER_EVENT_V11.format(id=event_id))
            except CaptureCastResponseError as err:
                if err.status not in _FORM_NOT_SERVED:
                    raise
            else:
                self.scheduler_cancel_form = CANCEL_FORM_V11
                return
        await self._request("DELETE", paths.SCHEDULER_EVENT.format(id=event_id))
        self.scheduler_cancel_form = CANCEL_FORM_V1

    # Maintenance --------------------------------------------------------------------------

    async def reboot(self) -> None:
        """Reboot the whole unit."""
        await self._post(paths.REBOOT)

    async def restart(self) -> None:
        """Restart the CaptureCast software."""
        await self._post(paths.RESTART)

    async def restart_media(self) -> None:
        """Restart only the media processing components."""
        await self._post(paths.RESTART_MEDIA)

    async def redetect_devices(self) -> None:
        """Ask the unit to detect its audio and video devices again."""
        await self._post(paths.REDETECT_DEVICES)

    # Diagnostics --------------------------------------------------------------------------

    async def probe(self) -> dict[str, str]:
        """GET every read-only path the client uses and report what the unit answered.

        The two forms of the scheduler listing are asked for the next 24 hours.
        """

        async def one(
            key: str, path: str, params: Mapping[str, str] | None = None
        ) -> tuple[str, str]:
            try:
                reply = await self._request("GET", path, params=params)
            except CaptureCastResponseError as err:
                return key, f"HTTP {err.status}"
            except CaptureCastError as err:
                return key, f"error: {err}"
            return key, f"HTTP {reply.status} {reply.content_type}"

        start_ms = models.datetime_to_ms(datetime.now(UTC))
        end_ms = start_ms + 24 * 3600 * 1000
        window = {"start": str(start_ms), "end": str(end_ms)}
        checks = [one(path, path) for path in paths.PROBED_PATHS]
        checks.append(one(SCHEDULER_FORM_RANGE, paths.SCHEDULER, _range_params(start_ms, end_ms)))
        checks.append(one(SCHEDULER_FORM_EVENTS, paths.SCHEDULER_EVENTS, window))
        return dict(await asyncio.gather(*checks))


def _range_params(start_ms: int, end_ms: int) -> dict[str, str]:
    """The query of the scheduler listing seen in public code (the value's format is a guess)."""
    return {
        paths.SCHEDULER_RANGE_PARAM: paths.SCHEDULER_RANGE_FORMAT.format(start=start_ms, end=end_ms)
    }


def _events_between(data: Any, start_ms: int, end_ms: int) -> list[models.ScheduledEvent]:
    """The events of a listing (a bare array, or wrapped) that start in [start, end)."""
    events = [models.ScheduledEvent.from_dict(item) for item in _as_list(data, "events")]
    return [
        event
        for event in events
        if event.start is None or start_ms <= models.datetime_to_ms(event.start) < end_ms
    ]
