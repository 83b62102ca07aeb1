"""Every Cognitive3D URL path the client uses, and the guesses about request bodies.

Confirmed paths come from the vendor's API overview and official clients. The body of the session
queries is only partly documented: the filter fields marked PROPOSED are guesses kept here alone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

DEFAULT_BASE_URL: Final = "https://api.cognitive3d.com"

ORGANIZATION: Final = "/v0/organizations/{org_id}"
PROJECT: Final = "/v0/projects/{project_id}"
SCENE: Final = "/v0/scenes/{scene_id}"
SESSION_LIST_QUERY: Final = "/v0/datasets/sessions/paginatedListQueries"
# PROPOSED: no documented call finds the organization of a key; a key's listing of the
# organizations it reaches is the likeliest. Without it the user types the organization id.
ORGANIZATIONS: Final = "/v0/organizations"

# Session tags that mark sessions users exclude from their statistics.
EXCLUDED_TAGS: Final = ("test", "junk")


def session_query(
    project_id: int,
    *,
    page: int,
    limit: int,
    start: datetime | None,
    end: datetime | None,
    exclude_test: bool,
) -> dict[str, Any]:
    """Build a paginatedListQueries body.

    Confirmed: page, limit, sort, orderBy, entityFilters, sessionType. PROPOSED: the time
    window as epoch-ms ``startDate``/``endDate`` and the tag exclusion as ``excludeTags``.
    """
    body: dict[str, Any] = {
        "page": page,
        "limit": limit,
        "sort": "desc",
        "orderBy": {"sort": "desc", "fieldName": "date", "fieldParent": "session"},
        "entityFilters": {"projectId": project_id},
        "sessionType": "project",
    }
    if start is not None:
        body["startDate"] = int(start.timestamp() * 1000)
    if end is not None:
        body["endDate"] = int(end.timestamp() * 1000)
    if exclude_test:
        body["excludeTags"] = list(EXCLUDED_TAGS)
    return body
