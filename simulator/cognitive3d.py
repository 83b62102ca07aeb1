"""A simulated Cognitive3D API: one organization with projects, scenes and sessions.

Serves the calls the integration's client makes, with both key styles (``orgkey-…`` and legacy
keys behind ``APIKEY:ORGANIZATION``), and test-only controls under ``/_sim/`` to add or remove
projects, add sessions, and inject 429/500 answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
import random
from typing import Any

from aiohttp import web

from .server import LoopbackServer

LEGACY_PREFIX = "APIKEY:ORGANIZATION "


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

    def as_json(self) -> dict[str, Any]:
        """The session as the API lists it."""
        return {
            "sessionId": self.id,
            "projectId": self.project_id,
            "sceneId": self.scene_id,
            "date": int(self.date.timestamp() * 1000),
            "duration": self.duration_ms,
            "participantName": self.participant,
            "hmd": self.device,
            "tags": list(self.tags),
        }


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
        self.discoverable = discoverable
        self.extra_discovered_orgs: list[dict[str, Any]] = []  # a key reaching several orgs
        self._now = now or (lambda: datetime.now(UTC))
        self.projects: dict[int, SimProject] = {}
        self.sessions: list[SimSession] = []
        self.fail_next: list[int] = []  # statuses to answer with, one per request
        self.requests: list[tuple[str, str]] = []
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
                tags=["test"] if index % 10 == 9 else [],
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
        app.router.add_get("/v0/organizations", self._organizations)
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

    async def _organizations(self, request: web.Request) -> web.Response:
        if not self.discoverable:
            return web.json_response({"error": "Not found"}, status=404)
        return web.json_response(
            [{"id": self.org_id, "name": self.org_name}, *self.extra_discovered_orgs]
        )

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
        if not 1 <= limit <= 100 or page < 0:
            return web.json_response({"error": "limit must be 1-100"}, status=400)
        start, end = body.get("startDate"), body.get("endDate")
        excluded = set(body.get("excludeTags") or [])
        matching = [
            s
            for s in self.sessions
            if s.project_id == project_id
            and (start is None or s.date.timestamp() * 1000 >= start)
            and (end is None or s.date.timestamp() * 1000 < end)
            and not excluded.intersection(s.tags)
        ]
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
