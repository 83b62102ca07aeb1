"""Parsing edge cases of the CaptureCast models that must not depend on a fuzzer's luck."""

from __future__ import annotations

from typing import Any

import pytest

from custom_components.video_pipeline.clients.capturecast import (
    CaptureStatus,
    DiskSpace,
    MediaPackage,
    ScheduledEvent,
    UnitStatus,
    User,
)

# Not numbers, whatever JSON (Python's json allows Infinity and NaN) or a string claims.
NON_FINITE: list[Any] = [
    float("inf"),
    float("-inf"),
    float("nan"),
    "inf",
    "-Infinity",
    "NaN",
    "1e400",
    pytest.param(10**400, id="int-too-large-for-float"),
]


@pytest.mark.parametrize("value", NON_FINITE)
def test_disk_space_ignores_non_finite_numbers(value: Any) -> None:
    disk = DiskSpace.from_dict({"free": value, "usable": value, "total": value})
    assert (disk.free, disk.usable, disk.total) == (0, 0, 0)
    assert disk.used_percent is None
    # One bad field does not spoil the others.
    disk = DiskSpace.from_dict({"free": value, "usable": 500, "total": 1000})
    assert (disk.free, disk.usable, disk.total) == (0, 500, 1000)
    disk = DiskSpace.from_dict({"free": 250, "usable": value, "total": value})
    assert (disk.free, disk.usable, disk.total) == (250, 250, 0)


@pytest.mark.parametrize("value", NON_FINITE)
def test_other_numbers_ignore_non_finite_values(value: Any) -> None:
    assert UnitStatus.from_dict({"uptime": value, "version": "6"}).uptime_seconds is None
    assert User.from_dict({"id": value, "username": "admin"}).id is None
    capture = CaptureStatus.from_dict({"state": "recording", "elapsed": value, "startTime": value})
    assert capture.elapsed_seconds is None
    assert capture.started_at is None
    media = MediaPackage.from_dict({"id": "mp1", "duration": value, "creationDate": value})
    assert media.duration_seconds is None
    assert media.created is None
    assert media.as_dict()["duration"] is None
    event = ScheduledEvent.from_dict({"id": "e1", "startTime": value, "stopTime": value})
    assert (event.start, event.stop) == (None, None)


def test_finite_numbers_still_parse() -> None:
    assert DiskSpace.from_dict({"free": "2.5e3", "total": 1e4}) == DiskSpace(2500, 2500, 10000)
    assert UnitStatus.from_dict({"uptime": 12.9}).uptime_seconds == 12
    assert CaptureStatus.from_dict({"elapsed": "1500"}).elapsed_seconds == 1.5


@pytest.mark.parametrize(
    ("data", "listed"),
    [
        ({"username": "a", "roles": ["Administrator"]}, True),
        ({"username": "a", "roles": []}, True),
        ({"username": "a"}, False),
        ({"username": "a", "roles": "Administrator"}, False),
    ],
)
def test_user_says_whether_roles_were_listed(data: dict[str, Any], listed: bool) -> None:
    """The config flow refuses a user only when the unit lists the roles (see the flow)."""
    assert User.from_dict(data).roles_listed is listed
