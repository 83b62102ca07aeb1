"""Simulated Cattura CaptureCast units: the HTTP API v1 the integration's client speaks.

A unit keeps its state in memory and advances it lazily from its clock on every request, so a
test that freezes the clock sees transitions only when it moves time. Roles and permissions
follow the vendor's documentation; behaviour the vendor does not document (which role may
capture, state words, 409 for a command in the wrong state) follows the integration's guesses
in ``clients/capturecast``.

Test-only controls live under ``/_sim/`` on each unit's port (no auth; real units have no such
paths): ``POST /_sim/latency {"ms": 250}``, ``POST /_sim/errors {"status": 500, "paths": [...]}``
(empty paths = every API path; status 0 clears), ``POST /_sim/password {"username", "password"}``,
``DELETE /_sim/templates/{id}``, ``POST /_sim/advance {"seconds": 60}`` (frozen clocks only),
``POST /_sim/disable {"paths": ["/api/1/users", "/api/1/mediaPackages/{id}"]}`` (each API path
listed, as written in the client's ``paths.py`` or as requested, answers 404 for every method, as
on a unit that does not serve it; an empty list serves everything again), ``GET /_sim/state``.
Going offline closes the unit's port (connection refused); do it from Python with
``await unit.go_offline()`` / ``await unit.go_online()``.

Scheduler: the unit serves the calls seen in public PHP code that drives real units, ``GET
/api/1/scheduler?range=…`` (a bare array of Events) and ``DELETE /api/1.1/scheduler/events/{id}``,
and, as the fallback, our older proposal ``GET /api/1/scheduler/events?start=&end=`` and ``DELETE
/api/1/scheduler/events/{id}``. The format of ``range`` is not shown by that code: the simulator
accepts the integration's guess, ``<start ms>,<end ms>``, and answers 400 to anything else, and
also to ``/api/1/scheduler`` asked without ``range`` (the evidenced call always sends it).
Disable ``/api/1/scheduler`` and ``/api/1.1/scheduler/events/{id}`` to make the unit serve only
the fallback.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
import itertools
import json
from typing import Any, Final

from aiohttp import web

from .basic_auth import basic_credentials
from .clock import SimClock
from .png import solid_png

VIEW: Final = "view"
SCHEDULE: Final = "manage schedule"
MEDIA: Final = "manage media"
ADMIN: Final = "administer"

ROLE_PERMISSIONS: Final[dict[str, frozenset[str]]] = {
    "Administrator": frozenset({VIEW, SCHEDULE, MEDIA, ADMIN}),
    "Scheduler": frozenset({VIEW, SCHEDULE}),
    "Content manager": frozenset({VIEW, MEDIA}),
    "Status viewer": frozenset({VIEW}),
    "Presenter": frozenset({VIEW}),
}

PROCESSING_SECONDS: Final = 5.0
PUBLISHING_SECONDS: Final = 5.0
REBOOT_SECONDS: Final = 5.0
BYTES_PER_SECOND: Final = 10 * 1024 * 1024  # about what a two-source lecture capture writes
GIB: Final = 1024**3

_ids = itertools.count(1)


def _ms(moment: datetime | None) -> int | None:
    return None if moment is None else int(moment.timestamp() * 1000)


@dataclass
class SimUser:
    """A CaptureCast user."""

    id: int
    username: str
    password: str
    roles: list[str]

    def may(self, permission: str) -> bool:
        """Whether one of the user's roles grants ``permission``."""
        return any(permission in ROLE_PERMISSIONS.get(role, ()) for role in self.roles)


@dataclass
class SimEvent:
    """A scheduled capture."""

    id: str
    title: str
    template_id: str
    start: datetime
    stop: datetime
    started: bool = False
    completed: bool = False
    media_package_id: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The confirmed Event type."""
        return {
            "id": self.id,
            "title": self.title,
            "groupID": None,
            "templateID": self.template_id,
            "startTime": _ms(self.start),
            "stopTime": _ms(self.stop),
            "speaker": 0,
            "tags": [],
            "started": self.started,
            "completed": self.completed,
            "mediaPackageID": self.media_package_id,
            "assets": [],
            "publishing": True,
        }


@dataclass
class Capture:
    """The running capture session."""

    request: dict[str, Any]
    started: datetime
    paused_seconds: float = 0.0
    paused_since: datetime | None = None
    event_id: str | None = None

    def elapsed(self, now: datetime) -> float:
        """Recorded seconds, pauses excluded."""
        paused = self.paused_seconds
        if self.paused_since is not None:
            paused += (now - self.paused_since).total_seconds()
        return max(0.0, (now - self.started).total_seconds() - paused)

    def ends_at(self) -> datetime | None:
        """When the requested duration runs out (pauses move it later)."""
        duration_ms = self.request.get("duration")
        if not isinstance(duration_ms, int | float) or self.paused_since is not None:
            return None
        return self.started + timedelta(seconds=duration_ms / 1000 + self.paused_seconds)


@dataclass
class SimulatedUnit:
    """One CaptureCast unit with its state machine, users, schedule and faults."""

    index: int = 1
    clock: SimClock = field(default_factory=SimClock)
    state: str = "idle"
    capture: Capture | None = None
    state_until: datetime | None = None  # end of processing/publishing
    publish_after_processing: bool = False
    last_title: str | None = None
    disk_total: int = 1000 * GIB
    disk_free: int = 620 * GIB
    latency_ms: float = 0.0
    error_status: int = 0
    error_paths: list[str] = field(default_factory=list)
    # API paths this unit does not serve (404), as route templates or concrete paths.
    disabled_paths: set[str] = field(default_factory=set)
    rebooting_until: datetime | None = None
    # The latest requests (method, path), for tests; bounded so a long session stays small.
    requests: deque[tuple[str, str]] = field(default_factory=lambda: deque(maxlen=100))
    request_count: int = 0

    def __post_init__(self) -> None:
        self.unit_name = f"Lecture Hall {100 + self.index}"
        self.machine_name = f"cc-sim-{self.index:02d}"
        self.serial_number = f"SIM-{self.index:04d}"
        self.booted = self.clock.now() - timedelta(days=3)
        self.users: dict[str, SimUser] = {}
        for number, (name, role) in enumerate(
            [
                ("admin", "Administrator"),
                ("scheduler", "Scheduler"),
                ("content", "Content manager"),
                ("viewer", "Status viewer"),
                ("presenter", "Presenter"),
            ],
            start=1,
        ):
            self.users[name] = SimUser(number, name, name, [role])
        self.templates: dict[str, str] = {
            "1-src": "Lecture (camera + slides)",
            "2-src": "Panel discussion",
            "3-src": "Audio only",
        }
        self.speakers = [
            {"id": 1, "name": "Dr. Ada Lovelace"},
            {"id": 2, "name": "Prof. Alan Turing"},
        ]
        self.audio_devices = [{"id": "a1", "name": "Podium microphone"}]
        self.video_devices = [
            {"id": "v1", "name": "PTZ camera"},
            {"id": "v2", "name": "Lectern HDMI"},
        ]
        self.media_packages: list[dict[str, Any]] = []
        self.events: dict[str, SimEvent] = {}
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None
        self._offline = False
        self.host = "127.0.0.1"
        self.port = 0

    # Serving ----------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """The unit's address."""
        return f"http://{self.host}:{self.port}"

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Serve the unit; port 0 picks a free one. Returns the base URL."""
        self.host = host
        # Cancel a handler when its client hangs up (a timed-out poll), as a real server would.
        self._runner = web.AppRunner(self.build_app(), access_log=None, handler_cancellation=True)
        await self._runner.setup()
        self._site = web.TCPSite(self._runner, host, port)
        await self._site.start()
        self.port = int(self._runner.addresses[0][1])
        return self.base_url

    async def stop(self) -> None:
        """Stop serving."""
        if self._runner is not None:
            await self._runner.cleanup()
        self._runner = self._site = None

    async def go_offline(self) -> None:
        """Close the unit's port and drop open connections, as a unit that loses power does.

        New connections are refused until ``go_online``; a request on a connection that was
        already open is cut off without an answer.
        """
        self._offline = True
        if self._site is not None:
            site, self._site = self._site, None
            await site.stop()

    async def go_online(self) -> None:
        """Open the unit's port again."""
        self._offline = False
        if self._site is None and self._runner is not None:
            self._site = web.TCPSite(self._runner, self.host, self.port)
            await self._site.start()

    @property
    def online(self) -> bool:
        """Whether the unit's port accepts connections."""
        return self._site is not None

    # State machine ----------------------------------------------------------------------

    def tick(self) -> None:
        """Apply every transition due by now, in time order."""
        now = self.clock.now()
        while True:
            due = self._next_transition()
            if due is None or due[0] > now:
                break
            due[1](due[0])
        if self.state == "capturing" and self.capture is not None:
            written = int(self.capture.elapsed(now) * BYTES_PER_SECOND)
            self.disk_free = max(0, self._disk_free_at_start - written)

    def _next_transition(self) -> tuple[datetime, Callable[[datetime], None]] | None:
        candidates: list[tuple[datetime, Callable[[datetime], None]]] = []
        if self.capture is not None and (end := self.capture.ends_at()) is not None:
            candidates.append((end, self._finish_capture))
        if self.state in ("processing", "publishing") and self.state_until is not None:
            candidates.append((self.state_until, self._after_processing))
        for event in self.events.values():
            if not event.started:
                candidates.append((event.start, partial(self._start_event, event)))
            elif self.capture is not None and self.capture.event_id == event.id:
                candidates.append((event.stop, self._finish_capture))
        if not candidates:
            return None
        return min(candidates, key=lambda item: item[0])

    def begin_capture(
        self, request: dict[str, Any], at: datetime | None = None, event_id: str | None = None
    ) -> None:
        """Start recording with a CaptureRequest."""
        self.capture = Capture(request=request, started=at or self.clock.now(), event_id=event_id)
        self.state = "capturing"
        self.last_title = request.get("title")
        self.publish_after_processing = bool(request.get("publishing", False))
        self._disk_free_at_start = self.disk_free

    def _start_event(self, event: SimEvent, at: datetime) -> None:
        event.started = True
        if self.state != "idle" or event.stop <= at:  # busy, or already over: skipped
            event.completed = True
            return
        self.begin_capture(
            {"templateID": event.template_id, "title": event.title}, at=at, event_id=event.id
        )

    def _finish_capture(self, at: datetime) -> None:
        capture = self.capture
        assert capture is not None
        if capture.paused_since is not None:
            capture.paused_seconds += (at - capture.paused_since).total_seconds()
            capture.paused_since = None
        package_id = f"mp-{self.index}-{next(_ids)}"
        self.media_packages.append(
            {
                "id": package_id,
                "title": capture.request.get("title") or "Untitled capture",
                "creationDate": _ms(capture.started),
                "duration": int(capture.elapsed(at) * 1000),
                "state": "processing",
                "templateID": capture.request.get("templateID"),
            }
        )
        if capture.event_id is not None and capture.event_id in self.events:
            event = self.events[capture.event_id]
            event.completed = True
            event.media_package_id = package_id
        self.capture = None
        self.state = "processing"
        self.state_until = at + timedelta(seconds=PROCESSING_SECONDS)

    def _after_processing(self, at: datetime) -> None:
        if self.state == "processing" and self.publish_after_processing:
            self.state = "publishing"
            self.state_until = at + timedelta(seconds=PUBLISHING_SECONDS)
            return
        self.state = "idle"
        self.state_until = None
        self.publish_after_processing = False
        for package in self.media_packages:
            if package["state"] in ("processing", "publishing"):
                package["state"] = "complete"

    # Commands (used by the HTTP handlers and by tests) ------------------------------------

    def find_template(self, wanted: str) -> str | None:
        """A template id by id or name."""
        if wanted in self.templates:
            return wanted
        return next((tid for tid, name in self.templates.items() if name == wanted), None)

    def pause(self) -> bool:
        """Pause a recording capture; False when nothing is recording."""
        if self.state != "capturing" or self.capture is None:
            return False
        self.capture.paused_since = self.clock.now()
        self.state = "paused"
        return True

    def resume(self) -> bool:
        """Resume a paused capture; False when nothing is paused."""
        if self.state != "paused" or self.capture is None or self.capture.paused_since is None:
            return False
        now = self.clock.now()
        self.capture.paused_seconds += (now - self.capture.paused_since).total_seconds()
        self.capture.paused_since = None
        self.state = "capturing"
        self._disk_free_at_start = self.disk_free + int(
            self.capture.elapsed(now) * BYTES_PER_SECOND
        )
        return True

    def stop_capture(self) -> bool:
        """End the running capture; False when none runs."""
        if self.capture is None:
            return False
        self._finish_capture(self.clock.now())
        return True

    # HTTP --------------------------------------------------------------------------------

    def build_app(self) -> web.Application:
        """The unit's aiohttp application."""
        app = web.Application(middlewares=[self._middleware])
        routes: list[tuple[str, str, str | None, Handler]] = [
            ("GET", "/api/1/status/unit", None, self._unit_info),
            ("GET", "/api/status/capture", None, self._capture_status),
            ("GET", "/api/1/status/capture", None, self._capture_status),
            ("GET", "/api/1/status", VIEW, self._status),
            ("GET", "/api/1/status/network", VIEW, self._network),
            ("GET", "/api/1/status/diskSpace", VIEW, self._disk),
            ("GET", "/api/1/status/devices", VIEW, self._devices_status),
            ("GET", "/api/1/status/schedule", VIEW, self._todays_schedule),
            ("GET", "/api/1/users", VIEW, self._users),
            ("GET", "/api/1/templates", VIEW, self._templates),
            ("GET", "/api/1/speakers", VIEW, self._speakers),
            ("GET", "/api/1/devices/audio", VIEW, self._audio),
            ("GET", "/api/1/devices/video", VIEW, self._video),
            ("POST", "/api/1/devices/redetect", ADMIN, self._redetect),
            ("POST", "/api/1/capture/start", MEDIA, self._start),
            ("POST", "/api/1/capture/stop", MEDIA, self._stop),
            ("POST", "/api/1/capture/pause", MEDIA, self._pause),
            ("POST", "/api/1/capture/resume", MEDIA, self._resume),
            ("GET", "/api/1/mediaPackages", VIEW, self._media_packages),
            ("GET", "/api/1/mediaPackages/{id}", VIEW, self._media_package),
            ("DELETE", "/api/1/mediaPackages/{id}", MEDIA, self._delete_media_package),
            ("POST", "/api/1/mediaPackages/{id}/publish", MEDIA, self._publish),
            ("GET", "/api/1/scheduler", VIEW, self._scheduler),
            ("DELETE", "/api/1.1/scheduler/events/{id}", SCHEDULE, self._cancel),
            ("GET", "/api/1/scheduler/events", VIEW, self._events),
            ("POST", "/api/1/scheduler/events", SCHEDULE, self._schedule),
            ("GET", "/api/1/scheduler/events/{id}", VIEW, self._event),
            ("DELETE", "/api/1/scheduler/events/{id}", SCHEDULE, self._cancel),
            ("POST", "/api/1/maintenance/reboot", ADMIN, self._reboot),
            ("POST", "/api/1/maintenance/restart", ADMIN, self._restart),
            ("POST", "/api/1/maintenance/restartMedia", ADMIN, self._restart),
            ("GET", "/api/1/liveStreamViewer/preview", VIEW, self._preview),
        ]
        for method, path, permission, handler in routes:
            app.router.add_route(method, path, self._guard(permission, handler))
        app.router.add_post("/_sim/latency", self._sim_latency)
        app.router.add_post("/_sim/errors", self._sim_errors)
        app.router.add_post("/_sim/password", self._sim_password)
        app.router.add_delete("/_sim/templates/{id}", self._sim_delete_template)
        app.router.add_post("/_sim/advance", self._sim_advance)
        app.router.add_get("/_sim/state", self._sim_state)
        app.router.add_post("/_sim/disable", self._sim_disable)
        return app

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if self._offline and request.transport is not None:
            request.transport.close()  # a kept-alive connection to a unit that went away
            raise web.HTTPServiceUnavailable
        if request.path.startswith("/_sim/"):
            return await handler(request)
        self.requests.append((request.method, request.path))
        self.request_count += 1
        if self.latency_ms:
            await asyncio.sleep(self.latency_ms / 1000)
        self.tick()
        if self.rebooting_until is not None:
            if self.clock.now() < self.rebooting_until:
                return web.json_response({"error": "rebooting"}, status=503)
            self.rebooting_until = None
        if self.disabled_paths:
            resource = request.match_info.route.resource
            template = resource.canonical if resource is not None else request.path
            if template in self.disabled_paths or request.path in self.disabled_paths:
                return web.json_response({"error": "not found"}, status=404)
        if self.error_status and (
            not self.error_paths or any(request.path.startswith(p) for p in self.error_paths)
        ):
            return web.json_response({"error": "simulated failure"}, status=self.error_status)
        return await handler(request)

    def _guard(self, permission: str | None, handler: Handler) -> Handler:
        """Require a valid user with ``permission`` (None: no auth, as the vendor documents)."""

        async def guarded(request: web.Request) -> web.StreamResponse:
            if permission is not None:
                user = self._authenticate(request)
                if user is None:
                    return web.json_response(
                        {"error": "authentication required"},
                        status=401,
                        headers={"WWW-Authenticate": 'Basic realm="CaptureCast"'},
                    )
                if not user.may(permission):
                    return web.json_response({"error": f"needs {permission}"}, status=403)
            return await handler(request)

        return guarded

    def _authenticate(self, request: web.Request) -> SimUser | None:
        auth = basic_credentials(request.headers.get("Authorization", ""))
        if auth is None:
            return None
        user = self.users.get(auth[0])
        return user if user is not None and user.password == auth[1] else None

    async def _form_json(self, request: web.Request, name: str) -> dict[str, Any]:
        form = await request.post()
        raw = form.get(name)
        if not isinstance(raw, str):
            raise web.HTTPBadRequest(text=f"missing form field {name}")
        try:
            value = json.loads(raw)
        except ValueError:
            raise web.HTTPBadRequest(text=f"{name} is not JSON") from None
        if not isinstance(value, dict):
            raise web.HTTPBadRequest(text=f"{name} must be an object")
        return value

    async def _unit_info(self, request: web.Request) -> web.Response:
        return web.json_response(
            {
                "unitName": self.unit_name,
                "machineName": self.machine_name,
                "serialNumber": self.serial_number,
                "model": "CaptureCast Pro (simulated)",
                "version": "6.2.1-sim",
            }
        )

    async def _capture_status(self, request: web.Request) -> web.Response:
        now = self.clock.now()
        body: dict[str, Any] = {"state": self.state}
        if self.capture is not None:
            body.update(
                {
                    "title": self.capture.request.get("title"),
                    "templateID": self.capture.request.get("templateID"),
                    "elapsed": int(self.capture.elapsed(now) * 1000),
                    "startTime": _ms(self.capture.started),
                }
            )
        return web.json_response(body)

    async def _status(self, request: web.Request) -> web.Response:
        uptime = int((self.clock.now() - self.booted).total_seconds())
        return web.json_response({"uptime": uptime, "version": "6.2.1-sim", "state": self.state})

    async def _network(self, request: web.Request) -> web.Response:
        return web.json_response(
            {"ipAddress": f"192.0.2.{self.index}", "hostname": self.machine_name}
        )

    async def _disk(self, request: web.Request) -> web.Response:
        return web.json_response(
            {
                "free": self.disk_free,
                "usable": max(0, self.disk_free - GIB),
                "total": self.disk_total,
            }
        )

    async def _devices_status(self, request: web.Request) -> web.Response:
        return web.json_response({"audio": self.audio_devices, "video": self.video_devices})

    def _today(self) -> list[SimEvent]:
        today = self.clock.now().date()
        return [e for e in self.events.values() if e.start.date() == today]

    async def _todays_schedule(self, request: web.Request) -> web.Response:
        return web.json_response([event.as_json() for event in self._today()])

    async def _users(self, request: web.Request) -> web.Response:
        return web.json_response(
            [{"id": u.id, "username": u.username, "roles": u.roles} for u in self.users.values()]
        )

    async def _templates(self, request: web.Request) -> web.Response:
        return web.json_response([{"id": i, "name": n} for i, n in self.templates.items()])

    async def _speakers(self, request: web.Request) -> web.Response:
        return web.json_response(self.speakers)

    async def _audio(self, request: web.Request) -> web.Response:
        return web.json_response(self.audio_devices)

    async def _video(self, request: web.Request) -> web.Response:
        return web.json_response(self.video_devices)

    async def _redetect(self, request: web.Request) -> web.Response:
        if not any(d["id"] == "v3" for d in self.video_devices):
            self.video_devices.append({"id": "v3", "name": "Document camera"})
        return web.json_response({"result": "ok"})

    async def _start(self, request: web.Request) -> web.Response:
        capture_request = await self._form_json(request, "captureRequest")
        template = capture_request.get("templateID")
        template_id = self.find_template(str(template)) if template else None
        if template_id is None:
            return web.json_response({"error": f"unknown template {template!r}"}, status=400)
        speaker = capture_request.get("speaker")
        if speaker is not None and not any(
            str(speaker) in (str(s["id"]), s["name"]) for s in self.speakers
        ):
            return web.json_response({"error": f"unknown speaker {speaker!r}"}, status=400)
        if self.state != "idle":
            return web.json_response({"error": f"cannot start while {self.state}"}, status=409)
        self.begin_capture({**capture_request, "templateID": template_id})
        return web.json_response({"result": "ok"})

    async def _stop(self, request: web.Request) -> web.Response:
        if not self.stop_capture():
            return web.json_response({"error": "no capture running"}, status=409)
        return web.json_response({"result": "ok"})

    async def _pause(self, request: web.Request) -> web.Response:
        if not self.pause():
            return web.json_response({"error": f"cannot pause while {self.state}"}, status=409)
        return web.json_response({"result": "ok"})

    async def _resume(self, request: web.Request) -> web.Response:
        if not self.resume():
            return web.json_response({"error": f"cannot resume while {self.state}"}, status=409)
        return web.json_response({"result": "ok"})

    def _package(self, request: web.Request) -> dict[str, Any]:
        wanted = request.match_info["id"]
        for package in self.media_packages:
            if package["id"] == wanted:
                return package
        raise web.HTTPNotFound(text=f"no media package {wanted}")

    async def _media_packages(self, request: web.Request) -> web.Response:
        return web.json_response(self.media_packages)

    async def _media_package(self, request: web.Request) -> web.Response:
        return web.json_response(self._package(request))

    async def _delete_media_package(self, request: web.Request) -> web.Response:
        self.media_packages.remove(self._package(request))
        return web.Response(status=204)

    async def _publish(self, request: web.Request) -> web.Response:
        package = self._package(request)
        await self._form_json(request, "publishRequest")
        package["state"] = "published"
        return web.json_response({"result": "ok"})

    async def _events(self, request: web.Request) -> web.Response:
        try:
            start = int(request.query["start"])
            end = int(request.query["end"])
        except (KeyError, ValueError):
            return web.json_response({"error": "start and end (ms) are required"}, status=400)
        found = [e for e in self.events.values() if start <= (_ms(e.start) or 0) < end]
        return web.json_response([event.as_json() for event in found])

    async def _scheduler(self, request: web.Request) -> web.Response:
        """The listing seen in public code: ``?range=`` (format guessed: ``<start>,<end>`` ms)."""
        raw = request.query.get("range")
        if raw is None:
            return web.json_response({"error": "range is required"}, status=400)
        try:
            start_text, end_text = raw.split(",")
            start, end = int(start_text), int(end_text)
        except ValueError:
            return web.json_response({"error": f"bad range {raw!r}"}, status=400)
        found = [e for e in self.events.values() if start <= (_ms(e.start) or 0) < end]
        return web.json_response([event.as_json() for event in found])

    async def _schedule(self, request: web.Request) -> web.Response:
        body = await self._form_json(request, "event")
        try:
            start = datetime.fromtimestamp(
                int(body["startTime"]) / 1000, tz=self.clock.now().tzinfo
            )
            stop = datetime.fromtimestamp(int(body["stopTime"]) / 1000, tz=start.tzinfo)
        except (KeyError, TypeError, ValueError):
            return web.json_response({"error": "startTime and stopTime (ms) required"}, status=400)
        template_id = self.find_template(str(body.get("templateID", "")))
        if template_id is None or stop <= start:
            return web.json_response({"error": "bad template or times"}, status=400)
        event = SimEvent(
            id=f"ev-{self.index}-{next(_ids)}",
            title=str(body.get("title") or "Scheduled capture"),
            template_id=template_id,
            start=start,
            stop=stop,
        )
        self.events[event.id] = event
        return web.json_response(event.as_json())

    async def _event(self, request: web.Request) -> web.Response:
        event = self.events.get(request.match_info["id"])
        if event is None:
            raise web.HTTPNotFound(text="no such event")
        return web.json_response(event.as_json())

    async def _cancel(self, request: web.Request) -> web.Response:
        if self.events.pop(request.match_info["id"], None) is None:
            raise web.HTTPNotFound(text="no such event")
        return web.Response(status=204)

    async def _reboot(self, request: web.Request) -> web.Response:
        self.capture = None
        self.state = "idle"
        self.rebooting_until = self.clock.now() + timedelta(seconds=REBOOT_SECONDS)
        self.booted = self.rebooting_until
        return web.json_response({"result": "rebooting"})

    async def _restart(self, request: web.Request) -> web.Response:
        return web.json_response({"result": "restarting"})

    async def _preview(self, request: web.Request) -> web.Response:
        now = self.clock.now()
        colours = {
            "capturing": (200, 30, 30),
            "paused": (220, 160, 0),
            "processing": (40, 90, 200),
            "publishing": (40, 160, 80),
        }
        shade = int(now.timestamp()) % 60
        base = colours.get(self.state, (40 + shade, 40 + shade, 50 + shade))
        bar = int(now.timestamp()) % 64
        return web.Response(body=solid_png(64, 36, base, bar), content_type="image/png")

    # Test controls ------------------------------------------------------------------------

    async def _sim_latency(self, request: web.Request) -> web.Response:
        self.latency_ms = float((await request.json()).get("ms", 0))
        return web.json_response({"latency_ms": self.latency_ms})

    async def _sim_errors(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.error_status = int(body.get("status", 0))
        self.error_paths = [str(p) for p in body.get("paths", [])]
        return web.json_response({"status": self.error_status, "paths": self.error_paths})

    async def _sim_password(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.users[str(body["username"])].password = str(body["password"])
        return web.json_response({"result": "ok"})

    async def _sim_delete_template(self, request: web.Request) -> web.Response:
        self.templates.pop(request.match_info["id"], None)
        return web.Response(status=204)

    async def _sim_advance(self, request: web.Request) -> web.Response:
        if not self.clock.frozen:
            return web.json_response({"error": "the clock follows real time"}, status=409)
        self.clock.advance(float((await request.json()).get("seconds", 0)))
        self.tick()
        return web.json_response({"now": self.clock.now().isoformat()})

    async def _sim_disable(self, request: web.Request) -> web.Response:
        self.disabled_paths = {str(p) for p in (await request.json()).get("paths", [])}
        return web.json_response({"paths": sorted(self.disabled_paths)})

    async def _sim_state(self, request: web.Request) -> web.Response:
        self.tick()
        return web.json_response(
            {
                "state": self.state,
                "online": self.online,
                "media_packages": len(self.media_packages),
                "events": len(self.events),
                "requests": self.request_count,
                "now": self.clock.now().isoformat(),
            }
        )


type Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class SimulatorFleet:
    """Many units, one port each, sharing a clock."""

    def __init__(self, count: int, clock: SimClock | None = None) -> None:
        self.clock = clock or SimClock()
        self.units = [SimulatedUnit(index=i + 1, clock=self.clock) for i in range(count)]

    async def start(self, host: str = "127.0.0.1", base_port: int = 0) -> list[str]:
        """Start every unit (consecutive ports from ``base_port``, or free ones when 0)."""
        return [
            await unit.start(host, base_port + i if base_port else 0)
            for i, unit in enumerate(self.units)
        ]

    async def stop(self) -> None:
        """Stop every unit."""
        await asyncio.gather(*(unit.stop() for unit in self.units))
