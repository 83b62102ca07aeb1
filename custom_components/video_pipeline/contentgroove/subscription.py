"""Keep the account's ContentGroove webhook subscription pointed at HA.

ContentGroove has no update call: a new URL means a new subscription, then deleting the old
one. The subscription the entry owns is stored in the entry's data.
"""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant

from ..clients.contentgroove import (
    ContentGrooveClient,
    ContentGrooveError,
    ContentGrooveNotFoundError,
)
from ..const import LOGGER
from .const import CONF_SUBSCRIPTION, SUBSCRIBED_EVENTS
from .data import ContentGrooveConfigEntry


def stored_subscription(entry: ContentGrooveConfigEntry) -> dict[str, Any] | None:
    """The subscription the entry created, if any."""
    stored = entry.data.get(CONF_SUBSCRIPTION)
    return dict(stored) if isinstance(stored, dict) and stored.get("subscription_id") else None


async def async_sync_subscription(
    hass: HomeAssistant,
    entry: ContentGrooveConfigEntry,
    client: ContentGrooveClient,
    url: str | None,
) -> None:
    """Make the account's subscription deliver ``media.processing_finished`` to ``url``.

    With no public URL nothing changes. Raises ContentGrooveError when the API refuses.
    """
    if url is None:
        return
    stored = stored_subscription(entry)
    if stored is not None and stored.get("url") == url:
        try:
            await client.get_webhook_subscription(stored["subscription_id"])
        except ContentGrooveNotFoundError:
            LOGGER.info(
                "The ContentGroove webhook of %s was deleted; creating it again", entry.title
            )
        else:
            return
    subscription = await client.ensure_webhook_subscription(url, SUBSCRIBED_EVENTS)
    hass.config_entries.async_update_entry(
        entry,
        data={
            **entry.data,
            CONF_SUBSCRIPTION: {"subscription_id": subscription.id, "url": subscription.url},
        },
    )
    if stored is not None and stored["subscription_id"] != subscription.id:
        await _async_delete_quietly(client, stored["subscription_id"])


async def async_delete_subscription(
    entry: ContentGrooveConfigEntry, client: ContentGrooveClient
) -> None:
    """Delete the entry's subscription at ContentGroove (the user removed the account)."""
    stored = stored_subscription(entry)
    if stored is None:
        return
    try:
        await _async_delete_quietly(client, stored["subscription_id"])
    except ContentGrooveError as err:
        LOGGER.warning(
            "Could not delete ContentGroove webhook subscription %s of %s; "
            "delete it in ContentGroove's dashboard: %s",
            stored["subscription_id"],
            entry.title,
            err,
        )


async def _async_delete_quietly(client: ContentGrooveClient, subscription_id: str) -> None:
    try:
        await client.delete_webhook_subscription(subscription_id)
    except ContentGrooveNotFoundError:
        return
