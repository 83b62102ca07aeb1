"""The cognitive3d_query_sessions action of Cognitive3D organizations."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Final

from homeassistant.core import ServiceCall, ServiceResponse, SupportsResponse
from homeassistant.helpers import config_validation as cv
from homeassistant.util import dt as dt_util
import voluptuous as vol

from ..action_fields import ATTR_END, ATTR_START, TARGET
from ..client_errors import COGNITIVE3D_ERRORS, action_error
from ..clients.cognitive3d import Cognitive3DError
from ..const import Provider
from ..service_helpers import Action, invalid, not_among, resolve_entry
from .data import Cognitive3DRuntimeData

SERVICE_QUERY_SESSIONS: Final = "cognitive3d_query_sessions"
ATTR_PROJECT: Final = "project"
ATTR_LIMIT: Final = "limit"
ATTR_EXCLUDE_TEST: Final = "exclude_test"
DEFAULT_WINDOW: Final = timedelta(days=7)

QUERY_SESSIONS_SCHEMA: Final = TARGET.extend(
    {
        vol.Required(ATTR_PROJECT): vol.All(cv.string, vol.Length(min=1)),
        vol.Optional(ATTR_START): cv.datetime,
        vol.Optional(ATTR_END): cv.datetime,
        vol.Optional(ATTR_LIMIT, default=25): vol.All(vol.Coerce(int), vol.Range(min=1, max=100)),
        vol.Optional(ATTR_EXCLUDE_TEST, default=True): cv.boolean,
    }
)


def _project_id(runtime: Cognitive3DRuntimeData, wanted: str) -> int:
    """A project of the organization by id or (case-insensitive) name."""
    projects = runtime.coordinator.data.organization.projects
    for project in projects:
        if wanted == str(project.id) or wanted.casefold() == project.name.casefold():
            return project.id
    raise not_among(
        "cognitive3d_unknown_project", "project", wanted, (project.name for project in projects)
    )


async def _query_sessions(call: ServiceCall) -> ServiceResponse:
    runtime = resolve_entry(
        call.hass, call, Provider.COGNITIVE3D, Cognitive3DRuntimeData
    ).runtime_data
    project_id = _project_id(runtime, call.data[ATTR_PROJECT])
    end = dt_util.as_utc(call.data[ATTR_END]) if ATTR_END in call.data else dt_util.utcnow()
    start = (
        dt_util.as_utc(call.data[ATTR_START]) if ATTR_START in call.data else end - DEFAULT_WINDOW
    )
    if end <= start:
        raise invalid("end_before_start")
    try:
        page = await runtime.client.query_sessions(
            project_id,
            start=start,
            end=end,
            limit=call.data[ATTR_LIMIT],
            exclude_test=call.data[ATTR_EXCLUDE_TEST],
        )
    except Cognitive3DError as err:
        raise action_error(COGNITIVE3D_ERRORS, err) from err
    return {
        "project_id": project_id,
        "total": page.count,
        "sessions": [session.as_dict() for session in page.results],
    }


ACTIONS: Final[Mapping[str, Action]] = {
    SERVICE_QUERY_SESSIONS: Action(_query_sessions, QUERY_SESSIONS_SCHEMA, SupportsResponse.ONLY),
}
