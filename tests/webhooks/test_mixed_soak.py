"""Soak: thousands of mixed api.video deliveries over real sockets while CaptureCast units poll.

A real api.video account (against the simulator) receives a seeded mix of valid deliveries,
repeats of earlier ones, bad signatures, foreign subscription ids, malformed and mis-shaped
JSON and wrong content types, sent 16 at a time by an aiohttp client over loopback to HA's
HTTP server, while several simulated CaptureCast units are polled in the same loop. Bounded
by the number of deliveries, not by time; nothing here is timed.

Afterwards: every distinct valid delivery fired exactly once (none lost, none twice), every
rejection got its 4xx, the units still poll, no traceback reached the log, and memory did not
keep growing (the second half of the deliveries grows it by less than a generous bound).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncGenerator
from dataclasses import dataclass
import gc
import logging
import random
import tracemalloc

import aiohttp
from aiohttp.test_utils import TestClient
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.video_pipeline.capturecast.coordinator import CaptureCastCoordinator
from custom_components.video_pipeline.clients.apivideo.webhooks import (
    SIGNATURE_HEADER,
    WEBHOOK_ID_HEADER,
    sign,
)
from custom_components.video_pipeline.const import DOMAIN
from simulator.apivideo import ApiVideoSimulator
from simulator.capturecast import SimulatorFleet
from simulator.clock import SimClock

from .harness import ApiVideoAccount, async_setup_apivideo, encode, tally_events

UNITS = 6
WARM_UP = 400
HALF = 1500
CONCURRENCY = 16
# A gross-leak guard: 1500 deliveries leaking even 1 KiB each would be 1.5 MiB. Measured: about
# 0.4 MiB, the dedupe store keeping every key (about 170 bytes each) and aiohttp's per-connection
# buffers.
MAX_GROWTH_BYTES = 1024 * 1024
# Frames kept per allocation: enough for NOT_OURS to see the test's own frames (its signing and
# encoding, the tally); with tracemalloc's default of one frame they counted as ours, about
# 0.6 MiB more, and the guard flickered around its limit.
FRAMES = 8
# The test's own machinery: the harness's in-memory storage, the simulators and this test's
# bookkeeping (the tally of fired events grows with every distinct delivery, by design).
NOT_OURS = [
    tracemalloc.Filter(
        inclusive=False, filename_pattern="*pytest_homeassistant_custom_component*", all_frames=True
    ),
    tracemalloc.Filter(inclusive=False, filename_pattern="*/simulator/*", all_frames=True),
    tracemalloc.Filter(inclusive=False, filename_pattern="*/tests/*", all_frames=True),
]
# Share of each kind of request, and the status it must get.
MIX: dict[str, tuple[float, int]] = {
    "valid": (0.50, 200),
    "repeat": (0.15, 200),
    "bad signature": (0.10, 401),
    "foreign subscription": (0.05, 401),
    "not JSON": (0.08, 400),
    "not a delivery": (0.06, 422),
    "wrong content type": (0.06, 415),
}
REPEAT_WINDOW = 500
FOREIGN_IDS = ("webhook_foreign_1", "webhook_foreign_2", "webhook_foreign_3")


@dataclass(frozen=True)
class Request:
    kind: str
    body: bytes
    headers: dict[str, str]


class Mix:
    """Draws the seeded stream of requests; remembers which valid deliveries it made."""

    def __init__(self, account: ApiVideoAccount, seed: int) -> None:
        self._account = account
        self._rng = random.Random(seed)
        self._next = 0
        self.sent_valid: list[int] = []
        self.kinds: Counter[str] = Counter()

    def draw(self) -> Request:
        kinds = list(MIX)
        kind = self._rng.choices(kinds, weights=[MIX[k][0] for k in kinds])[0]
        if kind == "repeat" and not self.sent_valid:
            kind = "valid"
        self.kinds[kind] += 1
        account = self._account
        if kind == "repeat":
            # A retry comes within the dedupe window (7 days, at most 100,000 keys per account;
            # this test stays well inside it).
            body, headers = account.valid(self._rng.choice(self.sent_valid[-REPEAT_WINDOW:]))
            return Request(kind, body, headers)
        self._next += 1
        n = self._next
        if kind == "valid":
            self.sent_valid.append(n)
            body, headers = account.valid(n)
            return Request(kind, body, headers)
        body = encode(account.payload(n))
        if kind == "bad signature":
            headers = account.headers(body)
            headers[SIGNATURE_HEADER] = sign(account.secret + "-old", body)
        elif kind == "foreign subscription":
            headers = account.headers(body)
            headers[WEBHOOK_ID_HEADER] = self._rng.choice(FOREIGN_IDS)
        elif kind == "not JSON":
            body = body[: self._rng.randrange(1, len(body) - 1)]
            headers = account.headers(body)
        elif kind == "not a delivery":
            payload = account.payload(n, "video.caption.generated")
            del payload["captionId"]
            body = encode(payload)
            headers = account.headers(body)
        else:
            headers = account.headers(body, content_type="text/plain")
        return Request(kind, body, headers)


@pytest.fixture
async def apivideo_sim(socket_enabled: None) -> AsyncGenerator[ApiVideoSimulator]:
    sim = ApiVideoSimulator()
    await sim.start()
    yield sim
    await sim.stop()


@pytest.fixture
async def fleet(socket_enabled: None) -> AsyncGenerator[SimulatorFleet]:
    fleet = SimulatorFleet(UNITS, clock=SimClock())
    fleet.clock.freeze()
    await fleet.start()
    yield fleet
    await fleet.stop()


async def setup_units(hass: HomeAssistant, fleet: SimulatorFleet) -> list[CaptureCastCoordinator]:
    entries = []
    for unit in fleet.units:
        entry = MockConfigEntry(
            domain=DOMAIN,
            unique_id=unit.serial_number.lower(),
            data={
                "provider": "capturecast",
                "host": unit.host,
                "port": unit.port,
                "ssl": False,
                "verify_ssl": False,
                "username": "admin",
                "password": "admin",
            },
        )
        entry.add_to_hass(hass)
        entries.append(entry)
    await asyncio.gather(*(hass.config_entries.async_setup(e.entry_id) for e in entries))
    await hass.async_block_till_done()
    assert all(e.state is ConfigEntryState.LOADED for e in entries)
    return [e.runtime_data.coordinator for e in entries]


async def send_all(
    session: aiohttp.ClientSession, url: str, requests: list[Request]
) -> list[tuple[Request, int]]:
    """Send ``requests`` with CONCURRENCY connections at once; return each answer's status."""
    queue: asyncio.Queue[Request] = asyncio.Queue()
    for request in requests:
        queue.put_nowait(request)
    answers: list[tuple[Request, int]] = []

    async def worker() -> None:
        while not queue.empty():
            request = queue.get_nowait()
            async with session.post(
                url,
                data=request.body,
                headers=request.headers,
                skip_auto_headers=["Content-Type"],
            ) as response:
                await response.read()
                answers.append((request, response.status))

    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return answers


def traced_bytes() -> int:
    return sum(
        stat.size
        for stat in tracemalloc.take_snapshot().filter_traces(NOT_OURS).statistics("filename")
    )


async def test_mixed_webhook_and_polling_soak(
    hass: HomeAssistant,
    hass_client_no_auth: object,
    apivideo_sim: ApiVideoSimulator,
    fleet: SimulatorFleet,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING)
    hass.loop.set_debug(False)  # the test harness's debug mode keeps a traceback per callback
    account = await async_setup_apivideo(hass, apivideo_sim)
    coordinators = await setup_units(hass, fleet)
    client: TestClient = await hass_client_no_auth()  # type: ignore[operator]
    url = str(client.make_url(account.path))
    tally, unsubscribe = tally_events(hass, account.identity)
    mix = Mix(account, seed=20261122)

    polls = 0
    stop_polling = asyncio.Event()

    async def poll() -> None:
        nonlocal polls
        while not stop_polling.is_set():
            fleet.clock.advance(10)
            if polls % 12 == 0:
                for coordinator in coordinators:
                    coordinator.invalidate_slow_state()
            await asyncio.gather(*(c.async_refresh() for c in coordinators))
            polls += 1

    answers: list[tuple[Request, int]] = []
    poller = asyncio.create_task(poll())
    async with aiohttp.ClientSession() as session:
        answers += await send_all(session, url, [mix.draw() for _ in range(WARM_UP)])
        await hass.async_block_till_done(wait_background_tasks=False)
        gc.collect()
        tracemalloc.start(FRAMES)
        baseline = traced_bytes()
        answers += await send_all(session, url, [mix.draw() for _ in range(HALF)])
        gc.collect()
        mid = traced_bytes()
        answers += await send_all(session, url, [mix.draw() for _ in range(HALF)])
        gc.collect()
        end = traced_bytes()
        tracemalloc.stop()
    stop_polling.set()
    await poller
    await hass.async_block_till_done()
    unsubscribe()

    # Every request got the status its kind calls for; rejections are all 4xx.
    wrong = [(r.kind, status) for r, status in answers if status != MIX[r.kind][1]]
    assert not wrong, Counter(wrong)
    assert len(answers) == WARM_UP + 2 * HALF
    assert all(mix.kinds[kind] > 0 for kind in MIX), mix.kinds

    # Every distinct valid delivery fired exactly once; nothing else fired.
    expected = {account.identity_of_payload(account.payload(n)) for n in mix.sent_valid}
    assert len(expected) == len(mix.sent_valid)
    assert tally.duplicates() == {}
    assert set(tally.counts) == expected

    # The units kept polling alongside, and still answer.
    assert polls > 0
    await asyncio.gather(*(c.async_refresh() for c in coordinators))
    assert all(c.last_update_success for c in coordinators)

    growth_first, growth_second = mid - baseline, end - mid
    assert growth_second < MAX_GROWTH_BYTES, (growth_first, growth_second)
    assert not [r for r in caplog.records if r.exc_info]
