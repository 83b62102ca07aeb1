"""A fixed-concurrency HTTP load generator, run as its own process by the ingest benchmark.

Reads a JSON file ``{"url": ..., "concurrency": N, "requests": [{"body": base64, "headers":
{...}}, ...]}``, posts every request once with N connections busy at all times, and prints
``{"wall_s": ..., "latencies_ms": [...], "statuses": {"200": n, ...}}``. Keeping the client in
another process keeps its CPU time out of the event loop being measured.
"""

from __future__ import annotations

import asyncio
import base64
from collections import Counter
import json
from pathlib import Path
import sys
import time
from typing import Any

import aiohttp


async def run(spec: dict[str, Any]) -> dict[str, Any]:
    """Send every request of ``spec``; return the wall time, latencies and status counts."""
    url: str = spec["url"]
    requests = [(base64.b64decode(r["body"]), r["headers"]) for r in spec["requests"]]
    concurrency: int = spec["concurrency"]
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    position = 0
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def worker() -> None:
            nonlocal position
            while position < len(requests):
                body, headers = requests[position]
                position += 1
                start = time.perf_counter()
                async with session.post(
                    url, data=body, headers=headers, skip_auto_headers=["Content-Type"]
                ) as response:
                    await response.read()
                latencies.append((time.perf_counter() - start) * 1000)
                statuses[response.status] += 1

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - start
    return {
        "wall_s": wall,
        "latencies_ms": latencies,
        "statuses": {str(k): v for k, v in statuses.items()},
    }


def main() -> None:
    """Run the spec file named on the command line; print the result as JSON."""
    spec = json.loads(Path(sys.argv[1]).read_text())
    print(json.dumps(asyncio.run(run(spec))))  # the output is the interface


if __name__ == "__main__":
    main()
