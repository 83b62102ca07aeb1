"""Fixtures for CaptureCast unit tests with a mocked client (no network).

The client is replaced where the integration builds it (``connection.CaptureCastClient``), so the
config flow and the entry setup both get the mock. Tests against a real simulated unit over
sockets use the simulator fixtures instead.
"""

from __future__ import annotations

from collections.abc import Generator
from datetime import UTC, datetime
from unittest.mock import AsyncMock, MagicMock, patch

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.video_pipeline.clients.capturecast import (
    CaptureState,
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
from custom_components.video_pipeline.clients.capturecast.client import Preview
from custom_components.video_pipeline.const import CONF_PROVIDER, DOMAIN, Provider

UNIT_HOST = "capture-101.example.edu"
UNIT_SERIAL = "cc-0001"
UNIT_DATA = {
    CONF_PROVIDER: Provider.CAPTURECAST.value,
    "host": UNIT_HOST,
    "port": None,
    "ssl": False,
    "verify_ssl": False,
    "username": "admin",
    "password": "secret",
}
# A 1x1 PNG.
PNG_PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c4944415408d763f8cfc0000003010100c9fe92ef0000000049454e44ae426082"
)


def unit_info() -> UnitInfo:
    """The mocked unit's identity."""
    return UnitInfo(
        unit_name="Lecture Hall 101",
        machine_name="cc-lh101",
        serial_number=UNIT_SERIAL,
        model="CaptureCast Pro",
        version="6.2.1",
    )


@pytest.fixture
def mock_config_entry() -> MockConfigEntry:
    """A CaptureCast unit's config entry (not yet added to hass)."""
    return MockConfigEntry(
        domain=DOMAIN,
        title="Lecture Hall 101",
        unique_id=UNIT_SERIAL,
        data=dict(UNIT_DATA),
    )


@pytest.fixture
def mock_capturecast_client() -> Generator[MagicMock]:
    """A mocked CaptureCast client that answers like an idle unit with one event today."""
    with patch(
        "custom_components.video_pipeline.capturecast.client_factory.CaptureCastClient",
        autospec=True,
    ) as client_class:
        client = client_class.return_value
        client.base_url = f"http://{UNIT_HOST}"
        client.get_unit_info = AsyncMock(return_value=unit_info())
        client.get_status = AsyncMock(
            return_value=UnitStatus(uptime_seconds=86400, version="6.2.1")
        )
        client.get_capture_status = AsyncMock(
            return_value=CaptureStatus(state=CaptureState.IDLE, raw_state="idle")
        )
        client.get_disk_space = AsyncMock(
            return_value=DiskSpace(free=400 * 10**9, usable=390 * 10**9, total=1000 * 10**9)
        )
        client.get_network = AsyncMock(
            return_value=NetworkStatus(ip_address="192.0.2.10", hostname="cc-lh101")
        )
        client.get_todays_schedule = AsyncMock(
            return_value=[
                ScheduledEvent(
                    id="ev1",
                    title="Physics 101",
                    template_id="1-src",
                    start=datetime(2026, 11, 22, 14, 0, tzinfo=UTC),
                    stop=datetime(2026, 11, 22, 15, 0, tzinfo=UTC),
                    started=False,
                    completed=False,
                    media_package_id=None,
                    group_id=None,
                )
            ]
        )
        client.get_templates = AsyncMock(
            return_value=[Template(id="1-src", name="Lecture"), Template(id="2-src", name="Panel")]
        )
        client.get_audio_devices = AsyncMock(
            return_value=[Device(id="a1", name="Podium mic", kind="audio")]
        )
        client.get_video_devices = AsyncMock(
            return_value=[
                Device(id="v1", name="Camera", kind="video"),
                Device(id="v2", name="Slides", kind="video"),
            ]
        )
        client.get_users = AsyncMock(
            return_value=[User(id=1, username="admin", roles=("Administrator",))]
        )
        client.get_preview = AsyncMock(
            return_value=Preview(content=PNG_PIXEL, content_type="image/png")
        )
        client.list_media_packages = AsyncMock(
            return_value=[
                MediaPackage(
                    id="mp1",
                    title="Physics 101",
                    created=datetime(2026, 11, 21, 15, 0, tzinfo=UTC),
                    duration_seconds=3600.0,
                    state="complete",
                )
            ]
        )
        client.list_scheduled_captures = AsyncMock(return_value=[])
        client.scheduler_list_form = None
        client.scheduler_cancel_form = None
        client.probe = AsyncMock(return_value={"/api/1/status/unit": "HTTP 200 application/json"})
        yield client
