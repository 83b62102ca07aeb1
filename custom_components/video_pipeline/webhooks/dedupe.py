"""A bounded, persisted memory of recent delivery keys, so retried deliveries fire once.

api.video and ContentGroove deliver at least once and retry; a retry that arrives after an HA
restart must still be recognised, so the keys live in an HA ``Store`` (saved with a delay,
and flushed on unload and at HA's final write).
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import timedelta
from typing import Any, Final, TypedDict

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from ..const import DOMAIN

STORAGE_VERSION: Final = 1
MAX_KEYS: Final = 1000
MAX_AGE: Final = timedelta(days=7)
SAVE_DELAY_SECONDS: Final = 10


class _StoredKeys(TypedDict):
    keys: list[list[Any]]


def storage_key(entry_id: str) -> str:
    """Return the storage file name of an entry's keys."""
    return f"{DOMAIN}.webhook_dedupe.{entry_id}"


class DedupeStore:
    """Remember the most recent delivery keys of one config entry.

    At most ``max_keys`` keys younger than ``max_age`` are kept, oldest evicted first.
    Lookups and inserts are O(1) (an insertion-ordered dict keyed by the delivery key).
    """

    def __init__(
        self,
        hass: HomeAssistant,
        entry_id: str,
        *,
        max_keys: int = MAX_KEYS,
        max_age: timedelta = MAX_AGE,
    ) -> None:
        self._store: Store[_StoredKeys] = Store(hass, STORAGE_VERSION, storage_key(entry_id))
        self._max_keys = max_keys
        self._max_age = max_age.total_seconds()
        self._keys: OrderedDict[str, float] = OrderedDict()
        self._dirty = False

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    async def async_load(self) -> None:
        """Load the saved keys, ignoring entries that are malformed or too old."""
        stored = await self._store.async_load()
        self._keys.clear()
        if not isinstance(stored, dict) or not isinstance(stored.get("keys"), list):
            return
        valid = [
            (float(item[1]), item[0])
            for item in stored["keys"]
            if isinstance(item, list)
            and len(item) == 2
            and isinstance(item[0], str)
            and isinstance(item[1], int | float)
        ]
        # Oldest first, whatever order the file had: eviction walks from the front.
        for seen, key in sorted(valid):
            self._keys[key] = seen
        self._evict(dt_util.utcnow().timestamp())

    @callback
    def async_check_and_add(self, key: str) -> bool:
        """Record ``key``; return True when it is new, False when it was seen recently."""
        now = dt_util.utcnow().timestamp()
        self._evict(now)
        if key in self._keys:
            return False
        self._keys[key] = now
        self._evict(now)
        self._dirty = True
        self._store.async_delay_save(self._data_to_save, SAVE_DELAY_SECONDS)
        return True

    async def async_flush(self) -> None:
        """Write pending keys now (on unload), so a quick restart loses none."""
        if self._dirty:
            await self._store.async_save(self._data_to_save())

    async def async_remove(self) -> None:
        """Delete the stored keys (the entry itself is being removed)."""
        self._keys.clear()
        self._dirty = False
        await self._store.async_remove()

    def _evict(self, now: float) -> None:
        while len(self._keys) > self._max_keys:
            self._keys.popitem(last=False)
        cutoff = now - self._max_age
        while self._keys and next(iter(self._keys.values())) < cutoff:
            self._keys.popitem(last=False)

    @callback
    def _data_to_save(self) -> _StoredKeys:
        self._dirty = False
        return {"keys": [[key, seen] for key, seen in self._keys.items()]}
