"""Setup time per provider: config entry setup until all its entities are available."""

from __future__ import annotations

import statistics
import time
from typing import Any

from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.video_pipeline.const import DOMAIN
from simulator.apivideo import ApiVideoSimulator
from simulator.capturecast import SimulatedUnit
from simulator.clevercast import ClevercastSimulator
from simulator.cognitive3d import Cognitive3DSimulator
from simulator.contentgroove import API_PREFIX, ContentGrooveSimulator
from simulator.server import LoopbackServer

REPEATS = 5


async def time_setup(hass: HomeAssistant, data: dict[str, Any]) -> float:
    """Median seconds from setup start until every entity of the entry has a usable state."""
    samples = []
    for _ in range(REPEATS):
        entry = MockConfigEntry(domain=DOMAIN, data=data)
        entry.add_to_hass(hass)
        start = time.perf_counter()
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
        elapsed = time.perf_counter() - start
        registry = er.async_get(hass)
        entities = er.async_entries_for_config_entry(registry, entry.entry_id)
        assert entities
        for entity in entities:
            if entity.disabled_by is None:
                state = hass.states.get(entity.entity_id)
                assert state is not None
                assert state.state != STATE_UNAVAILABLE or entity.entity_id.startswith("switch.")
        samples.append(elapsed)
        await hass.config_entries.async_remove(entry.entry_id)
    return statistics.median(samples)


async def test_setup_time(
    hass: HomeAssistant,
    socket_enabled: None,
    capturecast_unit: SimulatedUnit,
    results: dict[str, Any],
) -> None:
    # The accounts subscribe their webhook at the vendor during setup, so HA needs an address.
    await hass.config.async_update(external_url="https://ha.example.com")
    cognitive3d = Cognitive3DSimulator()
    apivideo = ApiVideoSimulator()
    contentgroove = ContentGrooveSimulator()
    clevercast = ClevercastSimulator()
    servers: list[LoopbackServer] = [cognitive3d, apivideo, contentgroove, clevercast]
    for server in servers:
        await server.start()
    try:
        setup = results.setdefault("setup", {})
        setup["capturecast"] = await time_setup(
            hass,
            {
                "provider": "capturecast",
                "host": capturecast_unit.host,
                "port": capturecast_unit.port,
                "ssl": False,
                "verify_ssl": False,
                "username": "admin",
                "password": "admin",
            },
        )
        setup["cognitive3d"] = await time_setup(
            hass,
            {
                "provider": "cognitive3d",
                "api_key": cognitive3d.api_key,
                "organization_id": 42,
                "base_url": cognitive3d.base_url,
            },
        )
        api_key = next(iter(apivideo.keys))
        setup["api_video"] = await time_setup(
            hass,
            {
                "provider": "api_video",
                "api_key": api_key,
                "environment": apivideo.keys[api_key],
                "base_url": apivideo.base_url,
            },
        )
        setup["contentgroove"] = await time_setup(
            hass,
            {
                "provider": "contentgroove",
                "api_key": contentgroove.api_key,
                "base_url": f"{contentgroove.base_url}{API_PREFIX}",
            },
        )
        setup["clevercast"] = await time_setup(
            hass,
            {
                "provider": "clevercast",
                "email": "api@example.com",
                "password": "secret",
                "base_url": f"{clevercast.base_url}/api/v1/",
            },
        )
    finally:
        for server in servers:
            await server.stop()
