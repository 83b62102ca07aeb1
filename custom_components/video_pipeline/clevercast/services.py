"""Actions of Clevercast accounts: trigger an item hook from HA, and list the items.

``clevercast_trigger_item_hook`` fetches the item and hands exactly the body Clevercast would
post to HA's webhook component for the account's hook URL of that kind, so automations see the
same event as for a real hook.
"""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
import json
from typing import Final

from aiohttp import ClientError, ClientTimeout
from homeassistant.components import webhook
from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.util.aiohttp import MockRequest
import voluptuous as vol

from ..action_fields import ATTR_URL, HTTP_URL, TARGET
from ..client_errors import CLEVERCAST_ERRORS, action_error
from ..clients.clevercast import ClevercastError
from ..const import DOMAIN, Provider
from ..service_helpers import Action, resolve_entry
from .const import HOOK_KINDS, ITEM_UPDATED
from .data import ClevercastRuntimeData

SERVICE_TRIGGER_ITEM_HOOK: Final = "clevercast_trigger_item_hook"
SERVICE_LIST_ITEMS: Final = "clevercast_list_items"
ATTR_ITEM_ID: Final = "item_id"
ATTR_HOOK: Final = "hook"
FORWARD_TIMEOUT_SECONDS: Final = 10

TRIGGER_ITEM_HOOK_SCHEMA: Final = TARGET.extend(
    {
        vol.Required(ATTR_ITEM_ID): vol.All(
            cv.string, vol.Length(min=1, max=64), vol.Match(r"^[^/]+$")
        ),
        vol.Optional(ATTR_HOOK, default=ITEM_UPDATED): vol.In(HOOK_KINDS),
        vol.Optional(ATTR_URL): HTTP_URL,
    }
)
LIST_ITEMS_SCHEMA: Final = TARGET


def _failed(key: str, **placeholders: str) -> HomeAssistantError:
    return HomeAssistantError(
        translation_domain=DOMAIN, translation_key=key, translation_placeholders=placeholders
    )


async def _trigger_item_hook(call: ServiceCall) -> ServiceResponse:
    entry = resolve_entry(call.hass, call, Provider.CLEVERCAST, ClevercastRuntimeData)
    runtime = entry.runtime_data
    item_id: str = call.data[ATTR_ITEM_ID]
    kind: str = call.data[ATTR_HOOK]
    try:
        item = await runtime.client.get_item(item_id)
    except ClevercastError as err:
        raise action_error(
            CLEVERCAST_ERRORS, err, not_found=("clevercast_item_not_found", {"item_id": item_id})
        ) from err
    body = json.dumps(item.raw).encode()
    request = MockRequest(
        content=body,
        mock_source=DOMAIN,
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    response = await webhook.async_handle_webhook(
        call.hass, runtime.endpoint.webhook_id(kind), request
    )
    if response.status != HTTPStatus.OK:
        raise _failed("clevercast_hook_rejected", status=str(response.status))
    forwarded: int | None = None
    if url := call.data.get(ATTR_URL):
        forwarded = await _forward(call.hass, url, body)
    return {"item": item.raw, "hook": kind, "forwarded_status": forwarded}


async def _forward(hass: HomeAssistant, url: str, body: bytes) -> int:
    """POST the hook body to another receiver, as Clevercast would; return its status."""
    try:
        async with async_get_clientsession(hass).post(
            url,
            data=body,
            headers={"Content-Type": "application/json"},
            timeout=ClientTimeout(total=FORWARD_TIMEOUT_SECONDS),
        ) as response:
            status = response.status
    except (ClientError, TimeoutError) as err:
        raise _failed(
            "clevercast_forward_failed", url=url, error=str(err) or type(err).__name__
        ) from err
    if status >= 300:
        raise _failed("clevercast_forward_failed", url=url, error=f"HTTP {status}")
    return status


async def _list_items(call: ServiceCall) -> ServiceResponse:
    entry = resolve_entry(call.hass, call, Provider.CLEVERCAST, ClevercastRuntimeData)
    try:
        items = await entry.runtime_data.client.list_items()
    except ClevercastError as err:
        raise action_error(CLEVERCAST_ERRORS, err) from err
    return {"items": [item.raw for item in items]}


ACTIONS: Final[Mapping[str, Action]] = {
    SERVICE_TRIGGER_ITEM_HOOK: Action(
        _trigger_item_hook, TRIGGER_ITEM_HOOK_SCHEMA, SupportsResponse.OPTIONAL
    ),
    SERVICE_LIST_ITEMS: Action(_list_items, LIST_ITEMS_SCHEMA, SupportsResponse.ONLY),
}
