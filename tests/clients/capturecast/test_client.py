"""The CaptureCast client against a simulated unit over loopback sockets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
from aiohttp import web
import pytest

from custom_components.video_pipeline.clients.capturecast import (
    CaptureCastAuthenticationError,
    CaptureCastClient,
    CaptureCastConnectionError,
    CaptureCastNotFoundError,
    CaptureCastPermissionError,
    CaptureCastResponseError,
    CaptureRequest,
    CaptureState,
    ScheduleRequest,
)
from custom_components.video_pipeline.clients.capturecast.client import (
    CANCEL_FORM_V1,
    CANCEL_FORM_V11,
    SCHEDULER_FORM_EVENTS,
    SCHEDULER_FORM_RANGE,
)
from custom_components.video_pipeline.clients.capturecast.paths import PROBED_PATHS
from custom_components.video_pipeline.clients.http_auth import basic_authorization
from simulator.capturecast import SimulatedUnit


def as_user(
    unit: SimulatedUnit, session: aiohttp.ClientSession, user: str, password: str | None = None
) -> CaptureCastClient:
    return CaptureCastClient(
        session, unit.host, port=unit.port, username=user, password=password or user
    )


async def test_status_reads(capturecast_client: CaptureCastClient) -> None:
    info = await capturecast_client.get_unit_info()
    assert info.unit_name == "Lecture Hall 101"
    assert info.identity == "sim-0001"
    assert info.version == "6.2.1-sim"
    status = await capturecast_client.get_status()
    assert status.uptime_seconds == 3 * 24 * 3600
    capture = await capturecast_client.get_capture_status()
    assert capture.state is CaptureState.IDLE
    assert not capture.is_capturing
    disk = await capturecast_client.get_disk_space()
    assert disk.total == 1000 * 1024**3
    assert disk.used_percent == 38.0
    network = await capturecast_client.get_network()
    assert network.ip_address == "192.0.2.1"
    assert [d.name for d in await capturecast_client.get_audio_devices()] == ["Podium microphone"]
    assert len(await capturecast_client.get_video_devices()) == 2
    templates = await capturecast_client.get_templates()
    assert [t.id for t in templates] == ["1-src", "2-src", "3-src"]
    users = {u.username: u for u in await capturecast_client.get_users()}
    assert users["admin"].can_capture
    assert users["content"].can_capture
    assert not users["scheduler"].can_capture
    assert await capturecast_client.get_todays_schedule() == []
    preview = await capturecast_client.get_preview()
    assert preview.content_type == "image/png"
    assert preview.content.startswith(b"\x89PNG")
    assert capturecast_client.base_url.startswith("http://127.0.0.1:")


async def test_full_capture_cycle(
    capturecast_unit: SimulatedUnit, capturecast_client: CaptureCastClient
) -> None:
    client = capturecast_client
    await client.start_capture(
        CaptureRequest(template_id="Panel discussion", title="Week 3", tags=("a",), publishing=True)
    )
    status = await client.get_capture_status()
    assert status.state is CaptureState.RECORDING
    assert status.raw_state == "capturing"
    assert status.template_id == "2-src"
    assert status.title == "Week 3"

    capturecast_unit.clock.advance(60)
    await client.pause_capture()
    capturecast_unit.clock.advance(30)
    paused = await client.get_capture_status()
    assert paused.state is CaptureState.PAUSED
    assert paused.elapsed_seconds == 60
    await client.resume_capture()
    capturecast_unit.clock.advance(15)
    assert (await client.get_capture_status()).elapsed_seconds == 75
    free_before = (await client.get_disk_space()).free
    capturecast_unit.clock.advance(10)
    assert (await client.get_disk_space()).free < free_before

    await client.stop_capture()
    assert (await client.get_capture_status()).state is CaptureState.PROCESSING
    capturecast_unit.clock.advance(5)
    assert (await client.get_capture_status()).state is CaptureState.PUBLISHING
    capturecast_unit.clock.advance(5)
    assert (await client.get_capture_status()).state is CaptureState.IDLE

    (package,) = await client.list_media_packages()
    assert package.title == "Week 3"
    assert package.duration_seconds == 85
    assert package.state == "complete"
    await client.publish_media_package(package.id, ["youtube"])
    assert (await client.list_media_packages())[0].state == "published"
    await client.publish_media_package(package.id, [])
    await client.delete_media_package(package.id)
    assert await client.list_media_packages() == []
    with pytest.raises(CaptureCastNotFoundError):
        await client.delete_media_package(package.id)


async def test_duration_stops_by_itself(
    capturecast_unit: SimulatedUnit, capturecast_client: CaptureCastClient
) -> None:
    await capturecast_client.start_capture(CaptureRequest(template_id="1-src", duration_seconds=90))
    capturecast_unit.clock.advance(89)
    assert (await capturecast_client.get_capture_status()).is_capturing
    capturecast_unit.clock.advance(2)
    assert (await capturecast_client.get_capture_status()).state is CaptureState.PROCESSING
    assert (await capturecast_client.list_media_packages())[0].duration_seconds == 90


async def test_commands_in_the_wrong_state(capturecast_client: CaptureCastClient) -> None:
    for command in (
        capturecast_client.stop_capture,
        capturecast_client.pause_capture,
        capturecast_client.resume_capture,
    ):
        with pytest.raises(CaptureCastResponseError) as err:
            await command()
        assert err.value.status == 409
    with pytest.raises(CaptureCastResponseError) as err:
        await capturecast_client.start_capture(CaptureRequest(template_id="nope"))
    assert err.value.status == 400
    with pytest.raises(CaptureCastResponseError) as err:
        await capturecast_client.start_capture(
            CaptureRequest(template_id="1-src", speaker="Nobody")
        )
    assert err.value.status == 400
    await capturecast_client.start_capture(CaptureRequest(template_id="1-src"))
    with pytest.raises(CaptureCastResponseError):
        await capturecast_client.start_capture(CaptureRequest(template_id="1-src"))


async def test_scheduler(
    capturecast_unit: SimulatedUnit, capturecast_client: CaptureCastClient
) -> None:
    now = capturecast_unit.clock.now()
    event = await capturecast_client.schedule_capture(
        ScheduleRequest(
            template_id="1-src",
            title="Physics",
            start=now + timedelta(hours=1),
            stop=now + timedelta(hours=2),
        )
    )
    assert event.title == "Physics"
    assert event.start == now + timedelta(hours=1)
    listed = await capturecast_client.list_scheduled_captures(now, now + timedelta(days=1))
    assert [e.id for e in listed] == [event.id]
    assert [e.id for e in await capturecast_client.get_todays_schedule()] == [event.id]

    capturecast_unit.clock.advance(3600)
    status = await capturecast_client.get_capture_status()
    assert status.state is CaptureState.RECORDING
    assert status.title == "Physics"
    capturecast_unit.clock.advance(3600)
    assert (await capturecast_client.get_capture_status()).state is CaptureState.PROCESSING
    (done,) = await capturecast_client.get_todays_schedule()
    assert done.completed
    assert done.media_package_id == (await capturecast_client.list_media_packages())[0].id

    second = await capturecast_client.schedule_capture(
        ScheduleRequest(
            template_id="1-src",
            title="Later",
            start=now + timedelta(hours=5),
            stop=now + timedelta(hours=6),
        )
    )
    await capturecast_client.cancel_scheduled_capture(second.id)
    with pytest.raises(CaptureCastNotFoundError):
        await capturecast_client.cancel_scheduled_capture(second.id)


def scheduler_requests(unit: SimulatedUnit) -> list[tuple[str, str]]:
    return [(method, path) for method, path in unit.requests if "/scheduler" in path]


async def test_scheduler_uses_the_evidenced_form_first(
    capturecast_unit: SimulatedUnit, capturecast_client: CaptureCastClient
) -> None:
    """List with ``/api/1/scheduler?range=``, delete on ``/api/1.1/``, as public code does."""
    client = capturecast_client
    now = capturecast_unit.clock.now()
    event = await client.schedule_capture(
        ScheduleRequest(
            template_id="1-src",
            title="Physics",
            start=now + timedelta(hours=1),
            stop=now + timedelta(hours=2),
        )
    )
    capturecast_unit.requests.clear()
    listed = await client.list_scheduled_captures(now, now + timedelta(days=1))
    assert [e.id for e in listed] == [event.id]
    assert await client.list_scheduled_captures(now, now + timedelta(minutes=30)) == []
    assert client.scheduler_list_form == SCHEDULER_FORM_RANGE
    await client.cancel_scheduled_capture(event.id)
    assert client.scheduler_cancel_form == CANCEL_FORM_V11
    assert capturecast_unit.events == {}
    assert scheduler_requests(capturecast_unit) == [
        ("GET", "/api/1/scheduler"),
        ("GET", "/api/1/scheduler"),
        ("DELETE", f"/api/1.1/scheduler/events/{event.id}"),
    ]


async def test_scheduler_falls_back_to_our_form_and_remembers_it(
    capturecast_unit: SimulatedUnit, capturecast_client: CaptureCastClient
) -> None:
    client = capturecast_client
    capturecast_unit.disabled_paths = {"/api/1/scheduler", "/api/1.1/scheduler/events/{id}"}
    now = capturecast_unit.clock.now()
    event = await client.schedule_capture(
        ScheduleRequest(
            template_id="1-src",
            title="Physics",
            start=now + timedelta(hours=1),
            stop=now + timedelta(hours=2),
        )
    )
    capturecast_unit.requests.clear()
    for _ in range(2):
        listed = await client.list_scheduled_captures(now, now + timedelta(days=1))
        assert [e.id for e in listed] == [event.id]
    assert client.scheduler_list_form == SCHEDULER_FORM_EVENTS
    await client.cancel_scheduled_capture(event.id)
    assert client.scheduler_cancel_form == CANCEL_FORM_V1
    assert capturecast_unit.events == {}
    with pytest.raises(CaptureCastNotFoundError):
        await client.cancel_scheduled_capture(event.id)
    assert scheduler_requests(capturecast_unit) == [
        ("GET", "/api/1/scheduler"),
        ("GET", "/api/1/scheduler/events"),
        ("GET", "/api/1/scheduler/events"),  # remembered: the evidenced form is not asked again
        ("DELETE", f"/api/1.1/scheduler/events/{event.id}"),
        ("DELETE", f"/api/1/scheduler/events/{event.id}"),
        ("DELETE", f"/api/1/scheduler/events/{event.id}"),
    ]


async def test_scheduler_errors_other_than_not_served_are_raised(
    capturecast_unit: SimulatedUnit, capturecast_client: CaptureCastClient
) -> None:
    capturecast_unit.error_status = 500
    capturecast_unit.error_paths = ["/api/1/scheduler"]
    now = capturecast_unit.clock.now()
    with pytest.raises(CaptureCastResponseError) as err:
        await capturecast_client.list_scheduled_captures(now, now + timedelta(days=1))
    assert err.value.status == 500
    assert capturecast_client.scheduler_list_form is None
    assert scheduler_requests(capturecast_unit) == [("GET", "/api/1/scheduler")]


async def test_cancel_errors_other_than_not_served_are_raised(
    capturecast_unit: SimulatedUnit, capturecast_client: CaptureCastClient
) -> None:
    capturecast_unit.error_status = 500
    capturecast_unit.error_paths = ["/api/1.1/scheduler/events/"]
    with pytest.raises(CaptureCastResponseError) as err:
        await capturecast_client.cancel_scheduled_capture("42")
    assert err.value.status == 500
    assert capturecast_client.scheduler_cancel_form is None
    assert scheduler_requests(capturecast_unit) == [("DELETE", "/api/1.1/scheduler/events/42")]


@pytest.mark.parametrize(
    "query",
    [
        {},  # the evidenced call always sends range
        {"start": "0", "end": "99999999999999"},  # our parameters on the evidenced path
        {"range": "today"},
        {"range": "1,2,3"},
    ],
)
async def test_simulator_rejects_refuted_scheduler_forms(
    capturecast_unit: SimulatedUnit, http_session: aiohttp.ClientSession, query: dict[str, str]
) -> None:
    async with http_session.get(
        f"{capturecast_unit.base_url}/api/1/scheduler",
        params=query,
        headers={"Authorization": basic_authorization("admin", "admin")},
    ) as response:
        assert response.status == 400


async def test_simulator_scheduler_answers_a_bare_array(
    capturecast_unit: SimulatedUnit,
    capturecast_client: CaptureCastClient,
    http_session: aiohttp.ClientSession,
) -> None:
    now = capturecast_unit.clock.now()
    await capturecast_client.schedule_capture(
        ScheduleRequest(
            template_id="1-src",
            title="A",
            start=now + timedelta(hours=1),
            stop=now + timedelta(hours=2),
        )
    )
    start = int(now.timestamp() * 1000)
    async with http_session.get(
        f"{capturecast_unit.base_url}/api/1/scheduler",
        params={"range": f"{start},{start + 86_400_000}"},
        headers={"Authorization": basic_authorization("admin", "admin")},
    ) as response:
        body = await response.json()
    assert isinstance(body, list)
    assert {"id", "title", "startTime", "stopTime", "completed"} <= set(body[0])


async def test_auth_and_roles(
    capturecast_unit: SimulatedUnit, http_session: aiohttp.ClientSession
) -> None:
    with pytest.raises(CaptureCastAuthenticationError):
        await as_user(capturecast_unit, http_session, "admin", "wrong").get_disk_space()
    # The unit info call needs no authentication, as the vendor documents.
    assert (await as_user(capturecast_unit, http_session, "x", "y").get_unit_info()).unit_name
    viewer = as_user(capturecast_unit, http_session, "viewer")
    assert len(await viewer.get_templates()) == 3
    with pytest.raises(CaptureCastPermissionError):
        await viewer.start_capture(CaptureRequest(template_id="1-src"))
    content = as_user(capturecast_unit, http_session, "content")
    await content.start_capture(CaptureRequest(template_id="1-src"))
    with pytest.raises(CaptureCastPermissionError):
        await content.reboot()
    scheduler = as_user(capturecast_unit, http_session, "scheduler")
    with pytest.raises(CaptureCastPermissionError):
        await scheduler.stop_capture()


async def test_maintenance(
    capturecast_unit: SimulatedUnit, capturecast_client: CaptureCastClient
) -> None:
    await capturecast_client.redetect_devices()
    assert len(await capturecast_client.get_video_devices()) == 3
    await capturecast_client.restart()
    await capturecast_client.restart_media()
    await capturecast_client.reboot()
    with pytest.raises(CaptureCastResponseError) as err:
        await capturecast_client.get_capture_status()
    assert err.value.status == 503
    capturecast_unit.clock.advance(6)
    assert (await capturecast_client.get_capture_status()).state is CaptureState.IDLE


async def test_faults(capturecast_unit: SimulatedUnit, http_session: aiohttp.ClientSession) -> None:
    client = CaptureCastClient(
        http_session,
        capturecast_unit.host,
        port=capturecast_unit.port,
        username="admin",
        password="admin",
        request_timeout=0.2,
    )
    capturecast_unit.latency_ms = 400
    with pytest.raises(CaptureCastConnectionError, match="no answer"):
        await client.get_capture_status()
    capturecast_unit.latency_ms = 0

    capturecast_unit.error_status = 500
    capturecast_unit.error_paths = ["/api/1/status/diskSpace"]
    with pytest.raises(CaptureCastResponseError) as err:
        await client.get_disk_space()
    assert err.value.status == 500
    assert (await client.get_capture_status()).state is CaptureState.IDLE
    capturecast_unit.error_status = 0

    await capturecast_unit.go_offline()
    assert not capturecast_unit.online
    with pytest.raises(CaptureCastConnectionError):
        await client.get_capture_status()
    await capturecast_unit.go_online()
    assert (await client.get_capture_status()).state is CaptureState.IDLE


async def test_probe(
    capturecast_unit: SimulatedUnit, capturecast_client: CaptureCastClient
) -> None:
    capturecast_unit.error_status = 404
    capturecast_unit.error_paths = ["/api/1/status/network"]
    probe = await capturecast_client.probe()
    assert set(probe) == {*PROBED_PATHS, SCHEDULER_FORM_RANGE, SCHEDULER_FORM_EVENTS}
    assert probe["/api/1/status/unit"] == "HTTP 200 application/json"
    assert probe["/api/1/liveStreamViewer/preview"] == "HTTP 200 image/png"
    assert probe["/api/1/status/network"] == "HTTP 404"
    # Both forms of the scheduler listing are asked, with a window.
    assert probe[SCHEDULER_FORM_RANGE] == "HTTP 200 application/json"
    assert probe[SCHEDULER_FORM_EVENTS] == "HTTP 200 application/json"
    capturecast_unit.disabled_paths = {"/api/1/scheduler"}
    probe = await capturecast_client.probe()
    assert probe[SCHEDULER_FORM_RANGE] == "HTTP 404"
    assert probe[SCHEDULER_FORM_EVENTS] == "HTTP 200 application/json"
    await capturecast_unit.go_offline()
    probe = await capturecast_client.probe()
    assert probe["/api/1/status/unit"].startswith("error: ")


async def canned_server(routes: dict[str, Any]) -> web.AppRunner:
    app = web.Application()
    for path, body in routes.items():

        async def handler(request: web.Request, body: Any = body) -> web.Response:
            if isinstance(body, web.Response):
                return body
            return web.json_response(body)

        app.router.add_route("*", path, handler)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    return runner


async def test_lenient_shapes(socket_enabled: None, http_session: aiohttp.ClientSession) -> None:
    runner = await canned_server(
        {
            "/api/1/templates": {"templates": [{"id": 7, "name": "Seven"}, "junk"]},
            "/api/1/status/capture": {"state": "RECORDING", "duration": "1500"},
            "/api/1/status/network": {"interfaces": [{"name": "lo"}, {"address": "10.0.0.9"}]},
            "/api/1/status/diskSpace": {"free": "10", "total": 0},
            "/api/1/devices/audio": {"devices": [{"deviceID": "x"}]},
            "/api/1/status/unit": [],
            "/api/1/users": "nope",
            "/api/1/mediaPackages": web.Response(text="<html>", content_type="text/html"),
            "/api/1/scheduler/events": web.Response(text="not json"),
            "/api/1/capture/stop": web.Response(text="OK"),
        }
    )
    try:
        client = CaptureCastClient(
            http_session, "127.0.0.1", port=runner.addresses[0][1], username="a", password="b"
        )
        assert [(t.id, t.name) for t in await client.get_templates()] == [("7", "Seven")]
        status = await client.get_capture_status()
        assert status.state is CaptureState.RECORDING
        assert status.elapsed_seconds == 1.5
        assert (await client.get_network()).ip_address == "10.0.0.9"
        disk = await client.get_disk_space()
        assert disk.used_percent is None
        assert disk.usable == 10
        assert [(d.id, d.name) for d in await client.get_audio_devices()] == [("x", "x")]
        with pytest.raises(CaptureCastResponseError, match="expected an object"):
            await client.get_unit_info()
        with pytest.raises(CaptureCastResponseError, match="expected a list"):
            await client.get_users()
        with pytest.raises(CaptureCastResponseError, match="not JSON"):
            await client.list_media_packages()
        await client.stop_capture()  # a plain-text answer to a command is fine
        with pytest.raises(CaptureCastResponseError, match="without the created event"):
            await client.schedule_capture(
                ScheduleRequest(
                    template_id="1",
                    title="t",
                    start=datetime.now(UTC),
                    stop=datetime.now(UTC),
                )
            )
    finally:
        await runner.cleanup()


async def test_https_without_verification(
    socket_enabled: None, http_session: aiohttp.ClientSession
) -> None:
    # Nothing listens with TLS here: the client still builds an https URL and fails cleanly.
    client = CaptureCastClient(
        http_session,
        "127.0.0.1",
        port=9,
        username="a",
        password="b",
        use_ssl=True,
        verify_ssl=False,
        request_timeout=1,
    )
    assert client.base_url == "https://127.0.0.1:9"
    with pytest.raises(CaptureCastConnectionError):
        await client.get_unit_info()


async def test_capture_status_falls_back_to_the_unversioned_path(
    socket_enabled: None, http_session: aiohttp.ClientSession
) -> None:
    hits: list[str] = []

    async def unversioned(request: web.Request) -> web.Response:
        hits.append(request.path)
        return web.json_response({"state": "capturing"})

    async def missing(request: web.Request) -> web.Response:
        hits.append(request.path)
        return web.json_response({"error": "not found"}, status=404)

    app = web.Application()
    app.router.add_get("/api/1/status/capture", missing)
    app.router.add_get("/api/status/capture", unversioned)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        client = CaptureCastClient(
            http_session, "127.0.0.1", port=runner.addresses[0][1], username="a", password="b"
        )
        assert (await client.get_capture_status()).state is CaptureState.RECORDING
        assert (await client.get_capture_status()).state is CaptureState.RECORDING
        # The versioned path was tried once; the unversioned one answered ever after.
        assert hits == ["/api/1/status/capture", "/api/status/capture", "/api/status/capture"]
    finally:
        await runner.cleanup()


async def test_capture_status_missing_on_both_paths(
    socket_enabled: None, http_session: aiohttp.ClientSession
) -> None:
    runner = web.AppRunner(web.Application())
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        client = CaptureCastClient(
            http_session, "127.0.0.1", port=runner.addresses[0][1], username="a", password="b"
        )
        with pytest.raises(CaptureCastNotFoundError):
            await client.get_capture_status()
        with pytest.raises(CaptureCastNotFoundError):
            await client.get_capture_status()
    finally:
        await runner.cleanup()


async def test_simulator_disable_control(
    capturecast_unit: SimulatedUnit,
    capturecast_client: CaptureCastClient,
    http_session: aiohttp.ClientSession,
) -> None:
    """``POST /_sim/disable`` makes the listed paths answer 404 for every method."""
    base = capturecast_unit.base_url
    disable = {"paths": ["/api/1/users", "/api/1/mediaPackages/{id}"]}
    async with http_session.post(f"{base}/_sim/disable", json=disable) as response:
        assert response.status == 200
    with pytest.raises(CaptureCastNotFoundError):
        await capturecast_client.get_users()
    capturecast_unit.media_packages.append({"id": "mp-x", "state": "complete"})
    with pytest.raises(CaptureCastNotFoundError):
        await capturecast_client.delete_media_package("mp-x")
    assert capturecast_unit.media_packages  # not deleted
    assert await capturecast_client.list_media_packages()  # a path not listed still answers
    async with http_session.post(f"{base}/_sim/disable", json={"paths": []}) as response:
        assert response.status == 200
    assert await capturecast_client.get_users()


async def test_scheduler_answer_is_filtered_to_the_window(
    socket_enabled: None, http_session: aiohttp.ClientSession
) -> None:
    """A unit that reads ``range`` differently and answers more events: only the window's stay."""
    start = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    start_ms = int(start.timestamp() * 1000)
    hour = 3_600_000
    runner = await canned_server(
        {
            "/api/1/scheduler": [
                {"id": "before", "title": "a", "startTime": start_ms - hour, "completed": True},
                {"id": "inside", "title": "b", "startTime": start_ms + hour, "completed": False},
                {"id": "after", "title": "c", "startTime": start_ms + 30 * hour},
            ]
        }
    )
    try:
        client = CaptureCastClient(
            http_session, "127.0.0.1", port=runner.addresses[0][1], username="a", password="b"
        )
        listed = await client.list_scheduled_captures(start, start + timedelta(days=1))
        assert [event.id for event in listed] == ["inside"]
        assert client.scheduler_list_form == SCHEDULER_FORM_RANGE
    finally:
        await runner.cleanup()
