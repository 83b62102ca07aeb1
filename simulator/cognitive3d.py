"""A simulated Cognitive3D API: one organization with projects, scenes and sessions.

Serves the calls the integration's client makes, with both key styles (``orgkey-…`` and legacy
keys behind ``APIKEY:ORGANIZATION``), and test-only controls under ``/_sim/`` to add or remove
projects, add sessions, and inject 429/500 answers.

The session list follows the vendor's public evidence (see the client's ``paths.py``): it filters
by ``sessionFilters`` (built-in fields and ``*SessionProp`` properties, the documented ops, and
``and``/``or``/``none`` groups), and answers 400 to the body fields we used to guess
(``startDate``, ``endDate``, ``excludeTags``), so a client that sends them fails its tests.
Sessions are listed as in the vendor's example: ``hmd`` null, ``deviceId`` a hash, the headset
model, participant and test/junk tags in ``properties``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
import hashlib
import random
from typing import Any, TypeGuard

from aiohttp import web

from .server import LoopbackServer

LEGACY_PREFIX = "APIKEY:ORGANIZATION "
# Session tags the vendor keeps as boolean properties ``c3d.session_tag.<tag>``.
BUILT_IN_TAGS = ("test", "junk")
# Body fields of our old guesses; the vendor's own client never sends them.
REFUTED_BODY_FIELDS = ("startDate", "endDate", "excludeTags")
PROPERTY_KINDS: dict[str, tuple[type, ...]] = {
    "booleanSessionProp": (bool,),
    "textualSessionProp": (str,),
    "numericalSessionProp": (int, float),
}
_MISSING = object()


class BadFilterError(ValueError):
    """A sessionFilters entry the simulated API does not understand (answered with 400)."""


@dataclass
class SimSession:
    """A recorded session."""

    id: str
    project_id: int
    scene_id: str
    date: datetime
    duration_ms: int
    participant: str
    device: str
    tags: list[str] = field(default_factory=list)

    @property
    def device_hash(self) -> str:
        """What the vendor lists as ``deviceId`` and ``user``: a hash, not a model."""
        return hashlib.md5(self.participant.encode(), usedforsecurity=False).hexdigest()

    @property
    def properties(self) -> dict[str, Any]:
        """The session properties the simulator knows about."""
        props: dict[str, Any] = {
            "c3d.participant.name": self.participant,
            "c3d.device.model": self.device,
            "c3d.deviceid": self.device_hash,
        }
        for tag in BUILT_IN_TAGS:
            props[f"c3d.session_tag.{tag}"] = tag in self.tags
        return props

    def as_json(self) -> dict[str, Any]:
        """The session as the API lists it (shape of the vendor's example answer)."""
        start_ms = int(self.date.timestamp() * 1000)
        return {
            "sessionId": self.id,
            "sdkSessionId": self.id,
            "projectId": self.project_id,
            "participantId": self.participant.rsplit("-", 1)[-1].zfill(5),
            "friendlyName": self.participant,
            "date": self.date.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "duration": self.duration_ms,
            "startTime": start_ms,
            "hmd": None,
            "user": self.device_hash,
            "deviceId": self.device_hash,
            # The shape of tag objects is not shown by the vendor; built-in tags are properties.
            "tags": [{"title": tag} for tag in self.tags if tag not in BUILT_IN_TAGS],
            "properties": self.properties,
        }

    def builtin(self, name: str) -> Any:
        """A built-in session field as sessionFilters compare it (times in epoch ms)."""
        values: dict[str, Any] = {
            "date": int(self.date.timestamp() * 1000),
            "duration": self.duration_ms,
            "sessionId": self.id,
        }
        if name not in values:
            raise BadFilterError(f"unknown session field {name!r}")
        return values[name]


@dataclass
class SimProject:
    """A project with its scenes (scene id -> name)."""

    id: int
    name: str
    scenes: dict[str, str]


class Cognitive3DSimulator(LoopbackServer):
    """One organization reachable with ``api_key``; a real HTTP server on loopback."""

    def __init__(
        self,
        *,
        org_id: int = 42,
        org_name: str = "Training Lab",
        api_key: str = "orgkey-simulated-key",
        legacy_key: str = "legacykey0123456789",
        now: Callable[[], datetime] | None = None,
        seed: int = 7,
        discoverable: bool = True,
    ) -> None:
        self.org_id = org_id
        self.org_name = org_name
        self.api_key = api_key
        self.legacy_key = legacy_key
        self.discoverable = discoverable  # False: whoami answers 404
        self._now = now or (lambda: datetime.now(UTC))
        self.projects: dict[int, SimProject] = {}
        self.sessions: list[SimSession] = []
        self.fail_next: list[int] = []  # statuses to answer with, one per request
        self.requests: list[tuple[str, str]] = []
        self.session_queries: list[dict[str, Any]] = []  # bodies of the session-list queries
        self._random = random.Random(seed)
        super().__init__()
        self._seed_default()

    # Model ------------------------------------------------------------------------------

    def _seed_default(self) -> None:
        self.add_project(1001, "Forklift Safety", {"sc-warehouse": "Warehouse", "sc-dock": "Dock"})
        self.add_project(1002, "Surgery Prep", {"sc-theatre": "Theatre"})
        now = self._now()
        for index in range(30):
            project_id = 1001 if index % 3 else 1002
            scenes = list(self.projects[project_id].scenes)
            self.add_session(
                project_id,
                scenes[index % len(scenes)],
                date=now - timedelta(hours=5 * index + 1),
                duration_ms=self._random.randint(120, 1800) * 1000,
                tags=["test"] if index % 10 == 9 else ["junk"] if index % 10 == 4 else [],
            )

    def add_project(self, project_id: int, name: str, scenes: dict[str, str]) -> SimProject:
        """Create a project (appears in the organization at once)."""
        project = SimProject(project_id, name, dict(scenes))
        self.projects[project_id] = project
        return project

    def remove_project(self, project_id: int) -> None:
        """Delete a project and its sessions."""
        self.projects.pop(project_id, None)
        self.sessions = [s for s in self.sessions if s.project_id != project_id]

    def add_session(
        self,
        project_id: int,
        scene_id: str,
        *,
        date: datetime | None = None,
        duration_ms: int = 600_000,
        tags: list[str] | None = None,
    ) -> SimSession:
        """Record a session."""
        session = SimSession(
            id=f"sess-{len(self.sessions) + 1:05d}",
            project_id=project_id,
            scene_id=scene_id,
            date=date or self._now(),
            duration_ms=duration_ms,
            participant=f"participant-{self._random.randint(1, 20)}",
            device=self._random.choice(["Quest 3", "Vive Focus", "Pico 4"]),
            tags=list(tags or []),
        )
        self.sessions.append(session)
        return session

    # HTTP -------------------------------------------------------------------------------

    def build_app(self) -> web.Application:
        """The aiohttp application serving the API and the test controls."""
        app = web.Application(middlewares=[self._middleware])
        app.router.add_get("/v0/organizations/apiKeys/whoami", self._whoami)
        app.router.add_get("/v0/organizations/{org_id}", self._organization)
        app.router.add_get("/v0/projects/{project_id}", self._project)
        app.router.add_get("/v0/scenes/{scene_id}", self._scene)
        app.router.add_post("/v0/datasets/sessions/paginatedListQueries", self._sessions_query)
        app.router.add_post("/_sim/projects", self._sim_add_project)
        app.router.add_delete("/_sim/projects/{project_id}", self._sim_remove_project)
        app.router.add_post("/_sim/sessions", self._sim_add_session)
        app.router.add_post("/_sim/fail", self._sim_fail)
        return app

    @web.middleware
    async def _middleware(
        self, request: web.Request, handler: Callable[[web.Request], Any]
    ) -> web.StreamResponse:
        if request.path.startswith("/_sim/"):
            response: web.StreamResponse = await handler(request)
            return response
        self.requests.append((request.method, request.path))
        if self.fail_next:
            status = self.fail_next.pop(0)
            return web.json_response({"error": "simulated failure"}, status=status)
        header = request.headers.get("Authorization", "")
        if header not in (self.api_key, LEGACY_PREFIX + self.legacy_key):
            return web.json_response({"error": "Unauthorized"}, status=401)
        return await handler(request)  # type: ignore[no-any-return]  # aiohttp handler type

    def _org_json(self) -> dict[str, Any]:
        return {
            "id": self.org_id,
            "name": self.org_name,
            "projects": [{"id": p.id, "name": p.name} for p in self.projects.values()],
        }

    async def _whoami(self, request: web.Request) -> web.Response:
        # The vendor's docs: "returns just the organization ID of the API key being used".
        if not self.discoverable:
            return web.json_response({"error": "Not found"}, status=404)
        return web.json_response({"organizationId": self.org_id})

    async def _organization(self, request: web.Request) -> web.Response:
        if request.match_info["org_id"] != str(self.org_id):
            return web.json_response({"error": "Forbidden"}, status=403)
        return web.json_response(self._org_json())

    def _project_or_404(self, request: web.Request) -> SimProject:
        try:
            return self.projects[int(request.match_info["project_id"])]
        except (KeyError, ValueError):
            raise web.HTTPNotFound(
                text='{"error": "Not found"}', content_type="application/json"
            ) from None

    async def _project(self, request: web.Request) -> web.Response:
        project = self._project_or_404(request)
        scenes = [
            {"id": sid, "sceneName": name, "versions": [{"id": 1, "versionNumber": 1}]}
            for sid, name in project.scenes.items()
        ]
        return web.json_response({"id": project.id, "name": project.name, "scenes": scenes})

    async def _scene(self, request: web.Request) -> web.Response:
        scene_id = request.match_info["scene_id"]
        project = next((p for p in self.projects.values() if scene_id in p.scenes), None)
        if project is None:
            return web.json_response({"error": "Not found"}, status=404)
        sessions = [s for s in self.sessions if s.scene_id == scene_id]
        total = sum(s.duration_ms for s in sessions)
        latest = max((s.date for s in sessions), default=None)
        stats = {
            "session_count": len(sessions),
            "latest_session": int(latest.timestamp() * 1000) if latest else None,
            "total_session_time": total,
            "average_session_duration": total // len(sessions) if sessions else 0,
        }
        return web.json_response(
            {
                "id": scene_id,
                "sceneName": project.scenes[scene_id],
                "versions": [{"id": 1, "versionNumber": 1, "stats": stats}],
            }
        )

    async def _sessions_query(self, request: web.Request) -> web.Response:
        try:
            body = await request.json()
            project_id = int(body["entityFilters"]["projectId"])
            page = int(body.get("page", 0))
            limit = int(body.get("limit", 25))
        except (ValueError, KeyError, TypeError):
            return web.json_response({"error": "Bad request"}, status=400)
        self.session_queries.append(body)
        if not 1 <= limit <= 100 or page < 0:
            return web.json_response({"error": "limit must be 1-100"}, status=400)
        refuted = [name for name in REFUTED_BODY_FIELDS if name in body]
        if refuted:
            return web.json_response({"error": f"unknown fields: {refuted}"}, status=400)
        if body.get("sessionType") != "project" and "versionId" not in body["entityFilters"]:
            # Without sessionType "project" the API lists scene sessions and wants a versionId.
            return web.json_response({"error": "versionId is required"}, status=400)
        filters = body.get("sessionFilters", [])
        if not isinstance(filters, list):
            return web.json_response({"error": "sessionFilters must be a list"}, status=400)
        if self._open_ended(filters):
            # Issue 10 reports the vendor's notes warning that open-ended ranges can answer 502.
            return web.json_response({"error": "Bad gateway"}, status=502)
        try:
            matching = [
                s
                for s in self.sessions
                if s.project_id == project_id and all(self._matches(s, f) for f in filters)
            ]
        except BadFilterError as err:
            return web.json_response({"error": f"bad sessionFilters: {err}"}, status=400)
        matching.sort(key=lambda s: s.date, reverse=True)
        pages = (len(matching) + limit - 1) // limit
        results = matching[page * limit : (page + 1) * limit]
        return web.json_response(
            {
                "count": len(matching),
                "pages": pages,
                "currentPage": page,
                "results": [s.as_json() for s in results],
            }
        )

    @staticmethod
    def _open_ended(filters: list[Any]) -> bool:
        """Whether the top-level filters bound the session date on one side only."""
        ops = {
            f.get("op")
            for f in filters
            if isinstance(f, dict)
            and f.get("field") == {"fieldName": "date", "fieldParent": "session"}
        }
        lower = bool(ops & {"gt", "gte"})
        upper = bool(ops & {"lt", "lte"})
        return lower != upper

    @staticmethod
    def _field_value(session: SimSession, ref: object) -> Any:
        """The value a filter's ``field`` names on a session, or ``_MISSING``."""
        if not isinstance(ref, dict):
            raise BadFilterError("field must be an object")
        if ref.get("fieldParent", "session") != "session":
            raise BadFilterError("only session fields are simulated")
        if "fieldName" in ref:
            return session.builtin(str(ref["fieldName"]))
        kind = PROPERTY_KINDS.get(str(ref.get("nestedFieldName")))
        path = ref.get("path")
        if kind is None or not isinstance(path, str):
            raise BadFilterError(f"unknown field {ref!r}")
        value = session.properties.get(path, _MISSING)
        if isinstance(value, bool) and bool not in kind:
            return _MISSING
        return value if isinstance(value, kind) else _MISSING

    def _matches(self, session: SimSession, flt: object) -> bool:
        """Whether a session passes one sessionFilters entry (a missing property never does)."""
        if not isinstance(flt, dict):
            raise BadFilterError("a filter must be an object")
        op = flt.get("op")
        if op in ("and", "or", "none"):
            children = flt.get("children")
            if not isinstance(children, list):
                raise BadFilterError(f"{op} needs children")
            results = [self._matches(session, child) for child in children]
            return all(results) if op == "and" else any(results) if op == "or" else not any(results)
        value = self._field_value(session, flt.get("field"))
        if op in ("eq", "neq", "gt", "gte", "lt", "lte"):
            if "value" not in flt:
                raise BadFilterError(f"{op} needs a value")
            target = flt["value"]
            if value is _MISSING:
                return False
            if op in ("eq", "neq"):
                same = value == target and isinstance(value, bool) == isinstance(target, bool)
                return same if op == "eq" else not same
            if not _is_number(value) or not _is_number(target):
                raise BadFilterError(f"{op} compares numbers")
            number, bound = float(value), float(target)
            return {
                "gt": number > bound,
                "gte": number >= bound,
                "lt": number < bound,
                "lte": number <= bound,
            }[op]
        if op in ("in", "notIn"):
            values = flt.get("values")
            if not isinstance(values, list):
                raise BadFilterError(f"{op} needs a values list")
            return value is not _MISSING and (value in values) == (op == "in")
        if op in ("range", "outsideRange"):
            low, high = flt.get("min"), flt.get("max")
            if not _is_number(low) or not _is_number(high):
                raise BadFilterError(f"{op} needs numeric min and max")
            if value is _MISSING or not _is_number(value):
                return False
            inside = float(low) <= float(value) <= float(high)
            return inside if op == "range" else not inside
        raise BadFilterError(f"unknown op {op!r}")

    async def _sim_add_project(self, request: web.Request) -> web.Response:
        body = await request.json()
        project = self.add_project(int(body["id"]), str(body["name"]), dict(body.get("scenes", {})))
        return web.json_response({"id": project.id})

    async def _sim_remove_project(self, request: web.Request) -> web.Response:
        self.remove_project(int(request.match_info["project_id"]))
        return web.Response(status=204)

    async def _sim_add_session(self, request: web.Request) -> web.Response:
        body = await request.json()
        session = self.add_session(
            int(body["project_id"]), str(body["scene_id"]), tags=list(body.get("tags", []))
        )
        return web.json_response({"sessionId": session.id})

    async def _sim_fail(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.fail_next.extend(int(status) for status in body.get("statuses", []))
        return web.json_response({"queued": len(self.fail_next)})


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)
