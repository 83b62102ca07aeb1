"""Clevercast item hooks: what arrives is the item's JSON, exactly as GET returns it."""

from __future__ import annotations

import json
from typing import Final

from .models import Item

ITEM_UPDATED: Final = "item.updated"
ITEM_DELETED: Final = "item.deleted"
WORKFLOW: Final = "workflow"
# One HA webhook URL per kind: the body alone does not say why Clevercast sent it.
HOOK_KINDS: Final = (ITEM_UPDATED, ITEM_DELETED, WORKFLOW)


class InvalidDeliveryError(ValueError):
    """The body is not a Clevercast item."""


def parse_item_delivery(body: bytes) -> Item:
    """Parse a hook body: a JSON object with an ``id`` (a string or a number)."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as err:
        raise InvalidDeliveryError("the body is not JSON") from err
    if not isinstance(data, dict):
        raise InvalidDeliveryError("the body is not a JSON object")
    item_id = data.get("id")
    if isinstance(item_id, bool) or not isinstance(item_id, str | int) or item_id == "":
        raise InvalidDeliveryError("the item has no id")
    return Item.from_dict(data)
