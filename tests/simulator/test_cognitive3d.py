"""The simulated Cognitive3D session list: sessionFilters semantics, refuted body fields."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import pytest

from simulator.cognitive3d import Cognitive3DSimulator

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
DATE = {"fieldName": "date", "fieldParent": "session"}
WEEK = [
    {"field": DATE, "op": "gte", "value": int((NOW - timedelta(days=7)).timestamp() * 1000)},
    {"field": DATE, "op": "lte", "value": int(NOW.timestamp() * 1000)},
]


def tag(name: str) -> dict[str, Any]:
    return {"nestedFieldName": "booleanSessionProp", "path": f"c3d.session_tag.{name}"}


@pytest.fixture
async def simulator(socket_enabled: None) -> AsyncGenerator[Cognitive3DSimulator]:
    sim = Cognitive3DSimulator(now=lambda: NOW)
    await sim.start()
    yield sim
    await sim.stop()


async def query(sim: Cognitive3DSimulator, **fields: Any) -> tuple[int, Any]:
    body = {
        "page": 0,
        "limit": 100,
        "entityFilters": {"projectId": 1001},
        "sessionType": "project",
        **fields,
    }
    async with (
        aiohttp.ClientSession() as http,
        http.post(
            f"{sim.base_url}/v0/datasets/sessions/paginatedListQueries",
            json=body,
            headers={"Authorization": sim.api_key},
        ) as response,
    ):
        return response.status, await response.json()


def ids(sim: Cognitive3DSimulator, keep: Any) -> set[str]:
    week_ago = NOW - timedelta(days=7)
    return {s.id for s in sim.sessions if s.project_id == 1001 and s.date >= week_ago and keep(s)}


@pytest.mark.parametrize(
    "old",
    [{"startDate": 0}, {"endDate": 1}, {"excludeTags": ["test", "junk"]}],
)
async def test_refuted_body_fields_are_rejected(
    simulator: Cognitive3DSimulator, old: dict[str, Any]
) -> None:
    status, body = await query(simulator, sessionFilters=WEEK, **old)
    assert status == 400
    assert next(iter(old)) in body["error"]


async def test_date_window_and_tag_exclusion(simulator: Cognitive3DSimulator) -> None:
    status, body = await query(simulator, sessionFilters=WEEK)
    assert status == 200
    assert {r["sessionId"] for r in body["results"]} == ids(simulator, lambda s: True)
    excluded = [
        *WEEK,
        {"op": "eq", "field": tag("test"), "value": False},
        {"op": "eq", "field": tag("junk"), "value": False},
    ]
    status, body = await query(simulator, sessionFilters=excluded)
    assert {r["sessionId"] for r in body["results"]} == ids(simulator, lambda s: not s.tags)
    assert body["count"] == len(body["results"])
    only_junk = [*WEEK, {"op": "eq", "field": tag("junk"), "value": True}]
    status, body = await query(simulator, sessionFilters=only_junk)
    assert {r["sessionId"] for r in body["results"]} == ids(simulator, lambda s: "junk" in s.tags)
    assert body["results"]
    assert all(r["properties"]["c3d.session_tag.junk"] is True for r in body["results"])


async def test_compound_and_other_ops(simulator: Cognitive3DSimulator) -> None:
    either = {
        "op": "or",
        "children": [
            {"op": "eq", "field": tag("test"), "value": True},
            {"op": "eq", "field": tag("junk"), "value": True},
        ],
    }
    _, body = await query(simulator, sessionFilters=[*WEEK, either])
    assert {r["sessionId"] for r in body["results"]} == ids(simulator, lambda s: bool(s.tags))
    _, body = await query(simulator, sessionFilters=[*WEEK, {**either, "op": "none"}])
    assert {r["sessionId"] for r in body["results"]} == ids(simulator, lambda s: not s.tags)
    device = {"nestedFieldName": "textualSessionProp", "path": "c3d.device.model"}
    _, body = await query(
        simulator, sessionFilters=[*WEEK, {"op": "in", "field": device, "values": ["Pico 4"]}]
    )
    assert {r["sessionId"] for r in body["results"]} == ids(
        simulator, lambda s: s.device == "Pico 4"
    )
    long = {"fieldName": "duration", "fieldParent": "session"}
    _, body = await query(
        simulator,
        sessionFilters=[*WEEK, {"op": "range", "field": long, "min": 600_000, "max": 10**9}],
    )
    assert {r["sessionId"] for r in body["results"]} == ids(
        simulator, lambda s: s.duration_ms >= 600_000
    )
    # A textual filter on a boolean property matches nothing, like a missing property.
    wrong_kind = {"nestedFieldName": "textualSessionProp", "path": "c3d.session_tag.test"}
    _, body = await query(
        simulator, sessionFilters=[*WEEK, {"op": "eq", "field": wrong_kind, "value": False}]
    )
    assert body["count"] == 0


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ({"sessionFilters": [WEEK[0]]}, 502),  # open-ended range
        ({"sessionFilters": [WEEK[1]]}, 502),
        ({"sessionFilters": {"op": "eq"}}, 400),
        ({"sessionFilters": [*WEEK, {"op": "like", "field": DATE, "value": 1}]}, 400),
        ({"sessionFilters": [*WEEK, {"op": "eq", "field": {"fieldName": "hmd"}, "value": 1}]}, 400),
        ({"sessionFilters": [*WEEK, {"op": "eq", "field": tag("test")}]}, 400),
        ({"sessionFilters": [*WEEK, {"op": "gt", "field": DATE, "value": "yesterday"}]}, 400),
        ({"sessionFilters": [*WEEK, {"op": "and"}]}, 400),
        ({"sessionFilters": [*WEEK, "junk"]}, 400),
        ({"sessionFilters": WEEK, "sessionType": None}, 400),
    ],
)
async def test_bad_queries(
    simulator: Cognitive3DSimulator, fields: dict[str, Any], status: int
) -> None:
    assert (await query(simulator, **fields))[0] == status


async def test_whoami(simulator: Cognitive3DSimulator) -> None:
    async with (
        aiohttp.ClientSession() as http,
        http.get(
            f"{simulator.base_url}/v0/organizations/apiKeys/whoami",
            headers={"Authorization": simulator.api_key},
        ) as response,
    ):
        assert await response.json() == {"organizationId": 42}
