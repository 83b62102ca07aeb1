"""Accounts whose vendor pushes to HA through a webhook subscription the entry owns.

api.video and ContentGroove work alike: HA's webhook endpoint receives the deliveries, and the
entry keeps one subscription at the vendor pointed at the endpoint's public URL (stored in the
entry's data under ``subscription``). Neither vendor can update a subscription, so a changed
URL (or event list) means a new one, then deleting the old one. What differs between them (the
client calls, the stored fields, the words in the log) is a ``VendorSubscriptions``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from .client_errors import ClientErrors, setup_error
from .const import CONF_SUBSCRIPTION, LOGGER, Provider
from .providers import RemoveHook
from .webhooks import (
    DeliveryAdapter,
    PublicUrls,
    WebhookEndpoint,
    async_remove_entry_webhooks,
    async_setup_webhooks,
)

if TYPE_CHECKING:
    from homeassistant.config_entries import ConfigEntry
    from homeassistant.core import HomeAssistant


def stored_subscription(entry: ConfigEntry[Any], id_key: str) -> dict[str, Any] | None:
    """The subscription ``entry`` created (its id under ``id_key``), if any."""
    stored = entry.data.get(CONF_SUBSCRIPTION)
    return dict(stored) if isinstance(stored, dict) and stored.get(id_key) else None


class VendorSubscriptions[C](ABC):
    """One account's webhook subscriptions at its vendor (``C``: its client), as shared here."""

    vendor: ClassVar[str]  # "api.video"
    noun: ClassVar[str]  # what the vendor calls one: "webhook", "webhook subscription"
    dashboard: ClassVar[str]  # where the user deletes one by hand
    id_key: ClassVar[str]  # the key of its id in the stored subscription
    errors: ClassVar[ClientErrors]  # the client's errors (``not_found``: a missing one)

    def __init__(self, entry: ConfigEntry[Any], client: C) -> None:
        self.entry = entry
        self.client = client

    def stored(self) -> dict[str, Any] | None:
        """The subscription the entry created, if any."""
        return stored_subscription(self.entry, self.id_key)

    @abstractmethod
    def is_wanted(self, stored: Mapping[str, Any], url: str) -> bool:
        """Whether the stored subscription delivers what the entry wants to ``url``."""

    @abstractmethod
    async def async_check(self, subscription_id: str) -> None:
        """Ask the vendor for the subscription (raises ``not_found`` when it is gone)."""

    @abstractmethod
    async def async_create(self, url: str) -> dict[str, Any]:
        """Subscribe ``url``; return the subscription to store (its id under ``id_key``)."""

    @abstractmethod
    async def async_delete(self, subscription_id: str) -> None:
        """Delete a subscription at the vendor."""

    def tolerates(self, err: Exception) -> bool:
        """Whether setup goes on although subscribing failed with ``err`` (a vendor's limit)."""
        return False

    async def async_delete_quietly(self, subscription_id: str) -> None:
        """Delete a subscription; one that is already gone is fine."""
        try:
            await self.async_delete(subscription_id)
        except self.errors.not_found:
            return

    async def async_replace(self, old_id: str) -> None:
        """Let go of a subscription a new one replaced."""
        await self.async_delete_quietly(old_id)


async def async_sync_subscription(
    hass: HomeAssistant, subscriptions: VendorSubscriptions[Any], url: str | None
) -> None:
    """Make the account's subscription deliver what the entry wants to ``url``.

    With no public URL nothing changes (a subscription to an old URL may work again once the
    URL is back). Raises the client's error when the vendor refuses or cannot be reached.
    """
    if url is None:
        return
    entry = subscriptions.entry
    stored = subscriptions.stored()
    if stored is not None and subscriptions.is_wanted(stored, url):
        try:
            await subscriptions.async_check(stored[subscriptions.id_key])
        except subscriptions.errors.not_found:
            LOGGER.info(
                "The %s webhook of %s was deleted; creating it again",
                subscriptions.vendor,
                entry.title,
            )
        else:
            return
    created = await subscriptions.async_create(url)
    hass.config_entries.async_update_entry(entry, data={**entry.data, CONF_SUBSCRIPTION: created})
    old_id = stored[subscriptions.id_key] if stored is not None else None
    if old_id is not None and old_id != created[subscriptions.id_key]:
        await subscriptions.async_replace(old_id)


async def async_setup_subscribed_webhooks(
    hass: HomeAssistant,
    subscriptions: VendorSubscriptions[Any],
    *,
    provider: Provider,
    adapter: DeliveryAdapter,
) -> WebhookEndpoint:
    """Receive the account's deliveries and point its subscription at them.

    A refused or unreachable vendor fails the setup (as its ``errors`` say); a URL that changes
    later only logs a warning when the vendor refuses the new subscription.
    """
    entry = subscriptions.entry

    async def on_url_change(urls: PublicUrls) -> None:
        try:
            await async_sync_subscription(hass, subscriptions, urls[None])
        except subscriptions.errors.base as err:
            LOGGER.warning(
                "Could not point the %s webhook of %s at HA: %s",
                subscriptions.vendor,
                entry.title,
                err,
            )

    endpoint = await async_setup_webhooks(
        hass,
        entry,
        provider=provider,
        vendor_name=subscriptions.vendor,
        adapter=adapter,
        on_url_change=on_url_change,
    )
    try:
        await async_sync_subscription(hass, subscriptions, endpoint.url())
    except subscriptions.errors.base as err:
        if not subscriptions.tolerates(err):
            raise setup_error(subscriptions.errors, err) from err
    return endpoint


def subscription_remover[R, C](
    subscriptions: Callable[[ConfigEntry[R], C], VendorSubscriptions[C]],
    create_client: Callable[[HomeAssistant, Mapping[str, Any]], C],
) -> RemoveHook[R]:
    """The remove hook of an account: ``async_remove_subscribed_account`` with a new client."""

    async def remove(hass: HomeAssistant, entry: ConfigEntry[R]) -> None:
        client = create_client(hass, entry.data)
        await async_remove_subscribed_account(hass, subscriptions(entry, client))

    return remove


async def async_remove_subscribed_account(
    hass: HomeAssistant, subscriptions: VendorSubscriptions[Any]
) -> None:
    """Delete the account's subscription at the vendor, its cloudhook and remembered keys."""
    entry = subscriptions.entry
    if (stored := subscriptions.stored()) is not None:
        subscription_id = stored[subscriptions.id_key]
        try:
            await subscriptions.async_delete_quietly(subscription_id)
        except subscriptions.errors.base as err:
            LOGGER.warning(
                "Could not delete %s %s %s of %s; delete it in %s: %s",
                subscriptions.vendor,
                subscriptions.noun,
                subscription_id,
                entry.title,
                subscriptions.dashboard,
                err,
            )
    await async_remove_entry_webhooks(hass, entry)
