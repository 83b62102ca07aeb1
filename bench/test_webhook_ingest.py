"""Webhook ingest: the integration's endpoint against a bare HA webhook, same run, same stack.

Home Assistant's real HTTP application serves on a loopback socket; a separate process
(``bench/loadgen.py``) posts 2000 deliveries per run with 16 requests in flight at all times.
Three endpoints take turns, in a rotating order, for several runs:

- ``bare``: an HA webhook (``webhook.async_register``) whose handler only returns 200;
- ``api.video``: a real api.video entry set up against the simulator; every delivery is a
  distinct, correctly signed event, verified, parsed, deduplicated and fired on the bus;
- ``ContentGroove``: a real ContentGroove entry set up against the simulator (its webhook
  subscription created there through the client); every delivery is a distinct, unsigned
  ``media.processing_finished`` built with the client's ``build_delivery`` (its own media id,
  three clips and a transcript), parsed, deduplicated and fired on the bus.

The bare endpoint gets the api.video bodies, so both carry the same bytes (a ContentGroove
delivery is larger: about 1.3 KB against 0.3 KB). Every fired
``video_pipeline_event`` is counted: none may be lost or fired twice.
"""

from __future__ import annotations

import asyncio
import base64
from collections.abc import AsyncGenerator
import json
from pathlib import Path
import secrets
import statistics
import sys
import time
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestClient
from homeassistant.components import webhook
from homeassistant.core import HomeAssistant
import pytest

from custom_components.video_pipeline.clients.contentgroove import MEDIA_PROCESSING_FINISHED
from custom_components.video_pipeline.const import Provider
from simulator.apivideo import ApiVideoSimulator
from simulator.contentgroove import ContentGrooveSimulator
from tests.webhooks.harness import (
    ApiVideoAccount,
    ContentGrooveAccount,
    async_setup_apivideo,
    async_setup_contentgroove,
    tally_events,
)

RUNS = 5
REQUESTS = 2000
WARM_UP = 200
CONCURRENCY = 16
LOADGEN = Path(__file__).with_name("loadgen.py")
BARE = "bare"
API_VIDEO = "api.video"
CONTENTGROOVE = "ContentGroove"


async def bare_handler(hass: HomeAssistant, webhook_id: str, request: web.Request) -> web.Response:
    """The reference: a webhook that does nothing but answer."""
    return web.Response(status=200)


def identity(
    apivideo: ApiVideoAccount, contentgroove: ContentGrooveAccount, data: dict[str, Any]
) -> str:
    """The dedupe identity of a fired event, whichever account fired it."""
    if data["provider"] == Provider.CONTENTGROOVE:
        return contentgroove.identity(data)
    return apivideo.identity(data)


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


@pytest.fixture
async def apivideo_sim(socket_enabled: None) -> AsyncGenerator[ApiVideoSimulator]:
    sim = ApiVideoSimulator()
    await sim.start()
    yield sim
    await sim.stop()


@pytest.fixture
async def contentgroove_sim(socket_enabled: None) -> AsyncGenerator[ContentGrooveSimulator]:
    sim = ContentGrooveSimulator()
    await sim.start()
    yield sim
    await sim.stop()


class StageClock:
    """Loop-thread CPU time spent in named stages of the delivery path (one staged run).

    Each stage is a synchronous function the path calls; it is swapped for a wrapper that adds
    its ``time.thread_time()`` to the stage (about 1 µs of overhead per call, so the staged run
    is kept apart from the measured ones). Nested stages count in both.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._monkeypatch = monkeypatch
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}

    def wrap(self, target: Any, name: str, stage: str) -> None:
        """Time ``target.name`` (a module function or a class's method) as ``stage``."""
        inner = getattr(target, name)
        self.seconds.setdefault(stage, 0.0)
        self.calls.setdefault(stage, 0)

        def timed(*args: Any, **kwargs: Any) -> Any:
            self.calls[stage] += 1
            start = time.thread_time()
            try:
                return inner(*args, **kwargs)
            finally:
                self.seconds[stage] += time.thread_time() - start

        self._monkeypatch.setattr(target, name, timed)

    def per_delivery(self, deliveries: int) -> dict[str, dict[str, float]]:
        """Per delivery: microseconds in each stage, and how often it ran."""
        return {
            stage: {"us": s / deliveries * 1e6, "calls": self.calls[stage] / deliveries}
            for stage, s in self.seconds.items()
        }


def instrument(clock: StageClock) -> None:
    """Time the stages of the api.video and ContentGroove paths (see RESULTS.md)."""
    from custom_components.video_pipeline.apivideo import adapter as apivideo_adapter
    from custom_components.video_pipeline.clients.apivideo import webhooks as apivideo_webhooks
    from custom_components.video_pipeline.contentgroove import adapter as cg_adapter
    from custom_components.video_pipeline.webhooks import dedupe, events, receiver
    from custom_components.video_pipeline.webhooks.dedupe import DedupeStore

    clock.wrap(receiver, "json_loads", "decode (orjson)")
    clock.wrap(apivideo_adapter, "verify", "verify (HMAC-SHA256)")
    for name in ("parse_delivery", "parse_payload"):
        if hasattr(apivideo_adapter, name):
            clock.wrap(apivideo_adapter, name, "vendor parse")
    clock.wrap(cg_adapter, "parse_delivery", "vendor parse")
    clock.wrap(apivideo_webhooks.Delivery, "dedupe_key", "dedupe key (SHA-256)")
    clock.wrap(DedupeStore, "async_claim", "dedupe claim")
    if hasattr(DedupeStore, "_async_synced"):
        clock.wrap(DedupeStore, "_async_synced", "journal wake-up (with publish)")
        clock.wrap(DedupeStore, "_drain", "journal writer job (its own thread)")
    clock.wrap(dedupe, "_append", "journal append + fdatasync (writer thread)")
    clock.wrap(receiver.DeliveryReceiver, "_publish", "publish (all)")
    clock.wrap(events, "build_event_data", "event data")
    clock.wrap(events, "async_dispatcher_send", "dispatcher: entities")


async def load(tmp_path: Path, url: str, requests: list[tuple[bytes, dict[str, str]]]) -> Any:
    """Run the load generator process against ``url``; return its measurements."""
    spec = tmp_path / "spec.json"
    spec.write_text(
        json.dumps(
            {
                "url": url,
                "concurrency": CONCURRENCY,
                "requests": [
                    {"body": base64.b64encode(body).decode(), "headers": headers}
                    for body, headers in requests
                ],
            }
        )
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable, str(LOADGEN), str(spec), stdout=asyncio.subprocess.PIPE
    )
    out, _ = await process.communicate()
    assert process.returncode == 0
    return json.loads(out)


async def test_webhook_ingest(
    hass: HomeAssistant,
    hass_client_no_auth: Any,
    apivideo_sim: ApiVideoSimulator,
    contentgroove_sim: ContentGrooveSimulator,
    results: dict[str, Any],
    tmp_path: Path,
) -> None:
    account = await async_setup_apivideo(hass, apivideo_sim)
    cg_account = await async_setup_contentgroove(hass, contentgroove_sim)
    bare_id = secrets.token_hex(32)
    webhook.async_register(hass, "bench", "Bare", bare_id, bare_handler, allowed_methods=["POST"])
    client: TestClient = await hass_client_no_auth()
    urls = {
        BARE: str(client.make_url(f"/api/webhook/{bare_id}")),
        API_VIDEO: str(client.make_url(account.path)),
        CONTENTGROOVE: str(client.make_url(cg_account.path)),
    }
    tally, unsubscribe = tally_events(hass, lambda data: identity(account, cg_account, data))
    expected: set[str] = set()
    numbers = iter(range(10**9))

    def batch(endpoint: str, size: int) -> list[tuple[bytes, dict[str, str]]]:
        out = []
        for _ in range(size):
            n = next(numbers)
            if endpoint == CONTENTGROOVE:
                out.append(cg_account.valid(n))
                expected.add(
                    cg_account.identity_of(MEDIA_PROCESSING_FINISHED, cg_account.media_id(n))
                )
            else:
                body, headers = account.valid(n)
                out.append((body, headers))
                if endpoint == API_VIDEO:
                    expected.add(account.identity_of_payload(json.loads(body)))
        return out

    endpoints = [BARE, API_VIDEO, CONTENTGROOVE]
    for endpoint in endpoints:
        await load(tmp_path, urls[endpoint], batch(endpoint, WARM_UP))
    runs: dict[str, list[dict[str, float]]] = {endpoint: [] for endpoint in endpoints}
    statuses: dict[str, dict[str, int]] = {endpoint: {} for endpoint in endpoints}
    for run in range(RUNS):
        for endpoint in endpoints[run % 3 :] + endpoints[: run % 3]:
            requests = batch(endpoint, REQUESTS)
            await hass.async_block_till_done()
            cpu_start = time.thread_time()  # this coroutine runs on the event loop's thread
            measured = await load(tmp_path, urls[endpoint], requests)
            await hass.async_block_till_done()
            loop_cpu = time.thread_time() - cpu_start
            latencies = measured["latencies_ms"]
            runs[endpoint].append(
                {
                    "requests_per_s": len(latencies) / measured["wall_s"],
                    "p50_ms": statistics.median(latencies),
                    "p99_ms": percentile(latencies, 99),
                    "loop_cpu_us": loop_cpu / len(latencies) * 1e6,
                }
            )
            for status, count in measured["statuses"].items():
                statuses[endpoint][status] = statuses[endpoint].get(status, 0) + count
    await hass.async_block_till_done()
    stages: dict[str, dict[str, dict[str, float]]] = {}
    for endpoint in (API_VIDEO, CONTENTGROOVE):
        with pytest.MonkeyPatch.context() as monkeypatch:
            clock = StageClock(monkeypatch)
            instrument(clock)
            requests = batch(endpoint, REQUESTS)
            cpu_start = time.thread_time()
            await load(tmp_path, urls[endpoint], requests)
            await hass.async_block_till_done()
            stages[endpoint] = clock.per_delivery(REQUESTS) | {
                "loop CPU (all)": {
                    "us": (time.thread_time() - cpu_start) / REQUESTS * 1e6,
                    "calls": 1.0,
                }
            }
    unsubscribe()

    fired = set(tally.counts)
    summary: dict[str, Any] = {
        "runs": RUNS,
        "requests_per_run": REQUESTS,
        "concurrency": CONCURRENCY,
        "endpoints": {},
    }
    for endpoint in endpoints:
        summary["endpoints"][endpoint] = {
            key: statistics.median(run[key] for run in runs[endpoint])
            for key in ("requests_per_s", "p50_ms", "p99_ms", "loop_cpu_us")
        } | {"per_run": runs[endpoint], "statuses": statuses[endpoint]}
    summary["stages"] = stages
    summary["events"] = {
        "expected": len(expected),
        "fired": tally.total,
        "lost": len(expected - fired),
        "duplicated": sum(n - 1 for n in tally.duplicates().values()),
        "unexpected": len(fired - expected),
    }
    results["webhook_ingest"] = summary

    assert all(set(s) == {"200"} for s in statuses.values()), statuses
    assert summary["events"]["lost"] == 0
    assert summary["events"]["duplicated"] == 0
    assert summary["events"]["unexpected"] == 0
