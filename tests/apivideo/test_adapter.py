"""The secret book behind the adapter: one lookup per subscription, forged ids remembered."""

from __future__ import annotations

import asyncio
from typing import Any

from homeassistant.core import HomeAssistant

from custom_components.video_pipeline.apivideo.adapter import (
    MAX_REMEMBERED_IDS,
    UNKNOWN_ID_TTL_SECONDS,
    SecretBook,
)
from custom_components.video_pipeline.apivideo.live_streams import LiveStreamTracker
from custom_components.video_pipeline.clients.apivideo import (
    ApiVideoConnectionError,
    ApiVideoNotFoundError,
    LiveStream,
    Webhook,
)
from custom_components.video_pipeline.webhooks import AcceptedDelivery


class FakeClient:
    """Answers get_webhook from a dict; can hold answers until released."""

    def __init__(self, secrets: dict[str, str | None]) -> None:
        self.secrets = secrets
        self.calls: list[str] = []
        self.release = asyncio.Event()
        self.release.set()
        self.error: Exception | None = None

    async def get_webhook(self, webhook_id: str) -> Webhook:
        self.calls.append(webhook_id)
        await self.release.wait()
        if self.error is not None:
            raise self.error
        if webhook_id not in self.secrets:
            raise ApiVideoNotFoundError("404", 404)
        return Webhook(webhook_id, None, (), "https://x", self.secrets[webhook_id])


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def book(client: FakeClient, clock: Clock | None = None, **known: str) -> SecretBook:
    return SecretBook(client, known, clock=clock or Clock())  # type: ignore[arg-type]


async def test_known_secret_needs_no_lookup() -> None:
    client = FakeClient({})
    secrets = book(client, w1="s1")
    assert await secrets.async_secret("w1") == "s1"
    assert secrets.known_ids == ["w1"]
    secrets.forget("w1")
    secrets.forget("w1")  # forgetting twice is fine
    assert secrets.cached("w1") is None
    assert client.calls == []


async def test_concurrent_lookups_share_one_request() -> None:
    client = FakeClient({"w1": "s1"})
    client.release.clear()
    secrets = book(client)
    tasks = [asyncio.create_task(secrets.async_secret("w1")) for _ in range(3)]
    await asyncio.sleep(0)
    client.release.set()
    assert await asyncio.gather(*tasks) == ["s1"] * 3
    assert client.calls == ["w1"]
    assert secrets.cached("w1") == "s1"


async def test_concurrent_lookup_failure_reaches_every_waiter() -> None:
    client = FakeClient({"w1": "s1"})
    client.release.clear()
    client.error = ApiVideoConnectionError("down")
    secrets = book(client)
    tasks = [asyncio.create_task(secrets.async_secret("w1")) for _ in range(2)]
    await asyncio.sleep(0)
    client.release.set()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    assert all(isinstance(r, ApiVideoConnectionError) for r in results)
    assert client.calls == ["w1"]
    # Not remembered as unknown: the next delivery asks again and succeeds.
    client.error = None
    assert await secrets.async_secret("w1") == "s1"
    assert client.calls == ["w1", "w1"]


async def test_unknown_ids_are_remembered_for_a_while() -> None:
    client = FakeClient({"no_secret": None})
    clock = Clock()
    secrets = book(client, clock)
    assert await secrets.async_secret("forged") is None
    assert await secrets.async_secret("forged") is None
    assert client.calls == ["forged"]
    clock.now += UNKNOWN_ID_TTL_SECONDS
    assert await secrets.async_secret("forged") is None
    assert client.calls == ["forged", "forged"]
    # A subscription without a secret cannot verify anything either.
    assert await secrets.async_secret("no_secret") is None
    assert await secrets.async_secret("no_secret") is None
    assert client.calls.count("no_secret") == 1
    # Remembering a secret (an action created it) wins over the "unknown" mark.
    secrets.remember("forged", "s")
    assert await secrets.async_secret("forged") == "s"


async def test_remembered_unknown_ids_are_bounded() -> None:
    client = FakeClient({})
    secrets = book(client)
    for number in range(MAX_REMEMBERED_IDS + 1):
        assert await secrets.async_secret(f"forged{number}") is None
    calls = len(client.calls)
    assert await secrets.async_secret(f"forged{MAX_REMEMBERED_IDS}") is None
    assert len(client.calls) == calls
    assert await secrets.async_secret("forged0") is None  # the oldest was dropped
    assert len(client.calls) == calls + 1


async def test_tracker_without_listener_and_nameless_streams(hass: HomeAssistant) -> None:
    tracker = LiveStreamTracker(hass, "entry")
    tracker.async_seed(
        [
            LiveStream.from_dict({"liveStreamId": "", "name": "ghost"}),
            LiveStream.from_dict({"liveStreamId": "li1", "name": "One", "broadcasting": True}),
        ]
    )
    assert tracker.broadcasting == {"li1": True}
    assert tracker.names == {"li1": "One"}
    delivery = AcceptedDelivery(
        event_type="live-stream.broadcast.started", payload={}, live_stream_id="li2"
    )
    tracker.async_handle_delivery(delivery)  # no platform listening: only the model changes
    assert tracker.broadcasting == {"li1": True, "li2": True}
    seen: list[Any] = []
    tracker.set_new_stream_listener(seen.append)
    tracker.async_handle_delivery(delivery)
    assert seen == []
    # A recording of a known stream says nothing about broadcasting: the state stays.
    recorded = AcceptedDelivery(
        event_type="video.source.recorded", payload={}, live_stream_id="li1", video_id="v"
    )
    tracker.async_handle_delivery(recorded)
    assert tracker.broadcasting == {"li1": True, "li2": True}
    assert seen == []


async def test_unusable_id_counts_as_unknown() -> None:
    client = FakeClient({})
    client.error = ValueError("not a valid api.video id")
    secrets = book(client)
    assert await secrets.async_secret("a/b") is None
    assert await secrets.async_secret("a/b") is None
    assert client.calls == ["a/b"]
