"""Async client for the ContentGroove API (media, webhook subscriptions) and its deliveries."""

from .client import ContentGrooveClient
from .exceptions import (
    ContentGrooveAuthenticationError,
    ContentGrooveConnectionError,
    ContentGrooveError,
    ContentGrooveNotFoundError,
    ContentGrooveQuotaError,
    ContentGrooveRateLimitedError,
    ContentGrooveResponseError,
)
from .models import Clip, Media, WebhookSubscription
from .webhooks import (
    MEDIA_PROCESSING_FINISHED,
    Delivery,
    InvalidDeliveryError,
    build_delivery,
    parse_delivery,
)

__all__ = [
    "MEDIA_PROCESSING_FINISHED",
    "Clip",
    "ContentGrooveAuthenticationError",
    "ContentGrooveClient",
    "ContentGrooveConnectionError",
    "ContentGrooveError",
    "ContentGrooveNotFoundError",
    "ContentGrooveQuotaError",
    "ContentGrooveRateLimitedError",
    "ContentGrooveResponseError",
    "Delivery",
    "InvalidDeliveryError",
    "Media",
    "WebhookSubscription",
    "build_delivery",
    "parse_delivery",
]
