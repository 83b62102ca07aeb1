"""Run the vendor simulators on loopback: ``python -m simulator --help``.

Each service is one entry in ``SERVICES``: how to start it from the command line, and what to
print about it. Adding a vendor is one more entry.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Awaitable, Callable
import contextlib
from dataclasses import dataclass
import json
import signal
import sys
from typing import Any

from .apivideo import ApiVideoSimulator
from .capturecast import SimulatorFleet
from .clevercast import ClevercastSimulator
from .cognitive3d import Cognitive3DSimulator
from .contentgroove import API_PREFIX, ContentGrooveSimulator


@dataclass(frozen=True)
class Running:
    """A started simulator: what to tell the user, and how to stop it."""

    description: list[dict[str, Any]]
    stop: Callable[[], Awaitable[None]]


async def _start_capturecast(args: argparse.Namespace) -> Running | None:
    if args.capturecast <= 0:
        return None
    fleet = SimulatorFleet(args.capturecast)
    urls = await fleet.start(args.host, args.base_port)
    return Running(
        description=[
            {
                "service": "capturecast",
                "name": unit.unit_name,
                "url": url,
                "username": "admin",
                "password": "admin",
            }
            for unit, url in zip(fleet.units, urls, strict=True)
        ],
        stop=fleet.stop,
    )


async def _start_cognitive3d(args: argparse.Namespace) -> Running | None:
    if not args.cognitive3d:
        return None
    sim = Cognitive3DSimulator()
    url = await sim.start(args.host, args.cognitive3d_port)
    return Running(
        description=[
            {
                "service": "cognitive3d",
                "name": sim.org_name,
                "url": url,
                "api_key": sim.api_key,
                "organization_id": sim.org_id,
            }
        ],
        stop=sim.stop,
    )


async def _start_apivideo(args: argparse.Namespace) -> Running | None:
    if not args.apivideo:
        return None
    sim = ApiVideoSimulator()
    url = await sim.start(args.host, args.apivideo_port)
    return Running(
        description=[
            {
                "service": "api_video",
                "name": "api.video (simulated)",
                "url": url,
                "api_keys": dict(sim.keys),
            }
        ],
        stop=sim.stop,
    )


async def _start_clevercast(args: argparse.Namespace) -> Running | None:
    if not args.clevercast:
        return None
    sim = ClevercastSimulator()
    url = await sim.start(args.host, args.clevercast_port)
    return Running(
        description=[
            {
                "service": "clevercast",
                "name": "Clevercast (simulated)",
                "url": url,
                "api_url": f"{url}/api/v1/",
                "email": "api@example.com",
                "password": "secret",
            }
        ],
        stop=sim.stop,
    )


async def _start_contentgroove(args: argparse.Namespace) -> Running | None:
    if not args.contentgroove:
        return None
    sim = ContentGrooveSimulator()
    url = await sim.start(args.host, args.contentgroove_port)
    return Running(
        description=[
            {
                "service": "contentgroove",
                "name": "ContentGroove (simulated)",
                "url": f"{url}{API_PREFIX}",
                "api_key": sim.api_key,
            }
        ],
        stop=sim.stop,
    )


SERVICES: list[Callable[[argparse.Namespace], Awaitable[Running | None]]] = [
    _start_capturecast,
    _start_cognitive3d,
    _start_apivideo,
    _start_clevercast,
    _start_contentgroove,
]


def build_parser() -> argparse.ArgumentParser:
    """The command line."""
    parser = argparse.ArgumentParser(
        prog="python -m simulator",
        description=(
            "Serve simulated vendor APIs on loopback for development and tests: CaptureCast "
            "units (HTTP API v1, Basic auth; users admin/admin, scheduler/scheduler, "
            "content/content, viewer/viewer, presenter/presenter), a Cognitive3D "
            "organization, api.video, ContentGroove and Clevercast. Test-only controls are "
            "under /_sim/ on each port (see the module docstrings). Prints one JSON line per "
            "service when ready; Ctrl-C stops."
        ),
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument(
        "--capturecast", type=int, default=0, metavar="N", help="number of CaptureCast units"
    )
    parser.add_argument(
        "--base-port",
        type=int,
        default=0,
        help="first unit's port; units use consecutive ports (default: free ports)",
    )
    parser.add_argument(
        "--cognitive3d", action="store_true", help="serve a Cognitive3D organization"
    )
    parser.add_argument("--cognitive3d-port", type=int, default=0, help="its port (default: free)")
    parser.add_argument(
        "--apivideo",
        action="store_true",
        help="serve the api.video API subset (webhooks, live streams) with a delivery sender",
    )
    parser.add_argument("--apivideo-port", type=int, default=0, help="its port (default: free)")
    parser.add_argument(
        "--clevercast",
        action="store_true",
        help="serve a Clevercast account's item API with an item-hook sender",
    )
    parser.add_argument("--clevercast-port", type=int, default=0, help="its port (default: free)")
    parser.add_argument(
        "--contentgroove",
        action="store_true",
        help="serve the ContentGroove API subset (media, webhook subscriptions) with deliveries",
    )
    parser.add_argument(
        "--contentgroove-port", type=int, default=0, help="its port (default: free)"
    )
    return parser


async def serve(args: argparse.Namespace) -> None:
    """Start the chosen simulators, print them, and run until interrupted."""
    running = [r for start in SERVICES if (r := await start(args)) is not None]
    if not running:
        print(
            "nothing to serve: pass --capturecast N, --cognitive3d, --apivideo, "
            "--contentgroove and/or --clevercast",
            file=sys.stderr,
        )
        return
    for item in running:
        for line in item.description:
            print(json.dumps(line), flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await asyncio.gather(*(item.stop() for item in running))


def main(argv: list[str] | None = None) -> None:
    """Entry point."""
    asyncio.run(serve(build_parser().parse_args(argv)))


if __name__ == "__main__":
    main()
