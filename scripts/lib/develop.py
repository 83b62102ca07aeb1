"""The body of scripts/develop: simulators plus a real, onboarded Home Assistant with them added."""

from __future__ import annotations

import argparse
from collections.abc import Callable
import json
import os
from pathlib import Path
import signal
import subprocess
import sys
import threading
import time
from typing import Any

from ha_runner import ROOT, HomeAssistantError, HomeAssistantProcess

# How each simulated service becomes a config entry: (menu option, form data from its JSON line).
ENTRY_FORMS: dict[str, tuple[str, Callable[[dict[str, Any]], dict[str, Any]]]] = {
    "capturecast": (
        "capturecast",
        lambda sim: {
            "host": sim["url"],
            "username": sim["username"],
            "password": sim["password"],
        },
    ),
    "cognitive3d": (
        "cognitive3d",
        lambda sim: {"api_key": sim["api_key"], "base_url": sim["url"]},
    ),
}


def start_simulators(
    python: str, state: Path, units: int, base_port: int
) -> tuple[Any, list[dict[str, Any]]]:
    """Start ``python -m simulator``; return the process and one description per service."""
    out = (state / "simulator.jsonl").open("w+")
    process = subprocess.Popen(  # noqa: S603 - our own simulator, fixed arguments
        [
            python,
            "-m",
            "simulator",
            "--capturecast",
            str(units),
            "--base-port",
            str(base_port),
            "--cognitive3d",
            "--cognitive3d-port",
            str(base_port + units),
        ],
        cwd=ROOT,
        stdout=out,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        start_new_session=True,
    )
    expected = units + 1
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        lines = [line for line in (state / "simulator.jsonl").read_text().splitlines() if line]
        if len(lines) >= expected:
            return process, [json.loads(line) for line in lines[:expected]]
        if process.poll() is not None:
            break
        time.sleep(0.2)
    raise SystemExit(f"the simulators did not start; see {state / 'simulator.jsonl'}")


def main() -> None:
    """Bring everything up, print how to log in, and run until interrupted."""
    parser = argparse.ArgumentParser(prog="scripts/develop")
    parser.add_argument("--venv", required=True)
    parser.add_argument("--port", type=int, default=int(os.environ.get("VP_HA_PORT", "8123")))
    parser.add_argument("--units", type=int, default=3)
    parser.add_argument("--simulator-port", type=int, default=18080)
    parser.add_argument("--keep", action="store_true", help="keep .develop/ from the last run")
    parser.add_argument(
        "--exit-when-ready", action="store_true", help="stop once everything is up (for checks)"
    )
    args = parser.parse_args()

    state = ROOT / ".develop"
    state.mkdir(exist_ok=True)
    venv = Path(args.venv)
    ha = HomeAssistantProcess(venv=venv, config_dir=state / "config", port=args.port)
    ha.write_config(fresh=not args.keep)
    simulator, services = start_simulators(
        str(venv / "bin" / "python"), state, args.units, args.simulator_port
    )
    try:
        print(f">> starting Home Assistant on {ha.url} (log: {ha.log_path})", flush=True)
        ha.start()
        ha.onboard()
        configured = {
            entry["title"] for entry in ha._call("GET", "/api/config/config_entries/entry")
        }
        for service in services:
            if service["name"] in configured:
                continue
            menu_option, form = ENTRY_FORMS[service["service"]]
            result = ha.add_entry(menu_option, form(service))
            outcome = result.get("title") if result.get("type") == "create_entry" else result
            print(f">> added {service['service']}: {outcome}", flush=True)
        print(
            f"\nHome Assistant is ready: {ha.url}\n"
            f"  log in as {ha.username} / {ha.password}\n"
            f"  simulators: {', '.join(s['url'] for s in services)}\n"
            "Press Ctrl-C to stop.",
            flush=True,
        )
        if not args.exit_when_ready:
            stop = threading.Event()
            for sig in (signal.SIGINT, signal.SIGTERM):
                signal.signal(sig, lambda *_: stop.set())
            while not stop.wait(1):
                pass
    except HomeAssistantError as err:
        sys.exit(f"error: {err}")
    finally:
        ha.stop()
        os.killpg(simulator.pid, signal.SIGTERM)
        simulator.wait(10)


if __name__ == "__main__":
    main()
