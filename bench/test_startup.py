"""Home Assistant starting with 200 CaptureCast units and 10 cloud accounts (a real process).

The config entries are written into a fresh config dir's storage, as a running HA would have
them, and ``hass`` is started against loopback simulators served from this process. The probe
(bench/startup_probe, copied into the config dir) runs inside HA and reports time to every entity
available, setup retries, the longest event-loop stall (a 1 ms timer) and the peak RSS.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
from pathlib import Path
import re
import shutil
import socket
import sys
import time
from typing import Any
import uuid

import pytest

from simulator.apivideo import ApiVideoSimulator
from simulator.capturecast import SimulatorFleet
from simulator.clevercast import ClevercastSimulator, SimUser
from simulator.cognitive3d import Cognitive3DSimulator
from simulator.contentgroove import API_PREFIX, ContentGrooveSimulator
from simulator.server import LoopbackServer

sys.path.insert(0, str(Path(__file__).parents[1] / "scripts" / "lib"))

from ha_runner import HomeAssistantProcess  # the harness lives with the scripts

ROOT = Path(__file__).parents[1]
# VP_BENCH_START_UNITS sets another fleet size (for a quick look).
UNITS = int(os.environ.get("VP_BENCH_START_UNITS", "200"))
# VP_BENCH_START_RUNS: how many times each start is measured (the report shows medians).
RUNS = int(os.environ.get("VP_BENCH_START_RUNS", "3"))
TIMEOUT = 300.0
DEVELOP_PINS = ("requirements_develop.txt", "requirements_tools.txt")


def develop_venv() -> Path:
    """The develop environment (scripts/bench passes it; else found as scripts/lib/env.sh would)."""
    if found := os.environ.get("VP_DEVELOP_VENV"):
        return Path(found)
    cache = Path(
        os.environ.get("VP_VENV_HOME")
        or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "video_pipeline"
    )
    pins = b"".join((ROOT / name).read_bytes() for name in DEVELOP_PINS)
    venv = cache / f"develop-{hashlib.sha256(pins).hexdigest()[:12]}"
    assert (venv / ".complete").exists(), f"no develop environment at {venv}: run scripts/develop"
    return venv


def ha_version(ha: HomeAssistantProcess) -> str:
    """The version of the Home Assistant that ran."""
    found = list(ha.venv.glob("lib/python3*/site-packages/homeassistant/const.py"))
    text = found[0].read_text() if found else ""
    parts = [
        re.search(rf"^{name}: Final = (\S+)", text, re.M)
        for name in ("MAJOR_VERSION", "MINOR_VERSION", "PATCH_VERSION")
    ]
    return ".".join(m.group(1).strip('"') for m in parts if m) or "unknown"


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def entry(title: str, unique_id: str, data: dict[str, Any]) -> dict[str, Any]:
    """A config entry as ``.storage/core.config_entries`` holds it."""
    now = "2026-01-01T00:00:00+00:00"
    return {
        "entry_id": uuid.uuid4().hex,
        "domain": "video_pipeline",
        "title": title,
        "data": data,
        "options": {},
        "pref_disable_new_entities": False,
        "pref_disable_polling": False,
        "source": "user",
        "unique_id": unique_id,
        "disabled_by": None,
        "version": 1,
        "minor_version": 1,
        "created_at": now,
        "modified_at": now,
        "discovery_keys": {},
        "subentries": [],
    }


async def accounts() -> tuple[list[LoopbackServer], list[dict[str, Any]]]:
    """Ten accounts, each on its own simulator: 3 Cognitive3D, 3 api.video, 2 and 2."""
    servers: list[LoopbackServer] = []
    entries = []
    for n in range(3):
        cognitive3d = Cognitive3DSimulator(org_id=42 + n, org_name=f"Lab {n}")
        await cognitive3d.start()
        servers.append(cognitive3d)
        data = {
            "provider": "cognitive3d",
            "api_key": cognitive3d.api_key,
            "organization_id": 42 + n,
            "base_url": cognitive3d.base_url,
        }
        entries.append(entry(f"Lab {n}", str(42 + n), data))
    for n in range(3):
        apivideo = ApiVideoSimulator(keys={f"key-{n}": "production"})
        await apivideo.start()
        servers.append(apivideo)
        data = {
            "provider": "api_video",
            "api_key": f"key-{n}",
            "environment": "production",
            "base_url": apivideo.base_url,
        }
        entries.append(entry(f"api.video {n}", f"production_bench{n}", data))
    for n in range(2):
        clevercast = ClevercastSimulator()
        email = f"api{n}@example.com"
        clevercast.users[email] = SimUser("secret", api_access=True)
        await clevercast.start()
        servers.append(clevercast)
        data = {
            "provider": "clevercast",
            "email": email,
            "password": "secret",
            "base_url": f"{clevercast.base_url}/api/v1/",
        }
        entries.append(entry(f"Clevercast {email}", email, data))
    for n in range(2):
        contentgroove = ContentGrooveSimulator(api_key=f"cg-key-{n}")
        await contentgroove.start()
        servers.append(contentgroove)
        data = {
            "provider": "contentgroove",
            "api_key": f"cg-key-{n}",
            "base_url": f"{contentgroove.base_url}{API_PREFIX}",
        }
        entries.append(entry(f"ContentGroove {n}", f"bench{n}", data))
    return servers, entries


def write_config(ha: HomeAssistantProcess, entries: list[dict[str, Any]]) -> None:
    """scripts/develop's config plus the probe, with the entries already stored."""
    ha.write_config()
    config = ha.config_dir
    with (config / "configuration.yaml").open("a") as yaml:
        yaml.write("startup_probe:\n")
    (config / ".storage" / "core.config_entries").write_text(
        json.dumps(
            {
                "version": 1,
                "minor_version": 5,
                "key": "core.config_entries",
                "data": {"entries": entries},
            }
        )
    )
    shutil.copytree(
        Path(__file__).parent / "startup_probe", config / "custom_components" / "startup_probe"
    )


async def run_until_probed(ha: HomeAssistantProcess) -> tuple[dict[str, Any], str, float]:
    """Start ``hass``, wait for the probe's report, stop it; the report, the log, the start time."""
    probe = ha.config_dir / "startup_probe.json"
    probe.unlink(missing_ok=True)
    started = time.time()
    try:
        await asyncio.to_thread(ha.start)  # the simulators answer from this loop meanwhile
        for _ in range(int(TIMEOUT * 2)):
            if probe.exists():
                break
            await asyncio.sleep(0.5)
        assert probe.exists(), ha.log_path.read_text()[-3000:]
    finally:
        await asyncio.to_thread(ha.stop)
    return json.loads(probe.read_text()), ha.log_path.read_text(), started


def row(seen: dict[str, Any], log: str, started: float, ha: HomeAssistantProcess) -> dict[str, Any]:
    """What one start measured, as bench/report.py reads it."""
    available_at = seen.get("all_available_at")
    keys = (
        "setup_retries",
        "longest_stall_start_ms",
        "stalls_over_100ms_start",
        "stalls_over_100ms_after",
        "longest_stall_after_ms",
        "longest_stall_start_cpu_ms",
        "longest_stall_after_cpu_ms",
        "longest_busy_start_ms",
        "longest_busy_after_ms",
        "loop_cpu_s",
        "gc_longest_pause_ms",
        "gc_longest_pause_cpu_ms",
        "gc_total_ms",
        "gc_collections",
        "gc_long_pauses",
        "stall_samples",
        "peak_rss_mb",
        "states_written_to_available",
        "states_written_total",
        "gc_tracked_objects",
        "gc_object_types",
        "gc_object_packages",
    )
    return {
        "entities": seen.get("entities"),
        "all_available_s": None if available_at is None else available_at - started,
        "ha_started_s": seen["ha_started_at"] - started if "ha_started_at" in seen else None,
        "not_ready_log_lines": log.count("not ready yet"),
        **{key: seen.get(key) for key in keys},
        "unavailable_examples": seen.get("unavailable_examples"),
        "ha_version": ha_version(ha),
    }


@pytest.mark.parametrize("run", range(RUNS), ids=lambda run: f"run {run + 1}")
@pytest.mark.parametrize("fleet_size", [0, UNITS], ids=["bare HA", "fleet"])
async def test_start_with_200_units(
    socket_enabled: None, tmp_path: Path, results: dict[str, Any], fleet_size: int, run: int
) -> None:
    """With ``fleet_size`` 0: the same HA with no entries, for what HA's own start costs.

    The fleet starts twice on the same config dir: first with empty entity and device
    registries (the start right after the units were added), then again (every later start).
    """
    fleet = SimulatorFleet(fleet_size)
    urls = await fleet.start() if fleet_size else []
    servers, entries = await accounts() if fleet_size else ([], [])
    for unit, url in zip(fleet.units, urls, strict=True):
        port = int(url.rsplit(":", 1)[1])
        data = {
            "provider": "capturecast",
            "host": "127.0.0.1",
            "port": port,
            "ssl": False,
            "verify_ssl": False,
            "username": "admin",
            "password": "admin",
        }
        entries.append(entry(unit.unit_name, unit.serial_number.lower(), data))
    ha = HomeAssistantProcess(venv=develop_venv(), config_dir=tmp_path / "config", port=free_port())
    write_config(ha, entries)
    starts = ("fleet", "restart") if fleet_size else ("bare",)
    startup = results.setdefault("startup", {"units": fleet_size, "accounts": len(servers)})
    try:
        for name in starts:
            measured = row(*await run_until_probed(ha), ha)
            startup.setdefault("runs", {}).setdefault(name, []).append(measured)
            print(name, json.dumps({k: v for k, v in measured.items() if "gc_object" not in k}))
    finally:
        await fleet.stop()
        for server in servers:
            await server.stop()
    if fleet_size:
        startup.update(units=fleet_size, accounts=len(servers))
