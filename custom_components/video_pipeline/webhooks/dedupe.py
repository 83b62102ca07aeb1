"""A durable memory of recent delivery keys, so a retried delivery fires once, even after a crash.

api.video and ContentGroove deliver at least once and retry until they get a 2xx. A key is
therefore written to an append-only journal and fsync'd *before* its event fires and before the
200 goes out: a crash before the write means no 200 (the vendor retries, we fire once), a crash
after it means the retry is recognised. Deliveries that arrive while a write is in flight join
the next write (group commit), so a burst costs one fsync per batch, not one per delivery; one
executor job writes batch after batch while there are any, and wakes the loop once per batch.

The journal holds one JSON line ``[key, seen]`` per key; it is rewritten (compacted) at load and
whenever it holds twice the live keys. Keys are kept for ``MAX_AGE`` (the vendors' retry
horizon), at most ``MAX_KEYS`` of them.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import chain
import os
from pathlib import Path
import threading
from time import monotonic
from typing import Any, Final

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.json import json_bytes
from homeassistant.helpers.storage import STORAGE_DIR, Store
from homeassistant.util import dt as dt_util
from homeassistant.util.json import json_loads

from ..const import DOMAIN, LOGGER
from ..issues import async_close_issue, async_open_issue

STORAGE_VERSION: Final = 1
# Per account. A burst of 200 deliveries/s takes over 8 minutes to fill it. Measured per 10,000
# keys: 1.65 MB of memory (the ordered dict, its floats and the key strings) and 0.58 MB of
# journal (twice that at most, just before a compaction).
MAX_KEYS: Final = 100_000
MAX_AGE: Final = timedelta(days=7)
# Compact once the journal holds this many lines more than there are live keys.
COMPACT_SLACK: Final = 10_000
RETRY_MIN_SECONDS: Final = 1.0
RETRY_MAX_SECONDS: Final = 60.0
ISSUE_STORE_UNWRITABLE: Final = "dedupe_store_unwritable"

type DurableCallback = Callable[[list[bool]], None]


class DedupeUnavailableError(Exception):
    """The keys cannot be written now; the delivery must not be acknowledged."""


def storage_key(entry_id: str) -> str:
    """Return the name of the HA ``Store`` file that older versions kept the keys in."""
    return f"{DOMAIN}.webhook_dedupe.{entry_id}"


def journal_dir(hass: HomeAssistant) -> Path:
    """Return the folder of the journals (HA's ``.storage``)."""
    return Path(hass.config.path(STORAGE_DIR))


def issue_id(entry_id: str) -> str:
    """Return the repair issue id of an entry whose keys cannot be written."""
    return f"{ISSUE_STORE_UNWRITABLE}_{entry_id}"


@dataclass(slots=True)
class _Claim:
    """One request's keys, waiting for the write that makes them durable.

    ``flags`` tells, per key, whether it was new (decided on the loop when the claim is queued);
    ``seq`` is the write after which every key of the claim is on disk.
    """

    keys: Sequence[str]
    on_durable: DurableCallback
    future: asyncio.Future[None] = field(repr=False)
    flags: list[bool] = field(default_factory=list)
    seq: int = 0


@dataclass(frozen=True, slots=True)
class _Write:
    """Bytes for the writer: journal lines to append, or a whole journal to replace it with."""

    seq: int
    data: bytes = field(repr=False)
    replace: bool = False


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _append(path: Path, data: bytes) -> None:
    """Append ``data`` and wait until it is on disk (the writer job, in the executor)."""
    with path.open("ab") as journal:
        journal.write(data)
        journal.flush()
        os.fdatasync(journal.fileno())


def _rewrite(path: Path, data: bytes) -> None:
    """Replace the journal atomically with ``data`` (runs in the executor)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    with temp.open("wb") as journal:
        journal.write(data)
        journal.flush()
        os.fsync(journal.fileno())
    temp.replace(path)
    _fsync_dir(path.parent)


def _unlink(path: Path) -> None:
    path.unlink(missing_ok=True)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""


def _parse_line(line: bytes) -> tuple[str, float] | None:
    """Return a journal line's key and time, or None for a torn or malformed line."""
    try:
        item = json_loads(line)
    except ValueError:
        return None
    return _valid(item)


def _valid(item: Any) -> tuple[str, float] | None:
    """Return a ``[key, seen]`` pair's key and time, or None if it is malformed."""
    if (
        isinstance(item, list)
        and len(item) == 2
        and isinstance(item[0], str)
        and isinstance(item[1], int | float)
        and not isinstance(item[1], bool)
    ):
        return item[0], float(item[1])
    return None


class DedupeStore:
    """Remember the delivery keys of one config entry durably.

    ``async_claim`` is the only way in: the keys are written and fsync'd, then ``on_durable``
    runs in the same loop step as the write's completion (no ``await`` in between), telling
    which keys were new. Lookups are O(1); eviction walks from the oldest key.

    Writing: the loop decides which keys are new and encodes their lines when a claim comes
    (the snapshot is taken on the loop), then queues the bytes. One job in HA's executor
    drains the queue for as long as it is not empty: it appends and fsyncs everything queued
    meanwhile in one go (group commit), then wakes the loop once for that write, which runs
    the callbacks of every claim the write made durable. The next write starts as soon as the
    last one is on disk, without waiting for the loop.
    """

    def __init__(
        self,
        hass: HomeAssistant,
        entry_id: str,
        *,
        title: str | None = None,
        max_keys: int = MAX_KEYS,
        max_age: timedelta = MAX_AGE,
    ) -> None:
        self._hass = hass
        self._entry_id = entry_id
        self._title = title or entry_id
        self._path = journal_dir(hass) / f"{storage_key(entry_id)}.journal"
        self._legacy: Store[dict[str, Any]] = Store(hass, STORAGE_VERSION, storage_key(entry_id))
        self._max_keys = max_keys
        self._max_age = max_age.total_seconds()
        self._keys: OrderedDict[str, float] = OrderedDict()  # on disk, oldest first
        self._unsynced: dict[str, float] = {}  # queued for the writer, not on disk yet
        self._unsynced_writes: deque[tuple[int, list[str]]] = deque()
        self._lines = 0  # lines in the journal file once every queued write is done
        self._waiting: deque[_Claim] = deque()  # in the order they came
        self._blocked: list[_Claim] = []  # waiting for the journal to be read first
        self._seq = 0  # the last write queued
        self._synced_seq = 0  # the last write on disk
        # Shared with the writer job (under the lock): the queue, whether a job drains it, and
        # whether the last write failed (nothing is queued until the loop has heard of it).
        self._lock = threading.Lock()
        self._queue: list[_Write] = []
        self._draining = False
        self._broken = False
        self._job: asyncio.Future[None] | None = None
        self._opener: asyncio.Task[None] | None = None
        self._failures = 0
        self._retry_at = 0.0
        self._opened = False
        self._legacy_found = False

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    @property
    def path(self) -> Path:
        """The journal file."""
        return self._path

    @property
    def available(self) -> bool:
        """Whether the last write succeeded."""
        return self._failures == 0

    async def async_load(self) -> None:
        """Read the journal (and the keys an older version saved), then compact it.

        A torn last line (a write the crash interrupted, so never acknowledged) is dropped. A
        journal that cannot be read or rewritten leaves the store failing (deliveries get 503);
        the next claim after the back-off tries again.
        """
        legacy = await self._legacy.async_load()
        self._legacy_found = legacy is not None
        if isinstance(legacy, dict) and isinstance(legacy.get("keys"), list):
            self._merge([parsed for item in legacy["keys"] if (parsed := _valid(item))])
        try:
            await self._async_open()
        except OSError as err:
            self._async_failed(err)

    async def _async_open(self) -> None:
        """Read and compact the journal (nothing is queued for the writer meanwhile)."""
        raw = await self._hass.async_add_executor_job(_read, self._path)
        self._merge([parsed for line in raw.splitlines() if (parsed := _parse_line(line))])
        self._evict(dt_util.utcnow().timestamp())
        snapshot = b"".join(json_bytes([key, seen]) + b"\n" for key, seen in self._keys.items())
        await self._hass.async_add_executor_job(_rewrite, self._path, snapshot)
        self._lines = len(self._keys)
        self._opened = True
        if self._legacy_found:
            await self._legacy.async_remove()
            self._legacy_found = False

    def _merge(self, found: list[tuple[str, float]]) -> None:
        """Add keys, keeping the dict oldest first (eviction walks from the front)."""
        merged = dict(found)
        merged.update(self._keys)
        self._keys = OrderedDict(sorted(merged.items(), key=lambda item: item[1]))

    @callback
    def async_claim(self, keys: Sequence[str], on_durable: DurableCallback) -> asyncio.Future[None]:
        """Make ``keys`` durable, then call ``on_durable`` with whether each one was new.

        The returned future resolves once ``on_durable`` ran, or raises ``DedupeUnavailableError``
        (``on_durable`` is then never called). A key that another request claimed first is
        reported new to that request only. Callbacks run in the order the claims came.
        """
        future: asyncio.Future[None] = self._hass.loop.create_future()
        now = dt_util.utcnow().timestamp()
        self._evict(now)
        if not self._waiting and not self._blocked and all(key in self._keys for key in keys):
            on_durable([False] * len(keys))  # every key is on disk already: nothing to write
            future.set_result(None)
            return future
        if self._failures and monotonic() < self._retry_at:
            future.set_exception(DedupeUnavailableError())
            return future
        claim = _Claim(keys, on_durable, future)
        if self._opened:
            self._async_queue(claim, now)
            return future
        self._blocked.append(claim)
        if self._opener is None or self._opener.done():
            self._opener = self._hass.async_create_background_task(
                self._async_reopen(), f"{DOMAIN} dedupe journal {self._entry_id}"
            )
        return future

    @callback
    def _async_queue(self, claim: _Claim, now: float) -> None:
        """Decide which keys of a claim are new, queue their lines, and make it wait."""
        fresh: list[str] = []
        for key in claim.keys:
            new = key not in self._keys and key not in self._unsynced
            if new:
                self._unsynced[key] = now
                fresh.append(key)
            claim.flags.append(new)
        write: _Write | None = None
        if fresh:
            self._seq += 1
            self._lines += len(fresh)
            self._unsynced_writes.append((self._seq, fresh))
            write = _Write(self._seq, b"".join(json_bytes([key, now]) + b"\n" for key in fresh))
        claim.seq = self._seq  # after every write that holds one of its keys
        if claim.seq <= self._synced_seq:
            self._async_complete(claim)  # its keys were on disk already (read from the journal)
            return
        self._waiting.append(claim)
        if write is not None:
            self._async_submit(write)

    @callback
    def _async_submit(self, write: _Write) -> None:
        """Queue bytes for the writer; start a writer job if none is draining the queue."""
        with self._lock:
            if self._broken:
                return  # a write failed: its report (on its way) refuses every waiting claim
            self._queue.append(write)
            if self._draining:
                return
            self._draining = True
        self._job = self._hass.async_add_executor_job(self._drain)

    def _drain(self) -> None:
        """Write whatever is queued, write after write, until nothing is (in the executor)."""
        loop = self._hass.loop
        while True:
            with self._lock:
                writes, self._queue = self._queue, []
                if not writes:
                    self._draining = False
                    return
            try:
                lines: list[bytes] = []
                for write in writes:
                    if not write.replace:
                        lines.append(write.data)
                        continue
                    try:
                        _rewrite(self._path, write.data)
                        lines = []  # the new journal holds the lines queued before it
                    except OSError as err:
                        # The journal stays as it was (the lines are appended below); compaction
                        # is retried later.
                        loop.call_soon_threadsafe(self._async_compaction_failed, err)
                if lines:
                    _append(self._path, b"".join(lines))
            except OSError as err:
                with self._lock:
                    self._queue = []  # their claims are refused with this write's
                    self._broken = True
                    self._draining = False
                loop.call_soon_threadsafe(self._async_failed, err)
                return
            loop.call_soon_threadsafe(self._async_synced, writes[-1].seq)

    @callback
    def _async_synced(self, seq: int) -> None:
        """Writes up to ``seq`` are on disk: fire the callbacks of the claims they complete.

        From the write's completion to the last callback there is no ``await``.
        """
        self._async_succeeded()
        self._synced_seq = seq
        while self._unsynced_writes and self._unsynced_writes[0][0] <= seq:
            for key in self._unsynced_writes.popleft()[1]:
                self._keys[key] = self._unsynced.pop(key)
        self._evict(dt_util.utcnow().timestamp())
        while self._waiting and self._waiting[0].seq <= seq:
            self._async_complete(self._waiting.popleft())
        live = len(self._keys) + len(self._unsynced)
        if self._lines > live + max(live, COMPACT_SLACK):
            self._async_compact()

    @callback
    def _async_complete(self, claim: _Claim) -> None:
        """Tell a claim which of its keys were new, and resolve its future."""
        try:
            claim.on_durable(claim.flags)
        except Exception:  # noqa: BLE001 - one failing publisher must not stall the rest
            LOGGER.exception("Publishing deliveries of %s failed", self._title)
        if not claim.future.done():
            claim.future.set_result(None)

    @callback
    def _async_compact(self) -> None:
        """Queue a rewrite of the journal with every live key (queued ones too)."""
        self._seq += 1
        snapshot = b"".join(
            json_bytes([key, seen]) + b"\n"
            for key, seen in chain(self._keys.items(), self._unsynced.items())
        )
        self._lines = len(self._keys) + len(self._unsynced)
        self._async_submit(_Write(self._seq, snapshot, replace=True))

    @callback
    def _async_compaction_failed(self, err: OSError) -> None:
        LOGGER.debug("Could not compact %s: %s", self._path, err)

    async def _async_reopen(self) -> None:
        """Read the journal that could not be read before, then queue the claims waiting."""
        try:
            await self._async_open()
        except OSError as err:
            self._async_failed(err)
            return
        self._async_succeeded()  # the journal was rewritten: it can be written again
        blocked, self._blocked = self._blocked, []
        now = dt_util.utcnow().timestamp()
        for claim in blocked:
            self._async_queue(claim, now)

    async def async_close(self) -> None:
        """Wait for the writes in flight (on unload), so every claimed key is on disk."""
        while (self._opener is not None and not self._opener.done()) or (
            self._job is not None and not self._job.done()
        ):
            if self._opener is not None and not self._opener.done():
                await asyncio.shield(self._opener)
            if self._job is not None and not self._job.done():
                # The job's last report was queued on the loop before its completion was.
                await asyncio.shield(self._job)
        async_close_issue(self._hass, issue_id(self._entry_id))

    async def async_remove(self) -> None:
        """Delete the journal (the entry itself is being removed)."""
        await self.async_close()
        self._keys.clear()
        await self._hass.async_add_executor_job(_unlink, self._path)
        await self._legacy.async_remove()

    @callback
    def _async_failed(self, err: OSError) -> None:
        """Refuse every waiting claim; back off; one log line and a repair issue."""
        claims = [*self._waiting, *self._blocked]
        self._waiting.clear()
        self._blocked = []
        self._unsynced.clear()
        self._unsynced_writes.clear()
        with self._lock:
            self._broken = False
        for claim in claims:
            if not claim.future.done():
                claim.future.set_exception(DedupeUnavailableError())
        self._failures += 1
        delay = min(RETRY_MIN_SECONDS * 2 ** (self._failures - 1), RETRY_MAX_SECONDS)
        self._retry_at = monotonic() + delay
        if self._failures > 1:
            LOGGER.debug("Delivery keys of %s still cannot be written: %s", self._title, err)
            return
        LOGGER.error(
            "Cannot write the delivery keys of %s to %s (%s); webhook deliveries are answered "
            "503 so the vendor retries them, until writing works again",
            self._title,
            self._path,
            err,
        )
        async_open_issue(
            self._hass,
            issue_id(self._entry_id),
            ISSUE_STORE_UNWRITABLE,
            {"entry": self._title, "path": str(self._path)},
        )

    @callback
    def _async_succeeded(self) -> None:
        if not self._failures:
            return
        self._failures = 0
        LOGGER.info("The delivery keys of %s can be written again", self._title)
        async_close_issue(self._hass, issue_id(self._entry_id))

    def _evict(self, now: float) -> None:
        while len(self._keys) > self._max_keys:
            self._keys.popitem(last=False)
        cutoff = now - self._max_age
        while self._keys and next(iter(self._keys.values())) < cutoff:
            self._keys.popitem(last=False)
