"""Async client for the api.video API (webhooks, live streams, videos) and webhook deliveries."""

from .client import ApiVideoClient
from .exceptions import (
    ApiVideoAuthenticationError,
    ApiVideoConnectionError,
    ApiVideoError,
    ApiVideoNotFoundError,
    ApiVideoRateLimitedError,
    ApiVideoResponseError,
    ApiVideoWebhookLimitError,
)
from .models import LiveStream, RateLimit, Video, VideoPage, Webhook, parse_datetime
from .webhooks import EVENT_TYPES, Delivery, InvalidDeliveryError, parse_delivery, sign, verify

__all__ = [
    "EVENT_TYPES",
    "ApiVideoAuthenticationError",
    "ApiVideoClient",
    "ApiVideoConnectionError",
    "ApiVideoError",
    "ApiVideoNotFoundError",
    "ApiVideoRateLimitedError",
    "ApiVideoResponseError",
    "ApiVideoWebhookLimitError",
    "Delivery",
    "InvalidDeliveryError",
    "LiveStream",
    "RateLimit",
    "Video",
    "VideoPage",
    "Webhook",
    "parse_datetime",
    "parse_delivery",
    "sign",
    "verify",
]
