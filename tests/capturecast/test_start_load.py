"""What one unit costs Home Assistant as it starts: paced starts, one request at a time, one
device description (see bench/RESULTS.md, "Home Assistant start with 200 units")."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any
from unittest.mock import AsyncMock, MagicMock, patch

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import CoreState, HomeAssistant
from homeassistant.helpers.entity_platform import async_get_platforms
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.video_pipeline.capturecast import start_pacing
from custom_components.video_pipeline.capturecast.start_pacing import START_SPACING, start_pacer
from custom_components.video_pipeline.const import DOMAIN

REQUESTS = (
    "get_capture_status",
    "get_status",
    "get_disk_space",
    "get_network",
    "get_todays_schedule",
    "get_templates",
    "get_audio_devices",
    "get_video_devices",
)


@pytest.fixture
def sleeps() -> Any:
    """The pacer's sleeps, recorded instead of slept."""
    sleep = AsyncMock()
    with patch.object(start_pacing, "asyncio", MagicMock(sleep=sleep)):
        yield sleep


async def test_units_starting_with_home_assistant_take_turns(
    hass: HomeAssistant, sleeps: AsyncMock
) -> None:
    hass.set_state(CoreState.not_running)
    pacer = start_pacer(hass)
    assert start_pacer(hass) is pacer  # one for all units
    for _ in range(3):
        await pacer.async_wait_turn(hass)
    delays = [call.args[0] for call in sleeps.await_args_list]
    assert delays == [
        pytest.approx(START_SPACING, abs=1e-3),
        pytest.approx(2 * START_SPACING, abs=1e-3),
    ]


async def test_a_unit_added_to_a_running_home_assistant_starts_at_once(
    hass: HomeAssistant, sleeps: AsyncMock
) -> None:
    pacer = start_pacer(hass)
    for _ in range(3):
        await pacer.async_wait_turn(hass)
    sleeps.assert_not_awaited()


async def test_setup_waits_for_its_turn(
    hass: HomeAssistant,
    mock_capturecast_client: MagicMock,
    mock_config_entry: MockConfigEntry,
    sleeps: AsyncMock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hass.set_state(CoreState.not_running)
    monkeypatch.setattr(start_pacing, "START_SPACING", 60.0)  # longer than the setup takes
    await start_pacer(hass).async_wait_turn(hass)  # another unit's turn, just now
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    assert mock_config_entry.state is ConfigEntryState.LOADED
    sleeps.assert_awaited_once()
    assert sleeps.await_args.args[0] == pytest.approx(60.0, abs=5)


def counting(
    call: Callable[..., Awaitable[Any]], in_flight: list[int], most: list[int]
) -> Callable[..., Awaitable[Any]]:
    """The same call, counting how many of the unit's requests are under way at once."""

    async def counted(*args: Any, **kwargs: Any) -> Any:
        in_flight[0] += 1
        most[0] = max(most[0], in_flight[0])
        try:
            await asyncio.sleep(0)  # a real request yields to the loop
            return await call(*args, **kwargs)
        finally:
            in_flight[0] -= 1

    return counted


async def test_a_unit_gets_one_request_at_a_time(
    hass: HomeAssistant, mock_capturecast_client: MagicMock, mock_config_entry: MockConfigEntry
) -> None:
    in_flight, most = [0], [0]
    for name in REQUESTS:
        mock = getattr(mock_capturecast_client, name)
        setattr(mock_capturecast_client, name, counting(mock, in_flight, most))
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    coordinator = mock_config_entry.runtime_data.coordinator
    assert coordinator.data.slow.templates  # every part was fetched
    assert coordinator.data.slow.video_devices is not None
    assert most == [1]


async def test_a_units_entities_share_one_device_description(
    hass: HomeAssistant, mock_capturecast_client: MagicMock, mock_config_entry: MockConfigEntry
) -> None:
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    entities = [
        entity
        for platform in async_get_platforms(hass, DOMAIN)
        for entity in platform.entities.values()
    ]
    assert len(entities) > 10
    assert len({id(entity.device_info) for entity in entities}) == 1
