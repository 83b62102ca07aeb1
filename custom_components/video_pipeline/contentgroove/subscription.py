"""The account's ContentGroove webhook subscription to ``media.processing_finished``.

The entry stores the one it owns as ``{subscription_id, url}``; ``subscribed_account`` keeps it
pointed at HA.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from ..client_errors import CONTENTGROOVE_ERRORS, ClientErrors
from ..clients.contentgroove import ContentGrooveClient
from ..subscribed_account import VendorSubscriptions
from .const import SUBSCRIBED_EVENTS, VENDOR_NAME


class ContentGrooveSubscriptions(VendorSubscriptions[ContentGrooveClient]):
    """ContentGroove webhook subscriptions: always the same events, so only the URL counts."""

    vendor: ClassVar[str] = VENDOR_NAME
    noun: ClassVar[str] = "webhook subscription"
    dashboard: ClassVar[str] = "ContentGroove's dashboard"
    id_key: ClassVar[str] = "subscription_id"
    errors: ClassVar[ClientErrors] = CONTENTGROOVE_ERRORS

    def is_wanted(self, stored: Mapping[str, Any], url: str) -> bool:
        """The same URL."""
        return stored.get("url") == url

    async def async_check(self, subscription_id: str) -> None:
        """Fetch the subscription (ContentGroove answers 404 for a deleted one)."""
        await self.client.get_webhook_subscription(subscription_id)

    async def async_create(self, url: str) -> dict[str, Any]:
        """Subscribe ``url`` to processed media."""
        subscription = await self.client.ensure_webhook_subscription(url, SUBSCRIBED_EVENTS)
        return {"subscription_id": subscription.id, "url": subscription.url}

    async def async_delete(self, subscription_id: str) -> None:
        """Delete the subscription at ContentGroove."""
        await self.client.delete_webhook_subscription(subscription_id)
