"""The account's api.video webhook subscription, with the events chosen in the options.

The entry stores the one it owns, signature secret included, as
``{webhook_id, url, events, secret}``; ``subscribed_account`` keeps it pointed at HA.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from ..client_errors import API_VIDEO_ERRORS, ClientErrors
from ..clients.apivideo import ApiVideoClient, ApiVideoWebhookLimitError
from ..const import LOGGER
from ..subscribed_account import VendorSubscriptions
from .adapter import SecretBook
from .const import CONF_EVENTS, DEFAULT_EVENTS, VENDOR_NAME
from .data import ApiVideoConfigEntry


def wanted_events(entry: ApiVideoConfigEntry) -> list[str]:
    """The event types the user chose in the options (all six until they choose)."""
    return list(entry.options.get(CONF_EVENTS) or DEFAULT_EVENTS)


class ApiVideoSubscriptions(VendorSubscriptions[ApiVideoClient]):
    """api.video webhooks: the chosen events; a new one's secret verifies its deliveries."""

    vendor: ClassVar[str] = VENDOR_NAME
    noun: ClassVar[str] = "webhook"
    dashboard: ClassVar[str] = "the api.video dashboard"
    id_key: ClassVar[str] = "webhook_id"
    errors: ClassVar[ClientErrors] = API_VIDEO_ERRORS

    def __init__(
        self, entry: ApiVideoConfigEntry, client: ApiVideoClient, secrets: SecretBook | None = None
    ) -> None:
        super().__init__(entry, client)
        # Removing the account needs no secrets: an empty book then.
        self._secrets = secrets if secrets is not None else SecretBook(client)

    def is_wanted(self, stored: Mapping[str, Any], url: str) -> bool:
        """Same URL and the same events as the options choose."""
        events = set(stored.get("events") or ())
        return stored.get("url") == url and events == set(wanted_events(self.entry))

    async def async_check(self, subscription_id: str) -> None:
        """Fetch the webhook (api.video answers 404 for a deleted one)."""
        await self.client.get_webhook(subscription_id)

    async def async_create(self, url: str) -> dict[str, Any]:
        """Subscribe ``url`` to the chosen events and remember the new secret."""
        events = wanted_events(self.entry)
        webhook = await self.client.ensure_webhook(events, url)
        if webhook.signature_secret:
            self._secrets.remember(webhook.webhook_id, webhook.signature_secret)
        LOGGER.debug("api.video webhook %s delivers %s to HA", webhook.webhook_id, events)
        return {
            "webhook_id": webhook.webhook_id,
            "url": webhook.url,
            "events": list(webhook.events),
            "secret": webhook.signature_secret,
        }

    async def async_delete(self, subscription_id: str) -> None:
        """Delete the webhook at api.video."""
        await self.client.delete_webhook(subscription_id)

    async def async_replace(self, old_id: str) -> None:
        """Delete the replaced webhook; its secret verifies nothing any more."""
        await super().async_replace(old_id)
        self._secrets.forget(old_id)

    def tolerates(self, err: Exception) -> bool:
        """A full account: deliveries from webhooks made by hand still verify; say what to do."""
        if not isinstance(err, ApiVideoWebhookLimitError):
            return False
        LOGGER.warning(
            "api.video refused a webhook for %s: the account's webhook limit is reached. Delete "
            "an unused webhook (action video_pipeline.api_video_delete_webhook) and reload: %s",
            self.entry.title,
            err,
        )
        return True
