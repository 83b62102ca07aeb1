"""A real api.video account loaded against the simulator, and deliveries to send to it.

Shared by the webhook fuzz and soak tests and by ``bench/test_webhook_ingest.py``. A vendor is
described by a :class:`VendorDeliveries`: the account's webhook path, how to build the ``n``-th
distinct valid delivery (body and headers), and the identity the integration deduplicates it
on, read back from the fired event. ContentGroove (unsigned JSON deduplicated on event and
media id) becomes a second implementation once its provider is on main.
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
from custom_components.video_pipeline.const import DOMAIN
from custom_components.video_pipeline.webhooks import EVENT_VIDEO_PIPELINE
from simulator.apivideo import ApiVideoSimulator

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
