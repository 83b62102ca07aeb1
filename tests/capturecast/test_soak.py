"""Soak: many simulated units polled for hundreds of rounds under a seeded mix of faults.

Bounded by rounds, not time. Afterwards every unit has recovered, nothing was invented (states
match the units), no traceback reached the log, and memory did not grow with the rounds.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
import gc
import logging
import random
import tracemalloc

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.video_pipeline.capturecast.coordinator import (
    CaptureCastCoordinator,
    CaptureCastData,
    SlowState,
)
from custom_components.video_pipeline.clients.capturecast import CaptureStatus
from custom_components.video_pipeline.const import DOMAIN
from simulator.capturecast import SimulatorFleet
from simulator.clock import SimClock

UNITS = 12
ROUNDS = 240
WARM_UP = 80
# A gross-leak guard for the whole process (HTTP connection buffers churn with the simulated
# outages); the precise check is that the integration's own state objects do not pile up.
MAX_GROWTH_BYTES = 2 * 1024 * 1024
# Allocations made for the test's own machinery: the harness's in-memory storage and the
# simulated units (they share this process). What is left is Home Assistant and the integration.
NOT_OURS = [
    tracemalloc.Filter(
        inclusive=False, filename_pattern="*pytest_homeassistant_custom_component*", all_frames=True
    ),
    tracemalloc.Filter(inclusive=False, filename_pattern="*/simulator/*", all_frames=True),
]


def live_state_objects() -> dict[str, int]:
    gc.collect()
    kinds = (CaptureCastData, SlowState, CaptureStatus)
    counts = dict.fromkeys((kind.__name__ for kind in kinds), 0)
    for obj in gc.get_objects():
        if type(obj) in kinds:
            counts[type(obj).__name__] += 1
    return counts


def traced_bytes() -> int:
    return sum(
        stat.size
        for stat in tracemalloc.take_snapshot().filter_traces(NOT_OURS).statistics("filename")
    )


@pytest.fixture
async def fleet(socket_enabled: None) -> AsyncGenerator[SimulatorFleet]:
    fleet = SimulatorFleet(UNITS, clock=SimClock())
    fleet.clock.freeze()
    await fleet.start()
    yield fleet
    await fleet.stop()


async def test_polling_soak(
    hass: HomeAssistant, fleet: SimulatorFleet, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    hass.loop.set_debug(False)  # the test harness's debug mode keeps a traceback per callback
    rng = random.Random(20261122)
    entries = []
    for unit in fleet.units:
        entry = MockConfigEntry(
            domain=DOMAIN,
            unique_id=unit.serial_number.lower(),
            data={
                "provider": "capturecast",
                "host": unit.host,
                "port": unit.port,
                "ssl": False,
                "verify_ssl": False,
                "username": "admin",
                "password": "admin",
            },
        )
        entry.add_to_hass(hass)
        entries.append(entry)
    await asyncio.gather(*(hass.config_entries.async_setup(e.entry_id) for e in entries))
    await hass.async_block_till_done()
    assert all(e.state is ConfigEntryState.LOADED for e in entries)
    coordinators: list[CaptureCastCoordinator] = [e.runtime_data.coordinator for e in entries]

    for round_number in range(ROUNDS):
        if round_number == WARM_UP:
            gc.collect()
            tracemalloc.start()
            baseline = traced_bytes()
            at_warm_up = live_state_objects()
        unit = rng.choice(fleet.units)
        fault = rng.random()
        if fault < 0.03:
            await (unit.go_online() if not unit.online else unit.go_offline())
        elif fault < 0.06:
            unit.error_status = 0 if unit.error_status else 500
        elif fault < 0.10 and unit.state == "idle":
            unit.begin_capture({"templateID": "1-src", "title": f"round {round_number}"})
        elif fault < 0.14 and unit.capture is not None:
            unit.stop_capture()
        fleet.clock.advance(10)
        if round_number % 12 == 0:  # a full poll every 2 simulated minutes
            for coordinator in coordinators:
                coordinator.invalidate_slow_state()
        await asyncio.gather(*(c.async_refresh() for c in coordinators))
        await hass.async_block_till_done()

    gc.collect()
    growth = traced_bytes() - baseline
    tracemalloc.stop()
    assert growth < MAX_GROWTH_BYTES, f"memory grew by {growth} bytes"
    # Each unit holds one current state: the integration's state objects do not pile up per poll.
    after_soak = live_state_objects()
    for kind, count in after_soak.items():
        assert count <= at_warm_up[kind] + UNITS, (kind, at_warm_up[kind], count)

    # Clear every fault: all units come back, and what HA shows is what the units say.
    for unit in fleet.units:
        unit.error_status = 0
        await unit.go_online()
    await asyncio.gather(*(c.async_refresh() for c in coordinators))
    await hass.async_block_till_done()
    for unit, coordinator in zip(fleet.units, coordinators, strict=True):
        assert coordinator.last_update_success, unit.unit_name
        unit.tick()
        shown = hass.states.get(f"switch.{unit.unit_name.lower().replace(' ', '_')}_recording")
        assert shown is not None
        assert shown.state == ("on" if unit.capture is not None else "off")
    # Debug records aside (HA 2026's coordinator adds a "Full error:" one per failed refresh).
    assert not [r for r in caplog.records if r.exc_info and r.levelno > logging.DEBUG]
