"""Every Cognitive3D URL path the client uses, and the body of the session-list query.

Sources, cited next to what each confirms:

- [py] The vendor's official Python client, ``CognitiveVR/cognitive3dpy``:
  ``src/cognitive3dpy/_filters.py`` (``build_filters``: the ``sessionFilters`` entries),
  ``src/cognitive3dpy/_pagination.py`` (``paginate_sessions``: the query body and paging),
  ``src/cognitive3dpy/sessions.py`` (``c3d_sessions``: always both ends of the date range),
  ``src/cognitive3dpy/_client.py`` (base URL, retries).
- [skill] Cognitive3D's public agent docs, ``CognitiveVR/c3d-marketplace-public``:
  ``plugins/cognitive3d-public-api/skills/cognitive3d-public-api/SKILL.md`` (keys, whoami, filter
  syntax), ``.../references/endpoints.md`` (paths and example answers) and
  ``.../references/endpoint-coverage.md`` (``paginatedListQueries`` takes ``sessionFilters``).
- [check] The vendor's session check script, ``CognitiveVR/cvr-sdk-js``:
  ``.claude/skills/validate-c3d-session/scripts/validate-c3d-session.sh`` (whoami →
  ``.organizationId``, then ``paginatedListQueries``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

# [skill] SKILL.md "Environment & Base URL"; [py] _client.py BASE_URL.
DEFAULT_BASE_URL: Final = "https://api.cognitive3d.com"

# [skill] endpoints.md "Organization": GET organizations/:id → {id, projects: [...]}.
ORGANIZATION: Final = "/v0/organizations/{org_id}"
# [skill] endpoints.md "Get Project (with scenes)".
PROJECT: Final = "/v0/projects/{project_id}"
# [skill] endpoints.md "Get Scene": versions[].stats in milliseconds.
SCENE: Final = "/v0/scenes/{scene_id}"
# [skill] endpoints.md "List Sessions (paginated)"; [py] _pagination.py.
SESSION_LIST_QUERY: Final = "/v0/datasets/sessions/paginatedListQueries"
# [skill] SKILL.md (newer revisions) "Discovering your organization ID": "returns just the
# organization ID of the API key being used"; [check] reads it as ``.organizationId``.
# Not in the endpoint catalog, so a key whose whoami fails still lets the user type the id.
WHOAMI: Final = "/v0/organizations/apiKeys/whoami"

# [py] _pagination.py _MAX_PAGE_LIMIT: at most 100 sessions per page.
MAX_PAGE_LIMIT: Final = 100

# [py] _filters.py: the boolean session properties that mark test and junk (idle) sessions;
# [skill] endpoints.md: ``properties["c3d.session_tag.*"]`` are booleans on every session.
TEST_TAG_PROPERTY: Final = "c3d.session_tag.test"
JUNK_TAG_PROPERTY: Final = "c3d.session_tag.junk"


def _epoch_ms(moment: datetime) -> int:
    # [py] _filters.py _to_epoch_ms: UTC epoch milliseconds.
    return int(moment.timestamp() * 1000)


def session_filters(*, start: datetime, end: datetime, exclude_test: bool) -> list[dict[str, Any]]:
    """The ``sessionFilters`` array: a closed date window, and test/junk sessions left out.

    Both ends are always sent: [py] ``c3d_sessions`` never sends an open range (it fills in the
    last 30 days), and the issue reports open-ended ranges answering 502. The forms are exactly
    [py] ``_filters.build_filters``'s (date ``gte``/``lte`` on the built-in ``date`` field;
    ``eq false`` on ``booleanSessionProp`` for the test and junk tags), also shown in [skill].
    """
    filters: list[dict[str, Any]] = [
        {
            "field": {"fieldName": "date", "fieldParent": "session"},
            "op": "gte",
            "value": _epoch_ms(start),
        },
        {
            "field": {"fieldName": "date", "fieldParent": "session"},
            "op": "lte",
            "value": _epoch_ms(end),
        },
    ]
    if exclude_test:
        filters.extend(
            {
                "op": "eq",
                "field": {"nestedFieldName": "booleanSessionProp", "path": path},
                "value": False,
            }
            for path in (TEST_TAG_PROPERTY, JUNK_TAG_PROPERTY)
        )
    return filters


def session_query(
    project_id: int,
    *,
    page: int,
    limit: int,
    start: datetime,
    end: datetime,
    exclude_test: bool,
) -> dict[str, Any]:
    """Build a paginatedListQueries body, field for field as [py] ``paginate_sessions`` does.

    ``page`` counts from 0; ``sessionType: "project"`` is required, or the API lists scene
    sessions and wants a ``versionId`` ([check] SKILL.md, [skill] SKILL.md gotcha 4).
    """
    return {
        "page": page,
        "limit": limit,
        "sort": "desc",
        "orderBy": {"fieldName": "date", "fieldParent": "session"},
        "entityFilters": {"projectId": project_id},
        "sessionFilters": session_filters(start=start, end=end, exclude_test=exclude_test),
        "eventFilters": [],
        "objectiveFilters": [],
        "userFilters": [],
        "sessionType": "project",
        "includeEvents": False,
        "includeAllObjectiveData": False,
    }
