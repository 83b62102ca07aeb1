"""The sensor of a Clevercast account: the item its last hook was about."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from homeassistant.helpers.typing import StateType

from ..account import DeliverySensorDescription, last_delivery_platform
from ..clients.clevercast import Item
from ..providers import PlatformSetup
from ..webhooks import AcceptedDelivery
from .const import HOOK_KINDS
from .data import ClevercastRuntimeData
from .entity import device_info

# A state holds at most 255 characters.
MAX_STATE_LENGTH: Final = 255


def _item(delivery: AcceptedDelivery) -> Item:
    return Item.from_dict(dict(delivery.payload))


def _name(delivery: AcceptedDelivery) -> StateType:
    item = _item(delivery)
    return (item.name or item.id)[:MAX_STATE_LENGTH]


def _attributes(delivery: AcceptedDelivery) -> Mapping[str, Any]:
    item = _item(delivery)
    return {
        "item_id": item.id,
        "hook": delivery.event_type,
        "status": item.status,
        "updated_at": item.updated_at.isoformat() if item.updated_at else None,
    }


LAST_ITEM: Final = DeliverySensorDescription(
    key="last_item",
    translation_key="clevercast_last_item",
    event_types=HOOK_KINDS,
    value_fn=_name,
    attributes_fn=_attributes,
)


async_setup_entry: PlatformSetup[ClevercastRuntimeData] = last_delivery_platform(
    (LAST_ITEM,), device_info
)
