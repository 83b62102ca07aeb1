"""Shared webhook machinery for the cloud accounts (api.video, ContentGroove, Clevercast).

A vendor writes one adapter (request -> accepted deliveries or a rejection) and calls
``async_setup_webhooks`` from its entry setup; see README.md in this folder for the contract.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from ..const import Provider
from .dedupe import DedupeStore
from .endpoint import (
    CONF_CLOUDHOOK_URLS,
    PublicUrls,
    UrlChangeCallback,
    WebhookEndpoint,
    async_ensure_webhook_id,
    async_public_url,
    async_remove_cloudhooks,
    kind_webhook_id,
)
from .events import EVENT_VIDEO_PIPELINE, AcceptedDelivery, build_event_data, delivery_signal
from .receiver import MAX_BODY_BYTES, DeliveryAdapter, DeliveryReceiver, Rejection, WebhookRequest

__all__ = [
    "CONF_CLOUDHOOK_URLS",
    "EVENT_VIDEO_PIPELINE",
    "MAX_BODY_BYTES",
    "AcceptedDelivery",
    "DeliveryAdapter",
    "PublicUrls",
    "Rejection",
    "UrlChangeCallback",
    "WebhookEndpoint",
    "WebhookRequest",
    "async_ensure_webhook_id",
    "async_public_url",
    "async_remove_entry_webhooks",
    "async_setup_webhooks",
    "build_event_data",
    "delivery_signal",
    "kind_webhook_id",
]


async def async_setup_webhooks(
    hass: HomeAssistant,
    entry: ConfigEntry[Any],
    *,
    provider: Provider,
    vendor_name: str,
    adapter: DeliveryAdapter,
    kinds: Sequence[str | None] = (None,),
    dedupe: bool = True,
    allow_missing_content_type: bool = False,
    on_url_change: UrlChangeCallback | None = None,
) -> WebhookEndpoint:
    """Receive an account's deliveries until the entry unloads; return its endpoint (URLs).

    ``dedupe`` keeps recent delivery keys on disk, also through a crash (vendors that retry);
    ``on_url_change`` is awaited when a public URL appears, changes or disappears later.
    """
    store: DedupeStore | None = None
    if dedupe:
        store = DedupeStore(hass, entry.entry_id, title=entry.title)
        await store.async_load()
        entry.async_on_unload(store.async_close)
    receiver = DeliveryReceiver(
        entry_id=entry.entry_id,
        provider=provider,
        adapter=adapter,
        dedupe=store,
        allow_missing_content_type=allow_missing_content_type,
    )
    endpoint = WebhookEndpoint(
        hass,
        entry,
        vendor_name=vendor_name,
        receiver=receiver,
        kinds=kinds,
        on_url_change=on_url_change,
    )
    entry.async_on_unload(endpoint.async_stop)
    await endpoint.async_start()
    return endpoint


async def async_remove_entry_webhooks(hass: HomeAssistant, entry: ConfigEntry[Any]) -> None:
    """Clean up when the user deletes an account: its cloudhooks and remembered keys."""
    await async_remove_cloudhooks(hass, entry)
    await DedupeStore(hass, entry.entry_id).async_remove()
