"""The body of scripts/develop: simulators plus a real, onboarded Home Assistant with them added."""

from __future__ import annotations

import argparse
from collections.abc import Callable
import contextlib
import json
import os
from pathlib import Path
import signal
import subprocess
import sys
import threading
import time
from typing import Any
import urllib.request

from ha_runner import (
    ROOT,
    STOP_SIGNALS,
    HomeAssistantError,
    HomeAssistantProcess,
    end_group,
    exit_on_signal,
    spawn_group,
)

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
        lambda sim: {"api_key": sim["api_key"], "advanced": {"base_url": sim["url"]}},
    ),
    "api_video": (
        "api_video",
        lambda sim: {
            "api_key": next(k for k, env in sim["api_keys"].items() if env == "production"),
            "environment": "production",
            "advanced": {"base_url": sim["url"]},
        },
    ),
    "clevercast": (
        "clevercast",
        lambda sim: {
            "email": sim["email"],
            "password": sim["password"],
            "advanced": {"base_url": sim["api_url"]},
        },
    ),
    "contentgroove": (
        "contentgroove",
        lambda sim: {"api_key": sim["api_key"], "advanced": {"base_url": sim["url"]}},
    ),
}
# The ContentGroove simulator serves its API under this prefix (its JSON line's url ends with it).
API_PREFIX = "/api/v1"
# What the cloud simulators send, in turn, so events show up in HA while you watch.
DEMO_INTERVAL_SECONDS = 20
API_VIDEO_DEMO = (
    "live-stream.broadcast.started",
    "video.source.recorded",
    "video.encoding.quality.completed",
    "live-stream.broadcast.ended",
    "video.caption.generated",
    "video.summary.generated",
)


def post_json(url: str, body: dict[str, Any], headers: dict[str, str] | None = None) -> Any:
    """POST JSON to a simulator (its API or control API) and return the decoded answer."""
    request = urllib.request.Request(  # noqa: S310 - loopback simulators only
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
        return json.loads(response.read() or b"null")


class DemoSender(threading.Thread):
    """Make the simulated cloud services deliver webhooks to HA every few seconds."""

    def __init__(
        self, services: list[dict[str, Any]], stop: threading.Event, interval: float
    ) -> None:
        super().__init__(daemon=True, name="vp-demo")
        self.stop = stop
        self.interval = interval
        self.steps: list[Callable[[int], None]] = []
        for service in services:
            if service["service"] == "api_video":
                self.steps.append(self._api_video(service))
            elif service["service"] == "clevercast" and service.get("hook_url"):
                self.steps.append(self._clevercast(service))
            elif service["service"] == "contentgroove":
                self.steps.append(self._contentgroove(service))

    @staticmethod
    def _api_video(service: dict[str, Any]) -> Callable[[int], None]:
        stream_id = service.get("live_stream_id")

        def send(turn: int) -> None:
            event = API_VIDEO_DEMO[turn % len(API_VIDEO_DEMO)]
            # Events about a live stream name the simulator's one, so its sensor follows them.
            about_stream = event.startswith("live-stream.") or event == "video.source.recorded"
            fields = {"liveStreamId": stream_id} if stream_id and about_stream else {}
            post_json(f"{service['url']}/_sim/emit", {"type": event, "fields": fields})

        return send

    @staticmethod
    def _clevercast(service: dict[str, Any]) -> Callable[[int], None]:
        def send(turn: int) -> None:
            item = ("101", "102", "103")[turn % 3]
            post_json(f"{service['url']}/_sim/hook", {"item_id": item, "url": service["hook_url"]})

        return send

    @staticmethod
    def _contentgroove(service: dict[str, Any]) -> Callable[[int], None]:
        def send(turn: int) -> None:
            # Submit a media through the vendor API, as HA's submit_media action would, then
            # have the simulator finish it: it delivers media.processing_finished to HA's webhook.
            created = post_json(
                f"{service['url']}/medias",
                {
                    "data": {
                        "attributes": {
                            "source_url": f"https://cdn.example/recordings/lecture-{turn + 1}.mp4",
                            "name": f"Lecture Hall 101 recording {turn + 1}",
                        }
                    }
                },
                headers={"Authorization": f"Bearer {service['api_key']}"},
            )
            media_id = (created.get("data") or {}).get("id") if isinstance(created, dict) else None
            if not media_id:
                raise ValueError(f"ContentGroove did not create a media: {created!r}")
            root = service["url"].removesuffix(API_PREFIX)
            attempts = post_json(f"{root}/_sim/finish", {"media_id": media_id})["attempts"]
            if not any(attempt["status"] == 200 for attempt in attempts):
                answers = [attempt["status"] or attempt["error"] for attempt in attempts]
                raise ValueError(
                    f"ContentGroove media {media_id}: no subscription took the delivery {answers}"
                )

        return send

    def run(self) -> None:
        """Send one round of events per interval until stopped."""
        turn = 0
        while not self.stop.wait(self.interval):
            for step in self.steps:
                try:
                    step(turn)
                except (OSError, ValueError) as err:
                    print(f">> demo event failed: {err}", flush=True)
            turn += 1


def start_simulators(
    python: str,
    state: Path,
    units: int,
    base_port: int,
    then: Callable[[subprocess.Popen[bytes]], object] | None = None,
) -> tuple[subprocess.Popen[bytes], list[dict[str, Any]]]:
    """Start ``python -m simulator``; return the process and one description per service.

    ``then`` gets the process as soon as it exists (to register how to end it).
    """
    out = (state / "simulator.jsonl").open("w+")
    process = spawn_group(
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
            "--apivideo",
            "--apivideo-port",
            str(base_port + units + 1),
            "--clevercast",
            "--clevercast-port",
            str(base_port + units + 2),
            "--contentgroove",
            "--contentgroove-port",
            str(base_port + units + 3),
        ],
        then=then,
        cwd=ROOT,
        stdout=out,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    out.close()
    expected = units + 4  # the units, Cognitive3D, api.video, Clevercast and ContentGroove
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        lines = [line for line in (state / "simulator.jsonl").read_text().splitlines() if line]
        if len(lines) >= expected:
            return process, [json.loads(line) for line in lines[:expected]]
        if process.poll() is not None:
            break
        time.sleep(0.2)
    raise SystemExit(f"the simulators did not start; see {state / 'simulator.jsonl'}")


def entry_key(service: dict[str, Any]) -> str:
    """What names a simulated service across runs (its entry's title may differ)."""
    return f"{service['service']}:{service['name']}"


# Recordings the simulated api.video account holds, oldest first (the media browser lists them).
DEMO_VIDEOS = (
    ("Welcome to the studio", "2026-09-01T09:00:00+00:00"),
    ("Physics 101, week 1", "2026-09-07T10:00:00+00:00"),
    ("Physics 101, week 2", "2026-09-14T10:00:00+00:00"),
)


def seed_api_video(service: dict[str, Any]) -> None:
    """Give the simulated api.video account a live stream and a few recorded videos."""
    stream = post_json(f"{service['url']}/_sim/live-streams", {"name": "Lecture Hall 101 stream"})
    service["live_stream_id"] = stream.get("liveStreamId")
    for title, created_at in DEMO_VIDEOS:
        post_json(
            f"{service['url']}/_sim/videos",
            {"title": title, "created_at": created_at, "mp4": True, "public": True},
        )


def add_entries(ha: HomeAssistantProcess, services: list[dict[str, Any]], added: Path) -> None:
    """Add one config entry per simulated service, skipping those a kept run already has.

    ``added`` remembers which entry each service became (and Clevercast's hook URL); a service
    whose entry still exists is skipped, and one HA already has under another entry makes its
    flow abort as ``already_configured``: either way nothing is added twice.
    """
    known: dict[str, dict[str, Any]] = json.loads(added.read_text()) if added.exists() else {}
    entry_ids = {entry["entry_id"] for entry in ha.entries()}
    for service in services:
        key = entry_key(service)
        if service["service"] == "api_video":
            seed_api_video(service)
        if (kept := known.get(key)) and kept["entry_id"] in entry_ids:
            if kept.get("hook_url"):
                service["hook_url"] = kept["hook_url"]
            print(f">> kept {service['service']}: {service['name']}", flush=True)
            continue
        menu_option, form = ENTRY_FORMS[service["service"]]
        result = ha.add_entry(menu_option, form(service))
        if result.get("type") == "abort" and result.get("reason") == "already_configured":
            print(f">> already added {service['service']}: {service['name']}", flush=True)
            continue
        if result.get("type") != "create_entry":
            print(f">> adding {service['service']} failed: {result}", flush=True)
            continue
        if service["service"] == "clevercast":
            service["hook_url"] = ha.last_flow_placeholders.get("item_updated")
        known[key] = {"entry_id": result["result"]["entry_id"], "hook_url": service.get("hook_url")}
        added.write_text(json.dumps(known, indent=2))
        print(f">> added {service['service']}: {result.get('title')}", flush=True)


def main() -> None:
    """Bring everything up, print how to log in, and run until interrupted."""
    parser = argparse.ArgumentParser(prog="scripts/develop")
    parser.add_argument("--venv", required=True)
    parser.add_argument("--port", type=int, default=int(os.environ.get("VP_HA_PORT", "8123")))
    parser.add_argument("--units", type=int, default=3)
    parser.add_argument("--simulator-port", type=int, default=18080)
    parser.add_argument(
        "--demo-interval",
        type=float,
        default=DEMO_INTERVAL_SECONDS,
        help="seconds between the simulated cloud services' webhook deliveries",
    )
    parser.add_argument("--keep", action="store_true", help="keep .develop/ from the last run")
    parser.add_argument(
        "--exit-when-ready", action="store_true", help="stop once everything is up (for checks)"
    )
    parser.add_argument(
        "--state", type=Path, default=ROOT / ".develop", help="where to keep HA's config and logs"
    )
    args = parser.parse_args()
    for sig in STOP_SIGNALS:
        signal.signal(sig, exit_on_signal)

    state: Path = args.state
    state.mkdir(parents=True, exist_ok=True)
    ha = HomeAssistantProcess(venv=Path(args.venv), config_dir=state / "config", port=args.port)
    stop = threading.Event()
    with contextlib.ExitStack() as cleanup:
        # Run in reverse order: the simulators, then hass, then the demo sender's stop.
        cleanup.callback(stop.set)
        cleanup.callback(ha.stop)
        try:
            run(args, ha, state, stop, cleanup)
        finally:
            for sig in STOP_SIGNALS:  # a second signal must not cut the clean-up short
                signal.signal(sig, signal.SIG_IGN)


def run(
    args: argparse.Namespace,
    ha: HomeAssistantProcess,
    state: Path,
    stop: threading.Event,
    cleanup: contextlib.ExitStack,
) -> None:
    """Start the simulators and HA, add the services, and wait for ``stop``."""
    print(">> starting the simulators", flush=True)
    ha.write_config(fresh=not args.keep)
    _, services = start_simulators(
        str(ha.venv / "bin" / "python"),
        state,
        args.units,
        args.simulator_port,
        then=lambda process: cleanup.callback(end_group, process, 10),
    )
    try:
        print(f">> starting Home Assistant on {ha.url} (log: {ha.log_path})", flush=True)
        ha.start()
        print(">> onboarding", flush=True)
        ha.onboard()
        print(">> adding the simulated services", flush=True)
        add_entries(ha, services, ha.config_dir / "develop_entries.json")
    except HomeAssistantError as err:
        sys.exit(f"error: {err}")
    print(
        f"\nHome Assistant is ready: {ha.url}\n"
        f"  log in as {ha.username} / {ha.password}\n"
        f"  simulators: {', '.join(s['url'] for s in services)}\n"
        "Press Ctrl-C to stop.",
        flush=True,
    )
    if not args.exit_when_ready:
        DemoSender(services, stop, args.demo_interval).start()
        print(
            f">> the cloud simulators send an event every {args.demo_interval:g} s "
            "(see the logbook and the accounts' event entities)",
            flush=True,
        )
        while not stop.wait(1):
            pass


if __name__ == "__main__":
    main()
