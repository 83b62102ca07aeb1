"""A tiny custom component the 200-unit start benchmark copies into a real HA's config dir.

It runs inside Home Assistant: a 1 ms timer records how late the event loop runs it (the longest
stall), the Video Pipeline config entries seen in setup retry are counted, and once every entry
is loaded and every enabled entity has a state other than unavailable it writes what it saw to
``startup_probe.json`` in the config dir (it keeps timing stalls for ``AFTER`` seconds more).
"""

from __future__ import annotations

import asyncio
from collections import Counter
import gc
import json
from pathlib import Path
import resource
import sys
import threading
import time
from types import FrameType
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import EVENT_HOMEASSISTANT_STARTED, STATE_UNAVAILABLE
from homeassistant.core import Event, HomeAssistant
from homeassistant.helpers import entity_registry as er

DOMAIN = "startup_probe"
WATCHED = "video_pipeline"
TICK = 0.001
AFTER = 15.0
GIVE_UP = 120.0
# A pause switch is unavailable by design while its unit is not capturing.
BY_DESIGN = ("switch.",)


async def async_setup(hass: HomeAssistant, config: dict[str, Any]) -> bool:
    """Start the stall timer and the watcher."""
    loop = hass.loop
    stalls: dict[str, float] = {"start": 0.0, "after": 0.0}
    over: dict[str, int] = {"start": 0, "after": 0}
    phase = ["start"]
    out: dict[str, Any] = {"probe_setup_at": time.time()}

    busy: dict[str, float] = {"start": 0.0, "after": 0.0, "done": 0.0}
    # The longest stretch of loop-thread CPU between two ticks, whatever the wall-clock stall:
    # what the loop would stall for with a core of its own (the machine may be shared).
    longest_busy: dict[str, float] = {"start": 0.0, "after": 0.0, "done": 0.0}
    last_cpu = [time.thread_time()]

    def tick(due: float) -> None:
        now, cpu = loop.time(), time.thread_time()
        last_tick[0] = time.monotonic()
        late_ms = (now - due) * 1000
        # The loop thread's own CPU time in the stall: on a shared machine the rest of a long
        # stall is the process waiting for a core, not work on the loop.
        busy_ms = (cpu - last_cpu[0]) * 1000
        last_cpu[0] = cpu
        longest_busy[phase[0]] = max(longest_busy[phase[0]], busy_ms)
        if late_ms > stalls[phase[0]]:
            stalls[phase[0]] = late_ms
            busy[phase[0]] = busy_ms
        if late_ms > 100:
            over[phase[0]] += 1
        if phase[0] != "done":
            loop.call_at(now + TICK, tick, now + TICK)

    gc_pause = {
        "longest_ms": 0.0,
        "longest_cpu_ms": 0.0,
        "total_ms": 0.0,
        "began": 0.0,
        "began_cpu": 0.0,
        "collections": 0,
    }
    long_pauses: list[tuple[int, int | None, int | None, int]] = []

    def gc_timer(step: str, info: dict[str, int]) -> None:
        """Time the garbage collector's pauses (they run on whichever thread allocates).

        Both wall-clock and the collecting thread's CPU time: on a shared machine a pause also
        waits for a core, the CPU time is the collection's own cost.
        """
        if step == "start":
            gc_pause["began"] = time.perf_counter()
            gc_pause["began_cpu"] = time.thread_time()
            return
        pause = (time.perf_counter() - gc_pause["began"]) * 1000
        cpu = (time.thread_time() - gc_pause["began_cpu"]) * 1000
        gc_pause["longest_ms"] = max(gc_pause["longest_ms"], pause)
        gc_pause["longest_cpu_ms"] = max(gc_pause["longest_cpu_ms"], cpu)
        gc_pause["total_ms"] += pause
        gc_pause["collections"] += 1
        if pause > 50:
            long_pauses.append(
                (round(pause), info.get("generation"), info.get("collected"), round(cpu))
            )

    gc.callbacks.append(gc_timer)

    # A sampling watchdog: while the loop is more than 100 ms late, note where its thread is.
    loop_thread = threading.get_ident()
    last_tick = [time.monotonic()]
    samples: Counter[str] = Counter()

    def where(frame: FrameType | None) -> str:
        """The innermost frames of ours or HA's, shortened, that the loop thread is in."""
        names = []
        while frame is not None and len(names) < 4:
            code = frame.f_code
            path = code.co_filename
            if "site-packages" in path or "custom_components" in path:
                short = path.split("site-packages/")[-1].split("custom_components/")[-1]
                names.append(f"{short}:{code.co_name}")
            frame = frame.f_back
        return " < ".join(names) or "?"

    def watchdog() -> None:
        while phase[0] != "done":
            time.sleep(0.01)
            if time.monotonic() - last_tick[0] > 0.1:
                frame = sys._current_frames().get(loop_thread)
                samples[where(frame)] += 1

    threading.Thread(target=watchdog, name="startup probe watchdog", daemon=True).start()

    def started(_event: Event) -> None:
        out["ha_started_at"] = time.time()

    hass.bus.async_listen_once(EVENT_HOMEASSISTANT_STARTED, started)
    loop.call_at(loop.time() + TICK, tick, loop.time() + TICK)
    stalls["done"] = 0.0
    over["done"] = 0

    def unavailable() -> int | None:
        """How many enabled entities are not available yet (None until every entry is loaded)."""
        entries = hass.config_entries.async_entries(WATCHED)
        if any(e.state is not ConfigEntryState.LOADED for e in entries):
            return None
        registry = er.async_get(hass)
        missing = []
        for entry in entries:
            for entity in er.async_entries_for_config_entry(registry, entry.entry_id):
                if entity.disabled_by is not None or entity.entity_id.startswith(BY_DESIGN):
                    continue
                state = hass.states.get(entity.entity_id)
                if state is None or state.state == STATE_UNAVAILABLE:
                    missing.append(entity.entity_id)
        out["unavailable_examples"] = missing[:10]
        out["entities"] = sum(
            1
            for entry in entries
            for entity in er.async_entries_for_config_entry(registry, entry.entry_id)
            if entity.disabled_by is None
        )
        return len(missing)

    async def watch() -> None:
        retried: set[str] = set()
        states_written = [0]

        def count(_event: Event) -> None:
            states_written[0] += 1

        hass.bus.async_listen("state_changed", count)
        deadline = time.time() + GIVE_UP
        while time.time() < deadline:
            await asyncio.sleep(0.1)
            retried.update(
                e.entry_id
                for e in hass.config_entries.async_entries(WATCHED)
                if e.state is ConfigEntryState.SETUP_RETRY
            )
            if unavailable() == 0:
                out["all_available_at"] = time.time()
                break
        out["states_written_to_available"] = states_written[0]
        phase[0] = "after"
        await asyncio.sleep(AFTER)
        phase[0] = "done"
        retried.update(
            e.entry_id
            for e in hass.config_entries.async_entries(WATCHED)
            if e.state is ConfigEntryState.SETUP_RETRY
        )
        out.update(
            entries=len(hass.config_entries.async_entries(WATCHED)),
            setup_retries=len(retried),
            still_unavailable=unavailable(),
            states_written_total=states_written[0],
            longest_stall_start_ms=stalls["start"],
            longest_stall_after_ms=stalls["after"],
            longest_stall_start_cpu_ms=busy["start"],
            longest_stall_after_cpu_ms=busy["after"],
            longest_busy_start_ms=longest_busy["start"],
            longest_busy_after_ms=longest_busy["after"],
            loop_cpu_s=time.thread_time(),
            process_cpu_s=time.process_time(),
            gc_longest_pause_ms=gc_pause["longest_ms"],
            gc_longest_pause_cpu_ms=gc_pause["longest_cpu_ms"],
            gc_total_ms=gc_pause["total_ms"],
            gc_collections=gc_pause["collections"],
            gc_long_pauses=long_pauses,
            stall_samples=samples.most_common(12),
            stalls_over_100ms_start=over["start"],
            stalls_over_100ms_after=over["after"],
            peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        )
        out.update(census())
        path = hass.config.path("startup_probe.json")
        await hass.async_add_executor_job(_write, path, json.dumps(out))

    hass.async_create_background_task(watch(), "startup probe")
    return True


def census() -> dict[str, Any]:
    """The objects the collector tracks (a full collection walks every one), by type.

    Taken once timing has ended: walking the heap is itself a pause.
    """
    gc.collect()
    objects = gc.get_objects()
    kinds = Counter(f"{type(o).__module__}.{type(o).__qualname__}" for o in objects)
    packages: Counter[str] = Counter()
    for name, count in kinds.items():
        packages[name.split(".", 1)[0]] += count
    return {
        "gc_tracked_objects": len(objects),
        "gc_object_types": kinds.most_common(30),
        "gc_object_packages": packages.most_common(12),
    }


def _write(path: str, text: str) -> None:
    Path(path).write_text(text, encoding="utf-8")
