"""Fleet polling: 1, 10, 50 and 200 simulated units with 100 ms latency in one HA instance.

The simulated units run in a separate process, so the CPU time and memory measured here are
Home Assistant's and the integration's alone.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Iterator
import contextlib
import json
import os
from pathlib import Path
import statistics
import subprocess
import sys
import time
import tracemalloc
from typing import Any

import aiohttp
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.video_pipeline.capturecast.coordinator import (
    FAST_INTERVAL,
    SLOW_INTERVAL,
    CaptureCastCoordinator,
)
from custom_components.video_pipeline.const import DOMAIN

FLEET_SIZES = (1, 10, 50, 200)
LATENCY_MS = 100
REPEATS = 5
SETUP_BATCH = 25
BASE_PORT = 21000
ROOT = Path(__file__).parents[1]


@contextlib.contextmanager
def simulator_process(count: int) -> Iterator[list[str]]:
    """Start ``python -m simulator`` with ``count`` units; yield their URLs."""
    process = subprocess.Popen(  # noqa: S603 - runs our own simulator with fixed arguments
        [
            sys.executable,
            "-m",
            "simulator",
            "--capturecast",
            str(count),
            "--base-port",
            str(BASE_PORT),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert process.stdout is not None
        urls = [json.loads(process.stdout.readline())["url"] for _ in range(count)]
        yield urls
    finally:
        process.terminate()
        process.wait(timeout=10)


class StallMonitor:
    """Measures how late the event loop runs a 1 ms timer: the longest stall."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            before = loop.time()
            await asyncio.sleep(0.001)
            self.longest = max(self.longest, loop.time() - before - 0.001)

    def __enter__(self) -> StallMonitor:
        self._task = asyncio.get_running_loop().create_task(self._run())
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()


async def set_latency(session: aiohttp.ClientSession, urls: list[str], ms: int) -> None:
    await asyncio.gather(*(session.post(f"{url}/_sim/latency", json={"ms": ms}) for url in urls))


async def request_counts(session: aiohttp.ClientSession, urls: list[str]) -> list[int]:
    async def one(url: str) -> int:
        async with session.get(f"{url}/_sim/state") as response:
            return int((await response.json())["requests"])

    return list(await asyncio.gather(*(one(url) for url in urls)))


@pytest.fixture
async def plain_session() -> AsyncGenerator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.mark.parametrize("count", FLEET_SIZES)
async def test_fleet_refresh(
    hass: HomeAssistant,
    socket_enabled: None,
    plain_session: aiohttp.ClientSession,
    results: dict[str, Any],
    count: int,
) -> None:
    with simulator_process(count) as urls:
        await set_latency(plain_session, urls, 0)
        entries = []

        def add_entry(url: str) -> MockConfigEntry:
            host, port = url.removeprefix("http://").split(":")
            entry = MockConfigEntry(
                domain=DOMAIN,
                data={
                    "provider": "capturecast",
                    "host": host,
                    "port": int(port),
                    "ssl": False,
                    "verify_ssl": False,
                    "username": "admin",
                    "password": "admin",
                },
            )
            entry.add_to_hass(hass)
            entries.append(entry)
            return entry

        # A warm-up entry loads the platforms once, so memory is measured per extra unit.
        warm_up = add_entry(urls[0])
        await hass.config_entries.async_setup(warm_up.entry_id)
        await hass.async_block_till_done()
        tracemalloc.start()
        before, _ = tracemalloc.get_traced_memory()
        measured = [add_entry(url) for url in urls[1:]] if count > 1 else []
        # In batches: this measures polling, not a cold start of hundreds of entries at once
        # (which HA handles by retrying the entries whose first poll times out).
        for batch in range(0, len(measured), SETUP_BATCH):
            await asyncio.gather(
                *(
                    hass.config_entries.async_setup(e.entry_id)
                    for e in measured[batch : batch + SETUP_BATCH]
                )
            )
            await hass.async_block_till_done()
        after, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        failed = [(e.state, e.reason) for e in entries if not hasattr(e, "runtime_data")]
        assert not failed, failed[:3]
        coordinators: list[CaptureCastCoordinator] = [e.runtime_data.coordinator for e in entries]
        assert all(c.last_update_success for c in coordinators)

        await set_latency(plain_session, urls, LATENCY_MS)
        full_walls, fast_walls, cpu_per_unit, stalls, fast_stalls = [], [], [], [], []
        for _ in range(REPEATS):
            for coordinator in coordinators:
                coordinator.invalidate_slow_state()
            cpu, wall = time.process_time(), time.perf_counter()
            await asyncio.gather(*(c.async_refresh() for c in coordinators))
            full_walls.append(time.perf_counter() - wall)
            cpu_per_unit.append((time.process_time() - cpu) / count)
            for coordinator in coordinators:
                coordinator.invalidate_slow_state()
            with StallMonitor() as monitor:
                await asyncio.gather(*(c.async_refresh() for c in coordinators))
            stalls.append(monitor.longest)
            with StallMonitor() as monitor:
                wall = time.perf_counter()
                await asyncio.gather(*(c.async_refresh() for c in coordinators))
                fast_walls.append(time.perf_counter() - wall)
            fast_stalls.append(monitor.longest)
        assert all(c.last_update_success for c in coordinators)

        # Requests per refresh kind, counted by the units themselves.
        start = await request_counts(plain_session, urls)
        await asyncio.gather(*(c.async_refresh() for c in coordinators))
        fast_done = await request_counts(plain_session, urls)
        for coordinator in coordinators:
            coordinator.invalidate_slow_state()
        await asyncio.gather(*(c.async_refresh() for c in coordinators))
        slow_done = await request_counts(plain_session, urls)
        per_fast = statistics.mean(b - a for a, b in zip(start, fast_done, strict=True))
        per_slow = statistics.mean(b - a for a, b in zip(fast_done, slow_done, strict=True))
        fast_per_minute = 60 / FAST_INTERVAL.total_seconds()
        slow_per_minute = 60 / SLOW_INTERVAL.total_seconds()
        per_minute = per_fast * (fast_per_minute - slow_per_minute) + per_slow * slow_per_minute

        for entry in entries:
            await hass.config_entries.async_unload(entry.entry_id)
        await hass.async_block_till_done()

    results.setdefault("fleet", {})[str(count)] = {
        "units": count,
        "full_refresh_s": statistics.median(full_walls),
        "capture_state_refresh_s": statistics.median(fast_walls),
        "cpu_per_unit_refresh_ms": statistics.median(cpu_per_unit) * 1000,
        "longest_stall_ms": max(stalls) * 1000,
        "longest_stall_capture_state_ms": max(fast_stalls) * 1000,
        "memory_per_unit_kb": (after - before) / max(1, count - 1) / 1024 if count > 1 else None,
        "peak_memory_per_unit_kb": (peak - before) / max(1, count - 1) / 1024
        if count > 1
        else None,
        "requests_per_fast_refresh": per_fast,
        "requests_per_full_refresh": per_slow,
        "requests_per_unit_per_minute": per_minute,
    }
