"""Lenient parsing of Cognitive3D answers with shapes the simulator does not produce."""

from __future__ import annotations

from datetime import UTC, datetime

from custom_components.video_pipeline.clients.cognitive3d import (
    Organization,
    Project,
    Scene,
    Session,
    SessionPage,
)
from custom_components.video_pipeline.clients.cognitive3d.models import parse_time


def test_parse_time_shapes() -> None:
    expected = datetime(2021, 1, 29, 15, 46, 25, tzinfo=UTC)
    assert parse_time(1611935185000) == expected
    assert parse_time("1611935185000") == expected
    assert parse_time("2021-01-29T15:46:25Z") == expected
    assert parse_time("2021-01-29T15:46:25") == expected
    assert parse_time("garbage") is None
    assert parse_time(0) is None
    assert parse_time(None) is None
    assert parse_time(True) is None  # noqa: FBT003 - booleans must not pass as epoch ms
    assert parse_time(1e30) is None
    assert parse_time("") is None


def test_organization_with_odd_projects() -> None:
    org = Organization.from_dict(
        {"id": "5", "projects": [{"id": 1}, {"name": "no id"}, "junk", {"id": "2", "name": "B"}]}
    )
    assert org.id == 5
    assert org.name == "5"
    assert [(p.id, p.name) for p in org.projects] == [(1, "1"), (2, "B")]
    assert Organization.from_dict({}).projects == ()


def test_project_and_scene_fallbacks() -> None:
    project = Project.from_dict({"id": 3, "scenes": [{"id": "s1", "name": "Alt"}, {"x": 1}]})
    assert [(s.id, s.name) for s in project.scenes] == [("s1", "Alt")]
    # Stats directly on the scene (no versions), one version without stats.
    scene = Scene.from_dict(
        {"id": "s1", "stats": {"session_count": "2", "total_session_time": 4000}}
    )
    assert scene.stats.session_count == 2
    assert scene.stats.average_session_duration == 2.0
    empty = Scene.from_dict({"id": "s2", "versions": [{"id": 1}]})
    assert empty.stats.session_count == 0
    assert empty.stats.average_session_duration is None
    assert empty.stats.latest_session is None


def test_session_fallbacks() -> None:
    session = Session.from_dict(
        {"id": 9, "sessionDate": "2026-11-22T10:00:00Z", "device": "Quest", "tags": "x"}
    )
    assert session.id == "9"
    assert session.device == "Quest"
    assert session.participant is None
    assert session.tags == ()
    assert session.duration_seconds is None
    page = SessionPage.from_dict({"count": "3", "results": [{"sessionId": "a"}, 5]})
    assert page.count == 3
    assert [s.id for s in page.results] == ["a"]
