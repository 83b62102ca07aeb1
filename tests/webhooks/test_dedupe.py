"""The durable store of recent delivery keys: journal, group commit, failures and repairs."""

from __future__ import annotations

import asyncio
from datetime import timedelta
import json
import logging
from pathlib import Path
import threading
import time
from typing import Any
from unittest.mock import patch

from aiohttp.test_utils import TestClient
from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.video_pipeline.const import DOMAIN
from custom_components.video_pipeline.webhooks import EVENT_VIDEO_PIPELINE, dedupe as dedupe_module
from custom_components.video_pipeline.webhooks.dedupe import (
    DedupeStore,
    DedupeUnavailableError,
    issue_id,
    storage_key,
)

from .conftest import HEADERS, SECRET

URL = f"/api/webhook/{SECRET}"


async def claim(store: DedupeStore, *keys: str) -> list[bool]:
    """Claim ``keys`` and return which were new (what the receiver's callback sees)."""
    seen: list[bool] = []
    await store.async_claim(keys, seen.extend)
    return seen


def journal_keys(store: DedupeStore) -> list[str]:
    return [json.loads(line)[0] for line in store.path.read_bytes().splitlines()]


async def test_new_keys_are_accepted_once(hass: HomeAssistant) -> None:
    store = DedupeStore(hass, "e1")
    await store.async_load()
    assert await claim(store, "a") == [True]
    assert await claim(store, "a") == [False]
    assert await claim(store, "b", "a", "b") == [True, False, False]
    assert len(store) == 2


async def test_a_key_is_on_disk_before_its_callback_runs(hass: HomeAssistant) -> None:
    store = DedupeStore(hass, "e1")
    await store.async_load()
    on_disk: list[list[str]] = []
    await store.async_claim(["a"], lambda new: on_disk.append(journal_keys(store)))
    assert on_disk == [["a"]]


async def test_claims_arriving_during_a_write_share_the_next_write(hass: HomeAssistant) -> None:
    """Group commit: one write for the first claim, one for everything that came meanwhile."""
    store = DedupeStore(hass, "e1")
    await store.async_load()
    writes: list[bytes] = []
    writing, release = threading.Event(), threading.Event()
    real_append = dedupe_module._append

    def counting_append(path: Path, data: bytes) -> None:
        writes.append(data)
        writing.set()
        assert release.wait(5)
        real_append(path, data)

    with patch.object(dedupe_module, "_append", counting_append):
        results: list[list[bool]] = [[] for _ in range(20)]
        futures = [store.async_claim(["k0"], results[0].extend)]
        assert writing.wait(5)  # the first write is under way
        futures += [store.async_claim([f"k{i % 10}"], results[i].extend) for i in range(1, 20)]
        release.set()
        await asyncio.gather(*futures)
    assert len(writes) == 2
    assert [r[0] for r in results].count(True) == 10
    assert sorted(journal_keys(store)) == sorted(f"k{i}" for i in range(10))


async def test_one_loop_wake_up_completes_every_claim_of_a_write(hass: HomeAssistant) -> None:
    """The writer reports each write once; that one step runs the callbacks of all its claims."""
    store = DedupeStore(hass, "e1")
    await store.async_load()
    writing, release = threading.Event(), threading.Event()
    real_append = dedupe_module._append

    def held_append(path: Path, data: bytes) -> None:
        writing.set()
        assert release.wait(5)
        real_append(path, data)

    reports: list[list[int]] = []
    real_report = store._async_synced

    def counting_report(seq: int) -> None:
        reports.append([])
        real_report(seq)

    with (
        patch.object(dedupe_module, "_append", held_append),
        patch.object(store, "_async_synced", counting_report),
    ):
        futures = [store.async_claim(["k0"], lambda new: reports[-1].append(0))]
        assert writing.wait(5)
        futures += [
            store.async_claim([f"k{i}"], lambda new, i=i: reports[-1].append(i))
            for i in range(1, 8)
        ]
        release.set()
        await asyncio.gather(*futures)
    assert reports == [[0], [1, 2, 3, 4, 5, 6, 7]]  # in the order the claims came


async def test_repeats_of_stored_keys_write_nothing(hass: HomeAssistant) -> None:
    store = DedupeStore(hass, "e1")
    await store.async_load()
    await claim(store, "a")
    with patch.object(dedupe_module, "_append", side_effect=AssertionError) as append:
        assert await claim(store, "a") == [False]
    append.assert_not_called()


async def test_the_oldest_key_is_evicted_beyond_the_bound(hass: HomeAssistant) -> None:
    store = DedupeStore(hass, "e1", max_keys=3)
    await store.async_load()
    for key in "abcd":
        assert await claim(store, key) == [True]
    assert len(store) == 3
    assert "a" not in store
    assert "d" in store
    assert await claim(store, "a") == [True]  # forgotten, so new again


async def test_keys_expire_after_the_maximum_age(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    store = DedupeStore(hass, "e1", max_age=timedelta(days=7))
    await store.async_load()
    await claim(store, "old")
    freezer.tick(timedelta(days=6))
    await claim(store, "young")
    freezer.tick(timedelta(days=1, seconds=1))
    assert await claim(store, "old") == [True]
    assert await claim(store, "young") == [False]


async def test_keys_survive_a_crash_without_unload(hass: HomeAssistant) -> None:
    """Nothing is flushed at unload any more: a claimed key is on disk already."""
    store = DedupeStore(hass, "e1")
    await store.async_load()
    await claim(store, "a")

    reloaded = DedupeStore(hass, "e1")  # the old one is simply dropped, as by SIGKILL
    await reloaded.async_load()
    assert await claim(reloaded, "a") == [False]


async def test_a_torn_last_line_is_dropped_and_the_journal_compacted(
    hass: HomeAssistant,
) -> None:
    store = DedupeStore(hass, "e1")
    await store.async_load()
    await claim(store, "a")
    with store.path.open("ab") as journal:
        journal.write(b'["b", 12')  # a write the crash cut short (never acknowledged)

    reloaded = DedupeStore(hass, "e1")
    await reloaded.async_load()
    assert len(reloaded) == 1
    assert await claim(reloaded, "c") == [True]
    assert journal_keys(reloaded) == ["a", "c"]


async def test_the_journal_is_compacted_when_it_holds_many_dead_lines(
    hass: HomeAssistant,
) -> None:
    store = DedupeStore(hass, "e1", max_keys=2)
    await store.async_load()
    with patch.object(dedupe_module, "COMPACT_SLACK", 3):
        for key in "abcdefg":
            await claim(store, key)
    assert len(store.path.read_bytes().splitlines()) <= 5
    assert journal_keys(store)[-2:] == ["f", "g"]


async def test_a_failed_compaction_keeps_the_journal(
    hass: HomeAssistant, caplog: pytest.LogCaptureFixture
) -> None:
    store = DedupeStore(hass, "e1", max_keys=1)
    await store.async_load()
    with (
        patch.object(dedupe_module, "COMPACT_SLACK", 1),
        patch.object(dedupe_module, "_rewrite", side_effect=OSError("no space")),
    ):
        for key in "abc":
            assert await claim(store, key) == [True]
    assert store.available
    assert journal_keys(store) == ["a", "b", "c"]


async def test_stale_or_malformed_journal_lines_are_dropped(hass: HomeAssistant) -> None:
    now = dt_util.utcnow().timestamp()
    store = DedupeStore(hass, "e1")
    store.path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        ["fresh", now - 60],
        ["stale", now - 8 * 86400],
        ["fresher", now - 30],
        ["no-time"],
        [5, now],
        ["bad-time", "yesterday"],
        ["bool-time", True],
        "not-a-pair",
    ]
    store.path.write_bytes(b"".join(json.dumps(x).encode() + b"\n" for x in lines) + b"{\n")
    await store.async_load()
    assert len(store) == 2
    assert "fresh" in store
    assert "fresher" in store


async def test_keys_of_the_older_store_file_are_taken_over(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    now = dt_util.utcnow().timestamp()
    hass_storage[storage_key("e1")] = {
        "version": 1,
        "key": storage_key("e1"),
        "data": {"keys": [["old-a", now - 60], ["bad"], ["old-b", now - 30]]},
    }
    store = DedupeStore(hass, "e1")
    await store.async_load()
    assert await claim(store, "old-a", "old-b", "c") == [False, False, True]
    assert storage_key("e1") not in hass_storage
    assert journal_keys(store) == ["old-a", "old-b", "c"]


async def test_an_older_store_file_of_the_wrong_shape_is_ignored(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    hass_storage[storage_key("e1")] = {"version": 1, "key": storage_key("e1"), "data": []}
    store = DedupeStore(hass, "e1")
    await store.async_load()
    assert len(store) == 0
    assert storage_key("e1") not in hass_storage


async def test_remove_deletes_the_journal(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    store = DedupeStore(hass, "e1")
    await store.async_load()
    await claim(store, "a")
    await store.async_remove()
    assert not store.path.exists()
    assert len(store) == 0


async def test_close_waits_for_the_write_in_flight(hass: HomeAssistant) -> None:
    store = DedupeStore(hass, "e1")
    await store.async_load()
    seen: list[bool] = []
    future = store.async_claim(["a"], seen.extend)
    await store.async_close()
    assert future.done()
    assert seen == [True]
    assert journal_keys(store) == ["a"]


async def test_an_unwritable_store_refuses_and_recovers(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, caplog: pytest.LogCaptureFixture
) -> None:
    """Unavailable: no callback, one log line, a repair issue, back-off; cleared on success."""
    store = DedupeStore(hass, "e1", title="My account")
    await store.async_load()
    called: list[list[bool]] = []
    issues = ir.async_get(hass)
    with patch.object(dedupe_module, "_append", side_effect=OSError(28, "No space left")):
        for _ in range(2):
            with pytest.raises(DedupeUnavailableError):
                await store.async_claim(["a"], called.append)
        # Later attempts after the back-off fail again, quietly.
        with (
            patch.object(dedupe_module, "monotonic", return_value=10**12),
            pytest.raises(DedupeUnavailableError),
        ):
            await store.async_claim(["a"], called.append)
    assert called == []
    assert not store.available
    assert "a" not in store
    errors = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(errors) == 1
    assert "No space left" in errors[0].getMessage()
    issue = issues.async_get_issue(DOMAIN, issue_id("e1"))
    assert issue is not None
    assert issue.translation_key == "dedupe_store_unwritable"
    assert issue.translation_placeholders == {"entry": "My account", "path": str(store.path)}

    with patch.object(dedupe_module, "monotonic", return_value=10**13):
        assert await claim(store, "a") == [True]
    assert store.available
    assert issues.async_get_issue(DOMAIN, issue_id("e1")) is None
    assert "can be written again" in caplog.text


async def test_an_unreadable_journal_fails_until_it_can_be_read(hass: HomeAssistant) -> None:
    """A journal that cannot be read at load is read again before the next write."""
    store = DedupeStore(hass, "e1")
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_bytes(b'["a", %f]\n' % dt_util.utcnow().timestamp())
    with patch.object(dedupe_module, "_read", side_effect=PermissionError(13, "denied")):
        await store.async_load()
        assert not store.available
        with pytest.raises(DedupeUnavailableError):
            await store.async_claim(["b"], list)
        with (
            patch.object(dedupe_module, "monotonic", return_value=10**12),
            pytest.raises(DedupeUnavailableError),
        ):
            await store.async_claim(["b"], list)
    with patch.object(dedupe_module, "monotonic", return_value=10**13):
        assert await claim(store, "a", "b") == [False, True]
    assert store.available


async def test_claims_while_the_journal_is_read_again_wait_for_it(hass: HomeAssistant) -> None:
    """After a failed read, claims wait for one new read of the journal; close waits too."""
    store = DedupeStore(hass, "e1")
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_bytes(b'["a", %f]\n' % dt_util.utcnow().timestamp())
    with patch.object(dedupe_module, "_read", side_effect=PermissionError(13, "denied")):
        await store.async_load()
    reads: list[Path] = []
    real_read = dedupe_module._read

    def counting_read(path: Path) -> bytes:
        reads.append(path)
        return real_read(path)

    seen: list[list[bool]] = [[], []]
    with (
        patch.object(dedupe_module, "_read", counting_read),
        patch.object(dedupe_module, "monotonic", return_value=10**13),
    ):
        futures = [
            store.async_claim(["a", "b"], seen[0].extend),
            store.async_claim(["b", "c"], seen[1].extend),
        ]
        await store.async_close()
    assert all(future.done() for future in futures)
    assert reads == [store.path]
    assert seen == [[False, True], [False, True]]
    assert sorted(journal_keys(store)) == ["a", "b", "c"]


async def test_a_claim_of_known_keys_waiting_for_the_read_completes(hass: HomeAssistant) -> None:
    """Keys the new read of the journal finds need no write: the claim completes at once."""
    store = DedupeStore(hass, "e1")
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_bytes(b'["a", %f]\n' % dt_util.utcnow().timestamp())
    with patch.object(dedupe_module, "_read", side_effect=PermissionError(13, "denied")):
        await store.async_load()
    seen: list[bool] = []
    with (
        patch.object(dedupe_module, "_append", side_effect=AssertionError("written")),
        patch.object(dedupe_module, "monotonic", return_value=10**13),
    ):
        await asyncio.wait_for(store.async_claim(["a"], seen.extend), 5)
    assert seen == [False]
    assert store.available


async def test_a_claim_while_a_failed_write_is_reported_is_refused(hass: HomeAssistant) -> None:
    """A failed write refuses what queued behind it, and what comes until the loop hears of it."""
    store = DedupeStore(hass, "e1")
    await store.async_load()
    writing, release = threading.Event(), threading.Event()

    def failing_append(path: Path, data: bytes) -> None:
        writing.set()
        assert release.wait(5)
        raise OSError(5, "I/O error")

    called: list[list[bool]] = []
    with patch.object(dedupe_module, "_append", failing_append):
        futures = [store.async_claim(["a"], called.append)]
        assert writing.wait(5)
        futures.append(store.async_claim(["b"], called.append))  # queued behind the write
        release.set()
        for _ in range(500):  # the loop is blocked here, so it has not heard of the failure
            if not store._draining:
                break
            time.sleep(0.01)  # noqa: ASYNC251 - blocking on purpose: the loop must not hear yet
        futures.append(store.async_claim(["c"], called.append))
        results = await asyncio.gather(*futures, return_exceptions=True)
    assert [type(result) for result in results] == [DedupeUnavailableError] * 3
    assert called == []
    assert not store.available
    assert not store.path.read_bytes()
    with patch.object(dedupe_module, "monotonic", return_value=10**13):
        assert await claim(store, "c") == [True]
    assert journal_keys(store) == ["c"]


async def test_a_cancelled_request_still_fires_its_durable_key(hass: HomeAssistant) -> None:
    """The key goes to disk anyway, so its event fires even if nobody waits for the answer."""
    store = DedupeStore(hass, "e1")
    await store.async_load()
    seen: list[bool] = []
    store.async_claim(["a"], seen.extend).cancel()
    await store.async_close()
    assert seen == [True]
    assert journal_keys(store) == ["a"]


async def test_a_journal_that_cannot_be_opened_is_refused(hass: HomeAssistant) -> None:
    """A real failure, no patching: the journal's path is taken by a folder.

    (Permissions would not do: the tests may run as root, who writes read-only files.)
    """
    store = DedupeStore(hass, "e1")
    await store.async_load()
    await claim(store, "a")
    store.path.unlink()
    store.path.mkdir()
    with pytest.raises(DedupeUnavailableError):
        await store.async_claim(["b"], list)
    assert "b" not in store


async def test_a_failing_callback_does_not_stall_the_batch(
    hass: HomeAssistant, caplog: pytest.LogCaptureFixture
) -> None:
    store = DedupeStore(hass, "e1")
    await store.async_load()

    def boom(new: list[bool]) -> None:
        raise RuntimeError("publisher broke")

    seen: list[bool] = []
    await asyncio.gather(store.async_claim(["a"], boom), store.async_claim(["b"], seen.extend))
    assert seen == [True]
    assert "publisher broke" in caplog.text


async def test_a_retry_after_a_restart_fires_nothing(
    hass: HomeAssistant,
    client: TestClient,
    loaded_entry: MockConfigEntry,
) -> None:
    """The next setup loads the journal, as after an HA restart."""
    events = async_capture_events(hass, EVENT_VIDEO_PIPELINE)
    body = json.dumps({"type": "video.source.recorded", "id": "k1"}).encode()
    assert (await client.post(URL, data=body, headers=HEADERS)).status == 200
    await hass.async_block_till_done()
    assert len(events) == 1  # fired before the 200
    assert await hass.config_entries.async_unload(loaded_entry.entry_id)

    assert await hass.config_entries.async_setup(loaded_entry.entry_id)
    await hass.async_block_till_done()
    assert (await client.post(URL, data=body, headers=HEADERS)).status == 200
    await hass.async_block_till_done()
    assert len(events) == 1


async def test_an_unwritable_store_answers_503_and_fires_nothing(
    hass: HomeAssistant, client: TestClient, loaded_entry: MockConfigEntry
) -> None:
    events = async_capture_events(hass, EVENT_VIDEO_PIPELINE)
    body = json.dumps({"type": "video.source.recorded", "id": "k2"}).encode()
    with patch.object(dedupe_module, "_append", side_effect=OSError(30, "Read-only")):
        assert (await client.post(URL, data=body, headers=HEADERS)).status == 503
    await hass.async_block_till_done()
    assert events == []
    with patch.object(dedupe_module, "monotonic", return_value=10**13):
        assert (await client.post(URL, data=body, headers=HEADERS)).status == 200
    await hass.async_block_till_done()
    assert len(events) == 1
