"""Async client for the Clevercast REST API (video-on-demand items) and its item hooks."""

from .client import ClevercastClient
from .exceptions import (
    ClevercastAuthenticationError,
    ClevercastConnectionError,
    ClevercastError,
    ClevercastNotFoundError,
    ClevercastPermissionError,
    ClevercastResponseError,
)
from .models import Item
from .webhooks import HOOK_KINDS, InvalidDeliveryError, parse_item_delivery

__all__ = [
    "HOOK_KINDS",
    "ClevercastAuthenticationError",
    "ClevercastClient",
    "ClevercastConnectionError",
    "ClevercastError",
    "ClevercastNotFoundError",
    "ClevercastPermissionError",
    "ClevercastResponseError",
    "InvalidDeliveryError",
    "Item",
    "parse_item_delivery",
]
