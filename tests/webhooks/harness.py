"""Real api.video and ContentGroove accounts loaded against the simulators, and deliveries.

Shared by the webhook fuzz and soak tests and by ``bench/test_webhook_ingest.py``. A vendor is
described by a :class:`VendorDeliveries`: the account's webhook path, how to build the ``n``-th
distinct valid delivery (body and headers), and the identity the integration deduplicates it
on, read back from the fired event. :class:`ApiVideoAccount` sends signed deliveries;
:class:`ContentGrooveAccount` sends unsigned JSON deduplicated on event and media id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
import json
from typing import Any, Protocol

from homeassistant.const import CONF_WEBHOOK_ID
from homeassistant.core import Event, HomeAssistant, callback
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.video_pipeline.clients.apivideo.webhooks import (
    EVENT_TYPES,
    SIGNATURE_HEADER,
    WEBHOOK_ID_HEADER,
    sign,
)
from custom_components.video_pipeline.clients.contentgroove import Clip, Media, build_delivery
from custom_components.video_pipeline.const import DOMAIN
from custom_components.video_pipeline.contentgroove.client_factory import account_fingerprint
from custom_components.video_pipeline.webhooks import EVENT_VIDEO_PIPELINE
from simulator.apivideo import ApiVideoSimulator
from simulator.contentgroove import ContentGrooveSimulator

EXTERNAL_URL = "https://ha.example.com"
PRODUCTION_KEY = "sim-production-key"
JSON = "application/json"
EPOCH = datetime(2026, 11, 22, tzinfo=UTC)
_ID_KEYS = ("videoId", "liveStreamId", "captionId", "summaryId", "encoding", "quality")


class VendorDeliveries(Protocol):
    """What the load tests need to know about one vendor's deliveries."""

    @property
    def path(self) -> str:
        """The account's webhook path on HA's HTTP server."""
        ...

    def valid(self, n: int) -> tuple[bytes, dict[str, str]]:
        """The ``n``-th distinct valid delivery: raw body and headers."""
        ...

    def identity(self, event_data: dict[str, Any]) -> str:
        """The identity of a fired event; equal for repeats of one delivery."""
        ...


@dataclass
class ApiVideoAccount:
    """A loaded api.video entry: where it listens and the subscription that signs for it."""

    entry: MockConfigEntry
    sim: ApiVideoSimulator
    webhook_id: str  # api.video's subscription id (X-Api-Video-WebhookID)
    secret: str  # that subscription's signature secret
    live_stream_ids: list[str]

    @property
    def path(self) -> str:
        """The HA webhook path of the account."""
        return f"/api/webhook/{self.entry.data[CONF_WEBHOOK_ID]}"

    def headers(self, body: bytes, *, content_type: str = JSON) -> dict[str, str]:
        """Headers of a correctly signed delivery of ``body``."""
        return {
            "Content-Type": content_type,
            WEBHOOK_ID_HEADER: self.webhook_id,
            SIGNATURE_HEADER: sign(self.secret, body),
        }

    def payload(self, n: int, event_type: str | None = None) -> dict[str, Any]:
        """The ``n``-th distinct valid payload; cycles through the six event types.

        Every id is one the account already knows, so no delivery adds entities; what makes
        deliveries distinct is ``emittedAt`` (part of api.video's dedupe key).
        """
        event_type = event_type or EVENT_TYPES[n % len(EVENT_TYPES)]
        emitted = EPOCH + timedelta(milliseconds=n)
        fields: dict[str, Any] = {
            "emittedAt": emitted.strftime("%Y-%m-%dT%H:%M:%S.") + f"{n % 1000:03d}Z"
        }
        if "liveStreamId" in self.sim.build_payload(event_type):
            fields["liveStreamId"] = self.live_stream_ids[n % len(self.live_stream_ids)]
        return self.sim.build_payload(event_type, **fields)

    def valid(self, n: int) -> tuple[bytes, dict[str, str]]:
        """The ``n``-th distinct valid signed delivery."""
        body = encode(self.payload(n))
        return body, self.headers(body)

    def identity(self, event_data: dict[str, Any]) -> str:
        """api.video's dedupe identity of a fired event: type, emittedAt and the ids."""
        return self.identity_of_payload(event_data["payload"])

    @staticmethod
    def identity_of_payload(payload: dict[str, Any]) -> str:
        """The identity the event of a delivery of ``payload`` has.

        Mirrors api.video's dedupe key (without the subscription id, which is always the same):
        an ``emittedAt`` that is not a string counts as absent, the ids count by their text.
        """
        emitted = payload.get("emittedAt")
        parts = [payload.get("type"), emitted if isinstance(emitted, str) else ""]
        parts += [str(payload.get(key, "")) for key in _ID_KEYS]
        return json.dumps(parts)


def encode(payload: Any) -> bytes:
    """Compact JSON, as api.video sends it."""
    return json.dumps(payload, separators=(",", ":")).encode()


async def async_setup_apivideo(
    hass: HomeAssistant, sim: ApiVideoSimulator, live_streams: int = 3
) -> ApiVideoAccount:
    """Load an api.video entry against the running simulator, subscribed to HA's URL."""
    streams = [sim.add_live_stream(f"Studio {i}") for i in range(live_streams)]
    await hass.config.async_update(external_url=EXTERNAL_URL)
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="api.video production",
        unique_id="apivideo-production",
        data={
            "provider": "api_video",
            "api_key": PRODUCTION_KEY,
            "environment": "production",
            "base_url": sim.base_url,
        },
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    subscription = entry.data["subscription"]
    assert subscription["url"] == f"{EXTERNAL_URL}/api/webhook/{entry.data[CONF_WEBHOOK_ID]}"
    return ApiVideoAccount(
        entry=entry,
        sim=sim,
        webhook_id=subscription["webhook_id"],
        secret=subscription["secret"],
        live_stream_ids=[s.live_stream_id for s in streams],
    )


@dataclass
class ContentGrooveAccount:
    """A loaded ContentGroove entry and the subscription it created at the simulator."""

    entry: MockConfigEntry
    sim: ContentGrooveSimulator
    subscription_id: str

    @property
    def path(self) -> str:
        """The HA webhook path of the account."""
        return f"/api/webhook/{self.entry.data[CONF_WEBHOOK_ID]}"

    @staticmethod
    def media_id(n: int) -> str:
        """The id of the ``n``-th distinct media."""
        return f"media-{n:08d}"

    def payload(self, n: int) -> dict[str, Any]:
        """``media.processing_finished`` of the ``n``-th media, shaped as the simulator sends
        it: three ranked clips and a transcript. Only the media id makes deliveries distinct."""
        media_id = self.media_id(n)
        media = Media(
            id=media_id,
            name=f"Lecture {n}",
            description=None,
            is_processing=False,
            has_fetch_error=False,
            source_url=f"https://videos.example/lecture-{n}.mp4",
            duration_seconds=3600.0,
            preview_image_url=f"https://cdn.example/{media_id}.jpg",
        )
        clips = [
            Clip(
                id=f"{media_id}-clip-{rank}",
                name=f"Lecture {n} #{rank}",
                start_time=60.0 * rank,
                end_time=60.0 * rank + 15,
                rank=rank,
                text=f"Highlight ranked {rank}",
                media_file_url=f"https://cdn.example/clips/{media_id}-{rank}.mp4",
            )
            for rank in (1, 2, 3)
        ]
        return build_delivery(media, clips, f"Transcript of lecture {n}.")

    def valid(self, n: int) -> tuple[bytes, dict[str, str]]:
        """The ``n``-th distinct valid delivery (ContentGroove signs nothing)."""
        return encode(self.payload(n)), {"Content-Type": JSON}

    def identity(self, event_data: dict[str, Any]) -> str:
        """ContentGroove's dedupe identity of a fired event: the event and the media id."""
        return self.identity_of(event_data["event_type"], event_data["media_id"])

    @staticmethod
    def identity_of(event: str, media_id: str) -> str:
        """The identity the event of a delivery about ``media_id`` has."""
        return json.dumps(["contentgroove", event, media_id])


async def async_setup_contentgroove(
    hass: HomeAssistant, sim: ContentGrooveSimulator
) -> ContentGrooveAccount:
    """Load a ContentGroove entry against the running simulator, subscribed to HA's URL."""
    await hass.config.async_update(external_url=EXTERNAL_URL)
    data = {
        "provider": "contentgroove",
        "api_key": sim.api_key,
        "base_url": f"{sim.base_url}/api/v1",
    }
    entry = MockConfigEntry(
        domain=DOMAIN, title="ContentGroove", unique_id=account_fingerprint(data), data=data
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    stored = entry.data["subscription"]
    assert stored["url"] == f"{EXTERNAL_URL}/api/webhook/{entry.data[CONF_WEBHOOK_ID]}"
    assert sim.subscriptions[stored["subscription_id"]]["attributes"]["url"] == stored["url"]
    return ContentGrooveAccount(entry=entry, sim=sim, subscription_id=stored["subscription_id"])


@dataclass
class EventTally:
    """Counts the ``video_pipeline_event`` events fired, by identity (no event is kept)."""

    counts: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        """How many events fired."""
        return sum(self.counts.values())

    def duplicates(self) -> dict[str, int]:
        """Identities fired more than once."""
        return {key: n for key, n in self.counts.items() if n > 1}


def tally_events(
    hass: HomeAssistant, identity: Callable[[dict[str, Any]], str]
) -> tuple[EventTally, Callable[[], None]]:
    """Count fired events by identity from now on; returns the tally and an unsubscribe."""
    tally = EventTally()

    @callback
    def count(event: Event[dict[str, Any]]) -> None:
        tally.counts[identity(dict(event.data))] += 1

    return tally, hass.bus.async_listen(EVENT_VIDEO_PIPELINE, count)
