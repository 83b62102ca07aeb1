"""Fuzzing a real api.video account's webhook through HA's HTTP server on a real socket.

The entry is set up against the api.video simulator and subscribes; the tests sign with the
secret and subscription id it stored. Whatever arrives (random bytes, truncated or deeply
nested JSON, huge strings, wrong types in every field of the six events, wrong or missing
signatures and subscription ids, wrong content types, replays and reorderings), these hold:

- the answer is never a 5xx, and where the kind of input decides the status, it is that status;
- no log record of the integration carries a traceback;
- a rejected delivery fires nothing, and every distinct accepted delivery fires exactly once
  (``video_pipeline_event`` is counted on the bus, by the vendor's dedupe identity).

How hypothesis meets the event loop: ``@given`` cannot wrap a coroutine that runs on the test's
already-running loop, so each test first *collects* examples by running a synchronous
``@given`` function that only appends what it is given (generation phase only, no database),
then sends them all, in order, to Home Assistant from the async test and checks the properties
over the whole batch. Hypothesis therefore cannot shrink a failure; the assertion messages name
the offending example instead.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable, Sequence
from dataclasses import dataclass, field
import itertools
import json
import logging
from typing import Any

from aiohttp.test_utils import TestClient
from homeassistant.core import HomeAssistant
from hypothesis import HealthCheck, Phase, given, settings, strategies as st
import pytest

from custom_components.video_pipeline.clients.apivideo.webhooks import (
    EVENT_TYPES,
    REQUIRED_IDS,
    SIGNATURE_HEADER,
    WEBHOOK_ID_HEADER,
    sign,
)
from custom_components.video_pipeline.webhooks.receiver import MAX_BODY_BYTES
from simulator.apivideo import ApiVideoSimulator

from .harness import ApiVideoAccount, async_setup_apivideo, encode, tally_events

MAX_EXAMPLES = 150
COLLECT = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,
    phases=[Phase.generate],
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
INTEGRATION_LOGGER = "custom_components.video_pipeline"
ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
# Each drawn delivery gets a number of its own, so examples differ in more than hypothesis's
# favourite small integers; repeats are the replay test's business.
NUMBERS = itertools.count(10_000)
JSON_TYPES = ("application/json", "application/json; charset=utf-8", "APPLICATION/JSON")


@dataclass
class Example:
    """One request to send, and what its kind of input says the answer must be."""

    body: bytes = field(repr=False)
    headers: dict[str, str]
    expect: frozenset[int] | None = None  # None: any status below 500
    label: str = ""

    def __repr__(self) -> str:
        shown = self.body[:120]
        return f"Example({self.label!r}, {shown!r}{'...' if len(self.body) > 120 else ''}, " + (
            f"{len(self.body)} bytes, headers={self.headers}, expect={self.expect})"
        )


def collect[T](strategy: st.SearchStrategy[T]) -> list[T]:
    """Draw up to MAX_EXAMPLES values of ``strategy`` synchronously (see the module docs)."""
    drawn: list[T] = []

    @COLLECT
    @given(strategy)
    def draw(value: T) -> None:
        drawn.append(value)

    draw()
    return drawn


@pytest.fixture
async def apivideo_sim(socket_enabled: None) -> AsyncGenerator[ApiVideoSimulator]:
    sim = ApiVideoSimulator()
    await sim.start()
    yield sim
    await sim.stop()


@pytest.fixture
async def account(hass: HomeAssistant, apivideo_sim: ApiVideoSimulator) -> ApiVideoAccount:
    hass.loop.set_debug(False)  # debug mode records a stack per callback; only slows this down
    return await async_setup_apivideo(hass, apivideo_sim)


@pytest.fixture
async def client(hass_client_no_auth: Any, account: ApiVideoAccount) -> TestClient:
    """HA's real HTTP application served on a loopback socket."""
    result: TestClient = await hass_client_no_auth()
    return result


async def send_and_check(
    hass: HomeAssistant,
    client: TestClient,
    account: ApiVideoAccount,
    caplog: pytest.LogCaptureFixture,
    examples: Sequence[Example],
) -> list[int]:
    """Send every example in order; check the properties over the batch; return the statuses."""
    caplog.set_level(logging.DEBUG, logger=INTEGRATION_LOGGER)
    tally, unsubscribe = tally_events(hass, account.identity)
    statuses: list[int] = []
    accepted: set[str] = set()
    for example in examples:
        response = await client.post(
            account.path,
            data=example.body,
            headers=example.headers,
            skip_auto_headers=["Content-Type"],
        )
        await response.read()
        status = response.status
        statuses.append(status)
        assert status < 500, example
        if example.expect is not None:
            assert status in example.expect, (status, example)
        if status == 200:
            accepted.add(account.identity_of_payload(json.loads(example.body)))
    await hass.async_block_till_done()
    unsubscribe()
    assert tally.duplicates() == {}
    assert set(tally.counts) == accepted, "an accepted delivery did not fire, or a rejected one did"
    tracebacks = [r for r in caplog.records if r.name.startswith(INTEGRATION_LOGGER) and r.exc_info]
    assert not tracebacks, tracebacks[0].getMessage()
    return statuses


# Strategies ----------------------------------------------------------------------------------


def signed(account: ApiVideoAccount, body: bytes, content_type: str = "application/json") -> dict:
    return account.headers(body, content_type=content_type)


def truncated_json(account: ApiVideoAccount) -> st.SearchStrategy[bytes]:
    """A valid delivery cut short anywhere (never its full length)."""
    return st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)).map(
        lambda pair: (body := account.valid(pair[0])[0])[: pair[1] % len(body)]
    )


def nested(depth: int, inner: str) -> bytes:
    return ("[" * depth + inner + "]" * depth).encode()


def garbage(account: ApiVideoAccount) -> st.SearchStrategy[Example]:
    """Bodies that are not valid deliveries, each signed correctly or not at all.

    Unsigned, each is refused with 400 (not JSON) or 401; signed, with 400 or 422 (not shaped
    like a delivery). A deeply nested extra field in an otherwise valid delivery is the one
    exception: HA's JSON parser reads up to 1024 levels, so it is accepted (200) or refused (400).
    """
    random_bytes = st.binary(max_size=2048).map(lambda b: (b, "random bytes", False))
    cut = truncated_json(account).map(lambda b: (b, "truncated JSON", False))
    deep = st.integers(1, 10_000).map(lambda d: (nested(d, "{}"), f"nesting {d}", False))
    deep_field = st.tuples(st.builds(lambda: next(NUMBERS)), st.integers(1, 10_000)).map(
        lambda args: (
            encode(account.payload(args[0], "video.source.recorded"))[:-1]
            + b',"x":'
            + nested(args[1], "1")
            + b"}",
            f"nested field {args[1]}",
            True,
        )
    )
    scalars = st.sampled_from([b"null", b"1", b'"a"', b"[]", b"true", b"{}", b"1e999", b""]).map(
        lambda b: (b, "JSON scalar", False)
    )
    bodies = random_bytes | cut | deep | deep_field | scalars

    def build(args: tuple[tuple[bytes, str, bool], bool]) -> Example:
        (body, label, may_be_valid), with_signature = args
        if not with_signature:
            return Example(body, {"Content-Type": "application/json"}, frozenset({400, 401}), label)
        expect = frozenset({200, 400}) if may_be_valid else frozenset({400, 422})
        return Example(body, signed(account, body), expect, label)

    return st.tuples(bodies, st.booleans()).map(build)


def huge(account: ApiVideoAccount) -> st.SearchStrategy[Example]:
    """Valid deliveries carrying a long string; over 256 KiB they must be refused with 413."""

    def build(args: tuple[int, int, str, bool]) -> Example:
        n, size, char, in_id = args
        payload = account.payload(n)
        text = char * size
        if in_id and "videoId" in payload:
            payload["videoId"] = text or "v"
        else:
            payload["title"] = text
        body = encode(payload)
        expect = frozenset({413}) if len(body) > MAX_BODY_BYTES else frozenset({200})
        return Example(body, signed(account, body), expect, f"{len(body)} bytes")

    return st.tuples(
        st.builds(lambda: next(NUMBERS)),
        st.integers(0, 400_000),
        st.characters(blacklist_categories=("Cs",)),
        st.booleans(),
    ).map(build)


WRONG_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),  # JSON has no infinities
    st.just(""),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=3),
)


def wrong_types(account: ApiVideoAccount) -> st.SearchStrategy[Example]:
    """Each of the six events with one of its fields replaced by a value of another type."""

    def build(args: tuple[int, str, int, Any]) -> Example:
        n, event_type, which, value = args
        payload = account.payload(n, event_type)
        key = sorted(payload)[which % len(payload)]
        payload[key] = value
        body = encode(payload)
        must_refuse = key == "type" or key in REQUIRED_IDS[event_type]
        ids_stay_strings = key not in ("videoId", "liveStreamId", "captionId", "summaryId")
        expect = frozenset({422}) if must_refuse else None
        if not must_refuse and ids_stay_strings:
            expect = frozenset({200})
        return Example(body, signed(account, body), expect, f"{event_type} {key}={value!r}")

    return st.tuples(
        st.builds(lambda: next(NUMBERS)),
        st.sampled_from(EVENT_TYPES),
        st.integers(0, 20),
        WRONG_VALUES,
    ).map(build)


def bad_credentials(account: ApiVideoAccount) -> st.SearchStrategy[Example]:
    """Valid bodies with a wrong, missing or foreign signature or subscription id: all 401."""

    def build(args: tuple[int, str, str | None, str | None]) -> Example:
        n, mode, signature, webhook_id = args
        body = encode(account.payload(n))
        headers = {"Content-Type": "application/json"}
        good = sign(account.secret, body)
        if mode == "no signature":
            headers[WEBHOOK_ID_HEADER] = account.webhook_id
        elif mode == "wrong signature":
            headers[WEBHOOK_ID_HEADER] = account.webhook_id
            headers[SIGNATURE_HEADER] = signature if signature != good else good[::-1]
        elif mode == "other secret":
            headers[WEBHOOK_ID_HEADER] = account.webhook_id
            headers[SIGNATURE_HEADER] = sign(account.secret + "x", body)
        elif mode == "no webhook id":
            headers[SIGNATURE_HEADER] = good
        else:  # a subscription id that is not this account's
            headers[SIGNATURE_HEADER] = good
            headers[WEBHOOK_ID_HEADER] = webhook_id or "webhook_unknown"
        return Example(body, headers, frozenset({401}), mode)

    unknown_ids = st.sampled_from(["webhook_x", "x" * 65, "../webhooks", "a?b=c", "#"]) | st.text(
        ASCII, min_size=1, max_size=80
    ).filter(lambda s: s.strip() != account.webhook_id)
    return st.tuples(
        st.builds(lambda: next(NUMBERS)),
        st.sampled_from(
            ["no signature", "wrong signature", "other secret", "no webhook id", "unknown id"]
        ),
        st.text(ASCII, max_size=80),
        unknown_ids,
    ).map(build)


def content_types(account: ApiVideoAccount) -> st.SearchStrategy[Example]:
    """Valid signed deliveries under any content type: JSON ones accepted, the rest 415."""
    others = st.sampled_from(
        ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "json", ""]
    ) | st.text(ASCII, max_size=40)

    def build(args: tuple[int, str | None]) -> Example:
        n, ctype = args
        body = encode(account.payload(n))
        headers = signed(account, body)
        if ctype is None:
            del headers["Content-Type"]
        else:
            headers["Content-Type"] = ctype
        base = (ctype or "").split(";", 1)[0].strip().lower()
        is_json = base == "application/json" or base.endswith("+json")
        return Example(body, headers, frozenset({200 if is_json else 415}), f"type {ctype!r}")

    return st.tuples(
        st.builds(lambda: next(NUMBERS)),
        st.none() | st.sampled_from(JSON_TYPES) | st.just("application/vnd.api+json") | others,
    ).map(build)


def replays(account: ApiVideoAccount) -> st.SearchStrategy[list[Example]]:
    """A small set of valid deliveries sent again and again, in any order."""

    def build(args: tuple[int, list[int]]) -> list[Example]:
        base, order = args
        out = []
        for index in order:
            body, headers = account.valid(base + index)
            out.append(Example(body, headers, frozenset({200}), f"delivery {index}"))
        return out

    return st.tuples(
        st.builds(lambda: next(NUMBERS)),
        st.lists(st.integers(0, 5), min_size=1, max_size=25),
    ).map(build)


# Tests -----------------------------------------------------------------------------------------


def examples_of(
    account: ApiVideoAccount, strategy: Callable[[ApiVideoAccount], st.SearchStrategy[Example]]
) -> list[Example]:
    return collect(strategy(account))


async def test_garbage_bodies(
    hass: HomeAssistant,
    client: TestClient,
    account: ApiVideoAccount,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await send_and_check(hass, client, account, caplog, examples_of(account, garbage))


async def test_huge_strings(
    hass: HomeAssistant,
    client: TestClient,
    account: ApiVideoAccount,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await send_and_check(hass, client, account, caplog, examples_of(account, huge))


async def test_wrong_types_in_every_field_of_each_event(
    hass: HomeAssistant,
    client: TestClient,
    account: ApiVideoAccount,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await send_and_check(hass, client, account, caplog, examples_of(account, wrong_types))


async def test_wrong_or_missing_signatures_and_webhook_ids(
    hass: HomeAssistant,
    client: TestClient,
    account: ApiVideoAccount,
    caplog: pytest.LogCaptureFixture,
) -> None:
    statuses = await send_and_check(
        hass, client, account, caplog, examples_of(account, bad_credentials)
    )
    assert set(statuses) == {401}


async def test_content_types(
    hass: HomeAssistant,
    client: TestClient,
    account: ApiVideoAccount,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await send_and_check(hass, client, account, caplog, examples_of(account, content_types))


async def test_replays_and_reorderings_fire_each_delivery_once(
    hass: HomeAssistant,
    client: TestClient,
    account: ApiVideoAccount,
    caplog: pytest.LogCaptureFixture,
) -> None:
    batches = collect(replays(account))
    await send_and_check(
        hass, client, account, caplog, [example for batch in batches for example in batch]
    )
