"""Async client for one Cognitive3D organization, authenticated by an organization API key."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any, Final

import aiohttp
from yarl import URL

from ..transport import VendorClient
from . import paths
from .exceptions import (
    ERRORS,
    Cognitive3DAuthenticationError,
    Cognitive3DError,
    Cognitive3DRateLimitedError,
    Cognitive3DResponseError,
)
from .models import Organization, Project, Scene, SessionPage

# CognitiveVR/cognitive3dpy src/cognitive3dpy/_client.py: _DEFAULT_TIMEOUT = 30.0.
DEFAULT_TIMEOUT: Final = 30.0
# CognitiveVR/cognitive3dpy src/cognitive3dpy/_client.py (_execute_with_retry): 3 attempts in all
# (_MAX_RETRIES = 3), on these statuses, waiting 1, 2 and 4 s (_BACKOFF_BASE * 2**attempt) after
# each failed attempt. Its 4 s wait comes after the third and last attempt, where it only delays
# the error, so we wait 1 and 2 s between our three attempts and report the failure at once.
# (It also retries transport errors; we do not: an unreachable API is reported at once and the
# next poll tries again, so a config flow never waits three timeouts.)
# Attempts in all: one more than the delays.
RETRY_DELAYS: Final = (1.0, 2.0)
RETRYABLE_STATUSES: Final = frozenset({429, 500, 502, 503, 504})
LEGACY_PREFIX: Final = "APIKEY:ORGANIZATION"
MAX_QUERY_LIMIT: Final = paths.MAX_PAGE_LIMIT


def authorization_header(api_key: str) -> str:
    """Return the Authorization value for a key, whichever kind the user pasted.

    Keys issued since May 2025 start with ``orgkey-`` and are sent as they are; older keys need
    the ``APIKEY:ORGANIZATION`` prefix, which users never have to type.
    """
    key = api_key.strip()
    if key.upper().startswith(LEGACY_PREFIX):
        key = key[len(LEGACY_PREFIX) :].strip()
    if key.startswith("orgkey-"):
        return key
    return f"{LEGACY_PREFIX} {key}"


class Cognitive3DClient(VendorClient):
    """Reads an organization's projects, scenes and sessions."""

    errors = ERRORS

    def __init__(
        self,
        session: aiohttp.ClientSession,
        api_key: str,
        *,
        base_url: str | None = None,
        request_timeout: float = DEFAULT_TIMEOUT,
        retry_delays: tuple[float, ...] = RETRY_DELAYS,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        base = URL(base_url or paths.DEFAULT_BASE_URL)
        headers = {"Authorization": authorization_header(api_key)}
        super().__init__(session, base, headers, timeout=request_timeout)
        self._retry_delays = retry_delays
        self._sleep = sleep

    async def _request(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        """Send a request, retrying 429 and 5xx with backoff; return the parsed JSON."""
        url = self._base.with_path(self._base.path.rstrip("/") + path)
        where = f"{method} {path}"
        attempts = len(self._retry_delays) + 1
        for attempt in range(attempts):
            reply = await self._send(method, url, where=where, json=body)
            if reply.status not in RETRYABLE_STATUSES:
                return self._checked_json(where, reply)
            if attempt + 1 < attempts:
                await self._sleep(self._retry_delays[attempt])
        raise Cognitive3DRateLimitedError(
            f"{where}: HTTP {reply.status} after {attempts} attempts", reply.status
        )

    async def _object(
        self, method: str, path: str, body: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        data = await self._request(method, path, body)
        if not isinstance(data, dict):
            raise Cognitive3DResponseError(f"{method} {path}: expected an object")
        return data

    async def whoami(self) -> dict[str, Any]:
        """Return what ``GET /v0/organizations/apiKeys/whoami`` tells about the key."""
        return await self._object("GET", paths.WHOAMI)

    async def discover_organization_id(self) -> int | None:
        """Return the key's organization id from whoami's ``organizationId``, else None.

        A rejected key raises; any other failure or shape returns None, and the user types the id.
        """
        try:
            data = await self.whoami()
        except Cognitive3DAuthenticationError:
            raise
        except Cognitive3DResponseError:
            return None
        org_id = data.get("organizationId")
        if isinstance(org_id, bool) or not isinstance(org_id, int | str):
            return None
        text = str(org_id).strip()
        return int(text) if text.isdigit() and int(text) > 0 else None

    async def get_organization(self, org_id: int) -> Organization:
        """Return the organization and its projects."""
        return Organization.from_dict(
            await self._object("GET", paths.ORGANIZATION.format(org_id=org_id))
        )

    async def get_project(self, project_id: int) -> Project:
        """Return a project and its scenes."""
        return Project.from_dict(
            await self._object("GET", paths.PROJECT.format(project_id=project_id))
        )

    async def get_scene(self, scene_id: str) -> Scene:
        """Return a scene with session statistics over all its versions."""
        return Scene.from_dict(await self._object("GET", paths.SCENE.format(scene_id=scene_id)))

    async def query_sessions(
        self,
        project_id: int,
        *,
        start: datetime,
        end: datetime,
        limit: int = 25,
        exclude_test: bool = True,
        page: int = 0,
    ) -> SessionPage:
        """Return one page (counted from 0) of a project's sessions in [start, end], newest first.

        Both ends are required: open-ended date ranges are never sent (see ``paths``).
        """
        body = paths.session_query(
            project_id,
            page=page,
            limit=max(1, min(limit, MAX_QUERY_LIMIT)),
            start=start,
            end=end,
            exclude_test=exclude_test,
        )
        return SessionPage.from_dict(await self._object("POST", paths.SESSION_LIST_QUERY, body))

    async def count_sessions(
        self,
        project_id: int,
        *,
        start: datetime,
        end: datetime,
        exclude_test: bool = True,
    ) -> int:
        """Count a project's sessions in a window with one request (a one-result page)."""
        page = await self.query_sessions(
            project_id, start=start, end=end, limit=1, exclude_test=exclude_test
        )
        return page.count

    # Diagnostics --------------------------------------------------------------------------

    async def probe(self, org_id: int, project_id: int | None, *, now: datetime) -> dict[str, str]:
        """Make each call the integration relies on once, and report what the API answered.

        One at a time, as the vendor's agent docs ask. Answers are summarised (status, field
        names, counts), never copied, so no value of the key's organization leaks.
        """

        async def whoami() -> str:
            data = await self.whoami()
            return f"HTTP 200, organizationId {data.get('organizationId')!r}, fields {sorted(data)}"

        async def organization() -> str:
            org = await self.get_organization(org_id)
            return f"HTTP 200, {len(org.projects)} projects"

        async def sessions() -> str:
            if project_id is None:
                return "not asked: no project"
            page = await self.query_sessions(
                project_id, start=now - timedelta(days=7), end=now, limit=1
            )
            return (
                f"HTTP 200, project {project_id}: {page.count} sessions in the last 7 days "
                "without test and junk (sessionFilters)"
            )

        calls: tuple[tuple[str, Callable[[], Awaitable[str]]], ...] = (
            (f"GET {paths.WHOAMI}", whoami),
            (f"GET {paths.ORGANIZATION.format(org_id=org_id)}", organization),
            (f"POST {paths.SESSION_LIST_QUERY}", sessions),
        )
        report: dict[str, str] = {}
        for name, call in calls:
            try:
                report[name] = await call()
            except Cognitive3DResponseError as err:
                report[name] = f"HTTP {err.status}" if err.status else f"error: {err}"
            except Cognitive3DError as err:
                report[name] = f"error: {err}"
        return report
