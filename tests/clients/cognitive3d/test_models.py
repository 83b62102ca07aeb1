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


def test_session_as_the_vendor_lists_it() -> None:
    """The session-list example of Cognitive3D's public agent docs (endpoints.md), trimmed."""
    session = Session.from_dict(
        {
            "sessionId": "1773998824_6826c6d546130967474184c118bfbc90",
            "participantId": "00130",
            "friendlyName": "Marco Aiello",
            "date": "2026-03-20T09:27:04.802Z",
            "duration": 80280,
            "startTime": 1773998824802,
            "hmd": None,
            "user": "6826c6d546130967474184c118bfbc90",
            "deviceId": "6826c6d546130967474184c118bfbc90",
            "tags": [],
            "properties": {
                "c3d.participant.name": "Marco Aiello",
                "c3d.device.model": "Oculus Quest",
                "c3d.device.hmd.type": "Head Tracking - OpenXR",
                "c3d.deviceid": "6826c6d546130967474184c118bfbc90",
                "c3d.session_tag.test": False,
                "c3d.session_tag.junk": False,
            },
        }
    )
    assert session.id == "1773998824_6826c6d546130967474184c118bfbc90"
    assert session.device == "Oculus Quest"  # not the null hmd, not the deviceId hash
    assert session.participant == "Marco Aiello"
    assert session.date == datetime(2026, 3, 20, 9, 27, 4, 802000, tzinfo=UTC)
    assert session.duration_seconds == 80.28
    assert session.tags == ()


def test_session_tags_from_properties_and_tag_objects() -> None:
    session = Session.from_dict(
        {
            "sessionId": "s",
            "tags": [{"id": 2, "title": "junk"}, {"id": 260, "title": "Crash"}, "VIP", {"x": 1}],
            "properties": {"c3d.session_tag.junk": True, "c3d.session_tag.test": False},
        }
    )
    assert session.tags == ("junk", "Crash", "VIP")


def test_session_fallbacks() -> None:
    session = Session.from_dict(
        {
            "id": 9,
            "startTime": 1611935185000,
            "hmd": "Quest",
            "deviceId": "abc123",
            "participantId": "00042",
            "tags": "x",
            "properties": {"c3d.device.model": "  ", "c3d.participant.name": None},
        }
    )
    assert session.id == "9"
    assert session.date == datetime(2021, 1, 29, 15, 46, 25, tzinfo=UTC)
    assert session.device is None  # only c3d.device.model names the headset
    assert session.participant == "00042"
    assert session.tags == ()
    assert session.duration_seconds is None
    assert Session.from_dict({"properties": "odd"}).device is None
    page = SessionPage.from_dict({"count": "3", "results": [{"sessionId": "a"}, 5]})
    assert page.count == 3
    assert [s.id for s in page.results] == ["a"]
