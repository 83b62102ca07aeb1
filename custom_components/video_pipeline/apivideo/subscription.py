"""Keep the account's api.video webhook subscription pointed at HA with the chosen events.

api.video has no update call: a changed URL or event list means a new subscription, then
deleting the old one. The one the entry owns is stored in the entry's data, secret included.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from homeassistant.core import HomeAssistant

from ..clients.apivideo import ApiVideoClient, ApiVideoError, ApiVideoNotFoundError, Webhook
from ..const import LOGGER
from .adapter import SecretBook
from .const import CONF_EVENTS, CONF_SUBSCRIPTION, DEFAULT_EVENTS
from .data import ApiVideoConfigEntry


def wanted_events(entry: ApiVideoConfigEntry) -> list[str]:
    """The event types the user chose in the options (all six until they choose)."""
    return list(entry.options.get(CONF_EVENTS) or DEFAULT_EVENTS)


def stored_subscription(entry: ApiVideoConfigEntry) -> dict[str, Any] | None:
    """The subscription the entry created, if any."""
    stored = entry.data.get(CONF_SUBSCRIPTION)
    return dict(stored) if isinstance(stored, dict) and stored.get("webhook_id") else None


def _matches(stored: dict[str, Any], url: str, events: Sequence[str]) -> bool:
    return stored.get("url") == url and set(stored.get("events") or ()) == set(events)


async def async_sync_subscription(
    hass: HomeAssistant,
    entry: ApiVideoConfigEntry,
    client: ApiVideoClient,
    secrets: SecretBook,
    url: str | None,
) -> None:
    """Make the account's subscription match ``url`` and the chosen events.

    With no public URL nothing changes (a subscription to an old URL may work again once
    the URL is back). Raises ApiVideoError when the API refuses or cannot be reached.
    """
    if url is None:
        return
    events = wanted_events(entry)
    stored = stored_subscription(entry)
    if stored is not None and _matches(stored, url, events):
        try:
            await client.get_webhook(stored["webhook_id"])
        except ApiVideoNotFoundError:
            LOGGER.info("The api.video webhook of %s was deleted; creating it again", entry.title)
        else:
            return
    webhook = await client.ensure_webhook(events, url)
    _store(hass, entry, webhook)
    if webhook.signature_secret:
        secrets.remember(webhook.webhook_id, webhook.signature_secret)
    if stored is not None and stored["webhook_id"] != webhook.webhook_id:
        await _async_delete_quietly(client, stored["webhook_id"])
        secrets.forget(stored["webhook_id"])
    LOGGER.debug("api.video webhook %s delivers %s to HA", webhook.webhook_id, events)


async def async_delete_subscription(
    hass: HomeAssistant, entry: ApiVideoConfigEntry, client: ApiVideoClient
) -> None:
    """Delete the entry's subscription at api.video (the user removed the account)."""
    stored = stored_subscription(entry)
    if stored is None:
        return
    try:
        await _async_delete_quietly(client, stored["webhook_id"])
    except ApiVideoError as err:
        LOGGER.warning(
            "Could not delete api.video webhook %s of %s; delete it in the api.video dashboard: %s",
            stored["webhook_id"],
            entry.title,
            err,
        )


async def _async_delete_quietly(client: ApiVideoClient, webhook_id: str) -> None:
    """Delete a subscription; one that is already gone is fine."""
    try:
        await client.delete_webhook(webhook_id)
    except ApiVideoNotFoundError:
        return


def _store(hass: HomeAssistant, entry: ApiVideoConfigEntry, webhook: Webhook) -> None:
    subscription = {
        "webhook_id": webhook.webhook_id,
        "url": webhook.url,
        "events": list(webhook.events),
        "secret": webhook.signature_secret,
    }
    hass.config_entries.async_update_entry(
        entry, data={**entry.data, CONF_SUBSCRIPTION: subscription}
    )
