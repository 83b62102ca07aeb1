"""The Cognitive3D client against the simulated API over loopback sockets."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
from aiohttp import web
import pytest

from custom_components.video_pipeline.clients.cognitive3d import (
    Cognitive3DAuthenticationError,
    Cognitive3DClient,
    Cognitive3DConnectionError,
    Cognitive3DNotFoundError,
    Cognitive3DRateLimitedError,
    Cognitive3DResponseError,
)
from custom_components.video_pipeline.clients.cognitive3d.client import authorization_header
from custom_components.video_pipeline.clients.cognitive3d.paths import session_query
from simulator.cognitive3d import Cognitive3DSimulator
from tests.sleeps import Sleeps

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


@pytest.fixture
async def simulator(socket_enabled: None) -> AsyncGenerator[Cognitive3DSimulator]:
    sim = Cognitive3DSimulator(now=lambda: NOW)
    await sim.start()
    yield sim
    await sim.stop()


@pytest.fixture
async def session() -> AsyncGenerator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client_session:
        yield client_session


def make_client(
    session: aiohttp.ClientSession, sim: Cognitive3DSimulator, key: str | None = None, **kw: Any
) -> Cognitive3DClient:
    return Cognitive3DClient(session, key or sim.api_key, base_url=sim.base_url, **kw)


@pytest.mark.parametrize(
    ("key", "header"),
    [
        ("orgkey-abc", "orgkey-abc"),
        ("  orgkey-abc \n", "orgkey-abc"),
        ("legacy123", "APIKEY:ORGANIZATION legacy123"),
        ("APIKEY:ORGANIZATION legacy123", "APIKEY:ORGANIZATION legacy123"),
        ("apikey:organization   legacy123", "APIKEY:ORGANIZATION legacy123"),
    ],
)
def test_authorization_header(key: str, header: str) -> None:
    assert authorization_header(key) == header


async def test_organization_projects_and_scenes(
    simulator: Cognitive3DSimulator, session: aiohttp.ClientSession
) -> None:
    client = make_client(session, simulator)
    org = await client.get_organization(42)
    assert org.id == 42
    assert org.name == "Training Lab"
    assert [(p.id, p.name) for p in org.projects] == [
        (1001, "Forklift Safety"),
        (1002, "Surgery Prep"),
    ]
    project = await client.get_project(1001)
    assert [(s.id, s.name) for s in project.scenes] == [
        ("sc-warehouse", "Warehouse"),
        ("sc-dock", "Dock"),
    ]
    scene = await client.get_scene("sc-warehouse")
    expected = [s for s in simulator.sessions if s.scene_id == "sc-warehouse"]
    assert scene.name == "Warehouse"
    assert scene.stats.session_count == len(expected)
    assert scene.stats.latest_session == max(s.date for s in expected)
    total = sum(s.duration_ms for s in expected) / 1000
    assert scene.stats.total_session_time == pytest.approx(total)
    assert scene.stats.average_session_duration == pytest.approx(total / len(expected))


async def test_legacy_key_is_accepted(
    simulator: Cognitive3DSimulator, session: aiohttp.ClientSession
) -> None:
    client = make_client(session, simulator, key=simulator.legacy_key)
    assert (await client.get_organization(42)).id == 42


async def test_bad_key_and_unknown_things(
    simulator: Cognitive3DSimulator, session: aiohttp.ClientSession
) -> None:
    with pytest.raises(Cognitive3DAuthenticationError):
        await make_client(session, simulator, key="orgkey-wrong").get_organization(42)
    client = make_client(session, simulator)
    with pytest.raises(Cognitive3DAuthenticationError):
        await client.get_organization(7)  # another organization: 403
    with pytest.raises(Cognitive3DNotFoundError):
        await client.get_project(999)
    with pytest.raises(Cognitive3DNotFoundError):
        await client.get_scene("nope")


async def test_discover_organization_with_whoami(
    simulator: Cognitive3DSimulator, session: aiohttp.ClientSession
) -> None:
    client = make_client(session, simulator)
    assert await client.discover_organization_id() == 42
    assert ("GET", "/v0/organizations/apiKeys/whoami") in simulator.requests
    assert ("GET", "/v0/organizations") not in simulator.requests
    assert await make_client(session, simulator, key=simulator.legacy_key).whoami() == {
        "organizationId": 42
    }
    simulator.discoverable = False
    assert await client.discover_organization_id() is None
    with pytest.raises(Cognitive3DAuthenticationError):
        await make_client(session, simulator, key="orgkey-wrong").discover_organization_id()


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ({"organizationId": 12}, 12),
        ({"organizationId": "12"}, 12),
        ({"organizationId": 0}, None),
        ({"organizationId": True}, None),
        ({"organizationId": "twelve"}, None),
        ({"id": 12}, None),
        ([12], None),
    ],
)
async def test_whoami_shapes(
    socket_enabled: None, session: aiohttp.ClientSession, answer: Any, expected: int | None
) -> None:
    async def whoami(request: web.Request) -> web.Response:
        return web.json_response(answer)

    app = web.Application()
    app.router.add_get("/v0/organizations/apiKeys/whoami", whoami)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}"
    try:
        client = Cognitive3DClient(session, "orgkey-x", base_url=url)
        assert await client.discover_organization_id() == expected
    finally:
        await runner.cleanup()


def test_session_query_body_is_the_official_clients() -> None:
    """Field for field what cognitive3dpy's paginate_sessions and build_filters send."""
    start = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
    body = session_query(1001, page=2, limit=50, start=start, end=NOW, exclude_test=True)
    assert body == {
        "page": 2,
        "limit": 50,
        "sort": "desc",
        "orderBy": {"fieldName": "date", "fieldParent": "session"},
        "entityFilters": {"projectId": 1001},
        "sessionFilters": [
            {
                "field": {"fieldName": "date", "fieldParent": "session"},
                "op": "gte",
                "value": 1795262400000,
            },
            {
                "field": {"fieldName": "date", "fieldParent": "session"},
                "op": "lte",
                "value": 1795348800000,
            },
            {
                "op": "eq",
                "field": {"nestedFieldName": "booleanSessionProp", "path": "c3d.session_tag.test"},
                "value": False,
            },
            {
                "op": "eq",
                "field": {"nestedFieldName": "booleanSessionProp", "path": "c3d.session_tag.junk"},
                "value": False,
            },
        ],
        "eventFilters": [],
        "objectiveFilters": [],
        "userFilters": [],
        "sessionType": "project",
        "includeEvents": False,
        "includeAllObjectiveData": False,
    }
    # Without the exclusion only the closed date window remains: never an open range.
    loose = session_query(1001, page=0, limit=1, start=start, end=NOW, exclude_test=False)
    assert [f["op"] for f in loose["sessionFilters"]] == ["gte", "lte"]


async def test_query_and_count_sessions(
    simulator: Cognitive3DSimulator, session: aiohttp.ClientSession
) -> None:
    client = make_client(session, simulator)
    day_ago = NOW - timedelta(days=1)
    week_ago = NOW - timedelta(days=7)
    in_project = [s for s in simulator.sessions if s.project_id == 1001]
    assert {"test"} in [set(s.tags) for s in in_project]
    assert {"junk"} in [set(s.tags) for s in in_project]
    real = [s for s in in_project if not s.tags]
    recent = [s for s in real if s.date >= day_ago]
    assert 0 < len(recent) < len([s for s in in_project if s.date >= day_ago])
    assert await client.count_sessions(1001, start=day_ago, end=NOW) == len(recent)
    in_week = [s for s in in_project if s.date >= week_ago]
    assert await client.count_sessions(1001, start=week_ago, end=NOW, exclude_test=False) == len(
        in_week
    )
    assert await client.count_sessions(1001, start=week_ago, end=NOW) == len(
        [s for s in in_week if not s.tags]
    )
    # The end is inclusive, like the official client's lte.
    newest = max(real, key=lambda s: s.date)
    assert await client.count_sessions(1001, start=newest.date, end=newest.date) == 1

    page = await client.query_sessions(1001, start=week_ago, end=NOW, limit=5)
    assert page.count == len([s for s in in_week if not s.tags])
    assert len(page.results) == 5
    dates = [s.date for s in page.results]
    assert dates == sorted(dates, reverse=True)
    first = page.results[0]
    sim_first = next(s for s in simulator.sessions if s.id == first.id)
    assert first.participant == sim_first.participant
    assert first.device == sim_first.device  # c3d.device.model, not the deviceId hash
    assert first.device in {"Quest 3", "Vive Focus", "Pico 4"}
    assert first.tags == ()
    assert first.as_dict()["session_id"] == first.id
    assert first.date == sim_first.date
    assert first.as_dict()["date"] == first.date.isoformat()
    with_tests = await client.query_sessions(
        1001, start=week_ago, end=NOW, limit=100, exclude_test=False
    )
    assert {tag for s in with_tests.results for tag in s.tags} == {"test", "junk"}
    # The limit is clamped to what the API accepts.
    wide = await client.query_sessions(1001, start=NOW - timedelta(days=30), end=NOW, limit=1000)
    assert len(wide.results) <= 100


async def test_retries_like_the_official_client(
    simulator: Cognitive3DSimulator, session: aiohttp.ClientSession
) -> None:
    sleeps = Sleeps()
    client = make_client(session, simulator, sleep=sleeps)
    simulator.fail_next.extend([429, 503])
    assert (await client.get_organization(42)).id == 42
    assert sleeps.delays == [1.0, 2.0]

    # Three attempts in all, then the error at once.
    sleeps.delays.clear()
    simulator.requests.clear()
    simulator.fail_next.extend([500, 502, 504, 500])
    with pytest.raises(Cognitive3DRateLimitedError) as err:
        await client.get_organization(42)
    assert err.value.status == 504
    assert len(simulator.requests) == 3
    assert sleeps.delays == [1.0, 2.0]
    simulator.fail_next.clear()

    # Statuses the official client does not retry fail at once.
    sleeps.delays.clear()
    simulator.fail_next.append(501)
    with pytest.raises(Cognitive3DResponseError) as err:
        await client.get_organization(42)
    assert not isinstance(err.value, Cognitive3DRateLimitedError)
    assert err.value.status == 501
    assert sleeps.delays == []


async def test_other_errors(
    simulator: Cognitive3DSimulator, session: aiohttp.ClientSession
) -> None:
    client = make_client(session, simulator)
    simulator.fail_next.append(418)
    with pytest.raises(Cognitive3DResponseError) as err:
        await client.get_organization(42)
    assert err.value.status == 418


async def test_unreachable_and_slow(socket_enabled: None, session: aiohttp.ClientSession) -> None:
    sim = Cognitive3DSimulator()
    url = await sim.start()
    await sim.stop()
    with pytest.raises(Cognitive3DConnectionError):
        await Cognitive3DClient(session, "orgkey-x", base_url=url).get_organization(42)


async def test_timeout_and_bad_bodies(socket_enabled: None, session: aiohttp.ClientSession) -> None:
    async def slow(request: web.Request) -> web.Response:
        await __import__("asyncio").sleep(1)
        return web.json_response({})

    async def not_json(request: web.Request) -> web.Response:
        return web.Response(text="<html>", content_type="text/html")

    async def a_list(request: web.Request) -> web.Response:
        return web.json_response([1, 2])

    app = web.Application()
    app.router.add_get("/v0/organizations/1", slow)
    app.router.add_get("/v0/organizations/2", not_json)
    app.router.add_get("/v0/organizations/3", a_list)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}"
    try:
        client = Cognitive3DClient(session, "orgkey-x", base_url=url, request_timeout=0.05)
        with pytest.raises(Cognitive3DConnectionError):
            await client.get_organization(1)
        with pytest.raises(Cognitive3DResponseError):
            await client.get_organization(2)
        with pytest.raises(Cognitive3DResponseError):
            await client.get_organization(3)
    finally:
        await runner.cleanup()


async def test_probe(simulator: Cognitive3DSimulator, session: aiohttp.ClientSession) -> None:
    client = make_client(session, simulator, sleep=Sleeps())
    probe = await client.probe(42, None, now=NOW)
    assert probe == {
        "GET /v0/organizations/apiKeys/whoami": (
            "HTTP 200, organizationId 42, fields ['organizationId']"
        ),
        "GET /v0/organizations/42": "HTTP 200, 2 projects",
        "POST /v0/datasets/sessions/paginatedListQueries": "not asked: no project",
    }
    simulator.requests.clear()
    simulator.fail_next.extend([429, 429, 429])
    probe = await client.probe(7, 1001, now=NOW)
    assert probe["GET /v0/organizations/apiKeys/whoami"] == "HTTP 429"
    assert probe["GET /v0/organizations/7"] == "HTTP 403"
    week = [
        s
        for s in simulator.sessions
        if s.project_id == 1001 and not s.tags and s.date >= NOW - timedelta(days=7)
    ]
    assert probe["POST /v0/datasets/sessions/paginatedListQueries"] == (
        f"HTTP 200, project 1001: {len(week)} sessions in the last 7 days without test and junk "
        "(sessionFilters)"
    )
    # One call at a time, in order.
    assert [path for _, path in simulator.requests] == [
        "/v0/organizations/apiKeys/whoami",
        "/v0/organizations/apiKeys/whoami",
        "/v0/organizations/apiKeys/whoami",
        "/v0/organizations/7",
        "/v0/datasets/sessions/paginatedListQueries",
    ]
