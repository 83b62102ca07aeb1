"""The query_sessions action against the simulated organization."""

from __future__ import annotations

from datetime import timedelta

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.video_pipeline.const import DOMAIN
from simulator.cognitive3d import Cognitive3DSimulator
from tests.ha_compat import device_of


@pytest.fixture
async def org(hass: HomeAssistant, cognitive3d_entry: MockConfigEntry) -> MockConfigEntry:
    cognitive3d_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(cognitive3d_entry.entry_id)
    await hass.async_block_till_done()
    return cognitive3d_entry


async def query(hass: HomeAssistant, **data: object) -> dict[str, object]:
    response = await hass.services.async_call(
        DOMAIN, "cognitive3d_query_sessions", data, blocking=True, return_response=True
    )
    assert response is not None
    return dict(response)


async def test_query_by_name_and_device(
    hass: HomeAssistant, org: MockConfigEntry, cognitive3d_sim: Cognitive3DSimulator
) -> None:
    week_ago = dt_util.utcnow() - timedelta(days=7)
    expected = [
        s
        for s in cognitive3d_sim.sessions
        if s.project_id == 1001 and not s.tags and s.date >= week_ago
    ]
    response = await query(hass, config_entry_id=org.entry_id, project="forklift safety", limit=3)
    assert response["project_id"] == 1001
    assert response["total"] == len(expected)
    sessions = response["sessions"]
    assert isinstance(sessions, list)
    assert len(sessions) == 3
    newest = max(expected, key=lambda s: s.date)
    assert sessions[0]["session_id"] == newest.id
    assert set(sessions[0]) == {"session_id", "date", "duration", "participant", "device", "tags"}

    device = device_of(hass, (DOMAIN, "cognitive3d_42_1002"))
    assert device is not None
    with_tests = await query(
        hass, device_id=device.id, project="1002", exclude_test=False, start="2020-01-01"
    )
    assert with_tests["total"] == len([s for s in cognitive3d_sim.sessions if s.project_id == 1002])


async def test_time_window_is_sent_as_session_filters(
    hass: HomeAssistant, org: MockConfigEntry, cognitive3d_sim: Cognitive3DSimulator
) -> None:
    now = dt_util.utcnow()
    start, end = now - timedelta(hours=30), now - timedelta(hours=6)
    in_window = [
        s for s in cognitive3d_sim.sessions if s.project_id == 1001 and start <= s.date <= end
    ]
    assert any(s.tags for s in in_window)
    cognitive3d_sim.session_queries.clear()
    response = await query(
        hass,
        config_entry_id=org.entry_id,
        project="1001",
        start=start.isoformat(),
        end=end.isoformat(),
        limit=100,
    )
    real = [s for s in in_window if not s.tags]
    assert response["total"] == len(real)
    sessions = response["sessions"]
    assert isinstance(sessions, list)
    assert {s["session_id"] for s in sessions} == {s.id for s in real}
    [body] = cognitive3d_sim.session_queries
    date = {"fieldName": "date", "fieldParent": "session"}
    assert body["sessionFilters"][:2] == [
        {"field": date, "op": "gte", "value": int(start.timestamp() * 1000)},
        {"field": date, "op": "lte", "value": int(end.timestamp() * 1000)},
    ]

    # Without start, the window is the 7 days before the end; both ends are always sent.
    cognitive3d_sim.session_queries.clear()
    await query(hass, config_entry_id=org.entry_id, project="1001", end=end.isoformat())
    [body] = cognitive3d_sim.session_queries
    week_before = int((end - timedelta(days=7)).timestamp() * 1000)
    assert [(f["op"], f["value"]) for f in body["sessionFilters"][:2]] == [
        ("gte", week_before),
        ("lte", int(end.timestamp() * 1000)),
    ]

    with_tests = await query(
        hass,
        config_entry_id=org.entry_id,
        project="1001",
        start=start.isoformat(),
        end=end.isoformat(),
        exclude_test=False,
        limit=100,
    )
    assert with_tests["total"] == len(in_window)
    listed = with_tests["sessions"]
    assert isinstance(listed, list)
    assert {tag for s in listed for tag in s["tags"]} == {"junk"}


async def test_query_errors(
    hass: HomeAssistant, org: MockConfigEntry, cognitive3d_sim: Cognitive3DSimulator
) -> None:
    with pytest.raises(ServiceValidationError) as err:
        await query(hass, config_entry_id=org.entry_id, project="Nope")
    assert err.value.translation_key == "cognitive3d_unknown_project"
    assert err.value.translation_placeholders["projects"] == "Forklift Safety, Surgery Prep"
    with pytest.raises(ServiceValidationError) as err:
        await query(
            hass,
            config_entry_id=org.entry_id,
            project="1001",
            start="2026-11-20",
            end="2026-11-19",
        )
    assert err.value.translation_key == "end_before_start"
    org.runtime_data.client._retry_delays = ()
    cognitive3d_sim.fail_next.append(500)
    with pytest.raises(HomeAssistantError) as err:
        await query(hass, config_entry_id=org.entry_id, project="1001")
    assert err.value.translation_key == "cognitive3d_query_failed"
