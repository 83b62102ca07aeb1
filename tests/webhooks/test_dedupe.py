"""The bounded, persisted store of recent delivery keys."""

from __future__ import annotations

from datetime import timedelta
import json
from typing import Any

from aiohttp.test_utils import TestClient
from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
)

from custom_components.video_pipeline.webhooks import EVENT_VIDEO_PIPELINE
from custom_components.video_pipeline.webhooks.dedupe import (
    SAVE_DELAY_SECONDS,
    DedupeStore,
    storage_key,
)

from .conftest import HEADERS, SECRET

URL = f"/api/webhook/{SECRET}"


async def test_new_keys_are_accepted_once(hass: HomeAssistant) -> None:
    store = DedupeStore(hass, "e1")
    await store.async_load()
    assert store.async_check_and_add("a")
    assert not store.async_check_and_add("a")
    assert store.async_check_and_add("b")
    assert len(store) == 2


async def test_the_oldest_key_is_evicted_beyond_the_bound(hass: HomeAssistant) -> None:
    store = DedupeStore(hass, "e1", max_keys=3)
    await store.async_load()
    for key in "abcd":
        assert store.async_check_and_add(key)
    assert len(store) == 3
    assert "a" not in store
    assert "d" in store
    assert store.async_check_and_add("a")  # forgotten, so new again


async def test_keys_expire_after_the_maximum_age(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    store = DedupeStore(hass, "e1", max_age=timedelta(days=7))
    await store.async_load()
    store.async_check_and_add("old")
    freezer.tick(timedelta(days=6))
    store.async_check_and_add("young")
    freezer.tick(timedelta(days=1, seconds=1))
    assert store.async_check_and_add("old")
    assert not store.async_check_and_add("young")


async def test_keys_are_saved_after_a_delay_and_reloaded(
    hass: HomeAssistant, hass_storage: dict[str, Any], freezer: FrozenDateTimeFactory
) -> None:
    store = DedupeStore(hass, "e1")
    await store.async_load()
    store.async_check_and_add("a")
    assert storage_key("e1") not in hass_storage
    freezer.tick(timedelta(seconds=SAVE_DELAY_SECONDS + 1))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    saved = hass_storage[storage_key("e1")]["data"]["keys"]
    assert [key for key, _ in saved] == ["a"]

    reloaded = DedupeStore(hass, "e1")
    await reloaded.async_load()
    assert not reloaded.async_check_and_add("a")


async def test_flush_writes_pending_keys_at_once(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    store = DedupeStore(hass, "e1")
    await store.async_load()
    await store.async_flush()  # nothing pending: nothing written
    assert storage_key("e1") not in hass_storage
    store.async_check_and_add("a")
    await store.async_flush()
    assert hass_storage[storage_key("e1")]["data"]["keys"][0][0] == "a"


async def test_stale_or_malformed_saved_keys_are_dropped(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    now = dt_util.utcnow().timestamp()
    hass_storage[storage_key("e1")] = {
        "version": 1,
        "key": storage_key("e1"),
        "data": {
            "keys": [
                ["fresh", now - 60],
                ["stale", now - 8 * 86400],
                ["fresher", now - 30],
                ["no-time"],
                [5, now],
                ["bad-time", "yesterday"],
                "not-a-pair",
            ]
        },
    }
    store = DedupeStore(hass, "e1")
    await store.async_load()
    assert len(store) == 2
    assert "fresh" in store
    assert "fresher" in store


async def test_a_saved_file_of_the_wrong_shape_is_ignored(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    hass_storage[storage_key("e1")] = {"version": 1, "key": storage_key("e1"), "data": []}
    store = DedupeStore(hass, "e1")
    await store.async_load()
    assert len(store) == 0


async def test_remove_deletes_the_saved_keys(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    store = DedupeStore(hass, "e1")
    await store.async_load()
    store.async_check_and_add("a")
    await store.async_flush()
    await store.async_remove()
    assert storage_key("e1") not in hass_storage
    assert len(store) == 0


async def test_a_retry_after_a_restart_fires_nothing(
    hass: HomeAssistant,
    client: TestClient,
    loaded_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
) -> None:
    """Unload flushes the keys; the next setup loads them, as after an HA restart."""
    events = async_capture_events(hass, EVENT_VIDEO_PIPELINE)
    body = json.dumps({"type": "video.source.recorded", "id": "k1"}).encode()
    assert (await client.post(URL, data=body, headers=HEADERS)).status == 200
    assert await hass.config_entries.async_unload(loaded_entry.entry_id)
    assert storage_key(loaded_entry.entry_id) in hass_storage

    assert await hass.config_entries.async_setup(loaded_entry.entry_id)
    await hass.async_block_till_done()
    assert (await client.post(URL, data=body, headers=HEADERS)).status == 200
    await hass.async_block_till_done()
    assert len(events) == 1
