"""Whatever JSON a unit answers, parsing gives a model or our own error, never a crash."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings, strategies as st
import pytest

from custom_components.video_pipeline.clients.capturecast import (
    CaptureCastResponseError,
    CaptureStatus,
    Device,
    DiskSpace,
    MediaPackage,
    NetworkStatus,
    ScheduledEvent,
    Template,
    UnitInfo,
    UnitStatus,
    User,
)
from custom_components.video_pipeline.clients.capturecast.client import _as_list, _as_object

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)
KNOWN_KEYS = [
    "state", "title", "templateID", "elapsed", "duration", "startTime", "stopTime", "free",
    "usable", "total", "ipAddress", "interfaces", "id", "name", "unitName", "machineName",
    "serialNumber", "version", "uptime", "roles", "username", "started", "completed",
    "creationDate", "mediaPackageID", "groupID",
]  # fmt: skip
objects = st.dictionaries(
    st.sampled_from(KNOWN_KEYS) | st.text(max_size=8), json_values, max_size=8
)

PARSERS = [
    UnitInfo.from_dict,
    UnitStatus.from_dict,
    CaptureStatus.from_dict,
    DiskSpace.from_dict,
    NetworkStatus.from_dict,
    Template.from_dict,
    ScheduledEvent.from_dict,
    MediaPackage.from_dict,
    User.from_dict,
    lambda data: Device.from_dict(data, "audio"),
]


@pytest.mark.parametrize("parse", PARSERS)
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=objects)
def test_parsers_never_crash(parse: Any, data: dict[str, Any]) -> None:
    model = parse(data)
    if isinstance(model, ScheduledEvent | MediaPackage):
        model.as_dict()
    if isinstance(model, DiskSpace):
        assert model.used_percent is None or isinstance(model.used_percent, float)


@settings(max_examples=200, deadline=None)
@given(data=json_values)
def test_shapes_are_checked(data: Any) -> None:
    try:
        assert isinstance(_as_object(data), dict)
    except CaptureCastResponseError:
        assert not isinstance(data, dict)
    try:
        items = _as_list(data, "items")
    except CaptureCastResponseError:
        return
    assert all(isinstance(item, dict) for item in items)
