"""Fixtures: a simulated Cognitive3D organization over loopback and its config entry."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.video_pipeline.const import CONF_PROVIDER, DOMAIN, Provider
from simulator.cognitive3d import Cognitive3DSimulator


@pytest.fixture
async def cognitive3d_sim(socket_enabled: None) -> AsyncGenerator[Cognitive3DSimulator]:
    """A running simulated organization (id 42, two projects, 30 sessions)."""
    sim = Cognitive3DSimulator()
    await sim.start()
    yield sim
    await sim.stop()


@pytest.fixture
def cognitive3d_entry(cognitive3d_sim: Cognitive3DSimulator) -> MockConfigEntry:
    """The organization's config entry, pointing at the simulator."""
    return MockConfigEntry(
        domain=DOMAIN,
        title="Training Lab",
        unique_id="42",
        data={
            CONF_PROVIDER: Provider.COGNITIVE3D.value,
            "api_key": cognitive3d_sim.api_key,
            "organization_id": 42,
            "base_url": cognitive3d_sim.base_url,
        },
    )
