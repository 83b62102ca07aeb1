"""Fixtures for simulated CaptureCast units over loopback sockets (used across the suite)."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import UTC, datetime

import aiohttp
import pytest

from custom_components.video_pipeline.clients.capturecast import CaptureCastClient
from simulator.capturecast import SimulatedUnit
from simulator.clock import SimClock

SIM_START = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


@pytest.fixture
async def capturecast_unit(socket_enabled: None) -> AsyncGenerator[SimulatedUnit]:
    """A running simulated unit whose clock moves only when a test advances it."""
    unit = SimulatedUnit(index=1, clock=SimClock(SIM_START))
    await unit.start()
    yield unit
    await unit.stop()


@pytest.fixture
async def http_session() -> AsyncGenerator[aiohttp.ClientSession]:
    """A plain aiohttp session for HA-free client tests."""
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
def capturecast_client(
    capturecast_unit: SimulatedUnit, http_session: aiohttp.ClientSession
) -> CaptureCastClient:
    """A client logged in to the simulated unit as its administrator."""
    return CaptureCastClient(
        http_session,
        capturecast_unit.host,
        port=capturecast_unit.port,
        username="admin",
        password="admin",
        request_timeout=2,
    )
