"""Actions that manage an api.video account's webhook subscriptions."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine, Mapping
from typing import Any, Final

from homeassistant.core import ServiceCall, ServiceResponse, SupportsResponse
from homeassistant.helpers import config_validation as cv
import voluptuous as vol

from ..action_fields import ATTR_EVENTS, ATTR_URL, HTTP_URL, TARGET, VENDOR_ID
from ..client_errors import API_VIDEO_ERRORS, action_error
from ..clients.apivideo import EVENT_TYPES, ApiVideoClient, ApiVideoError, Webhook
from ..const import Provider
from ..service_helpers import Action, invalid, resolve_entry
from .data import ApiVideoConfigEntry, ApiVideoRuntimeData

SERVICE_CREATE_WEBHOOK: Final = "api_video_create_webhook"
SERVICE_LIST_WEBHOOKS: Final = "api_video_list_webhooks"
SERVICE_GET_WEBHOOK: Final = "api_video_get_webhook"
SERVICE_DELETE_WEBHOOK: Final = "api_video_delete_webhook"
ATTR_EVENT: Final = "event"
ATTR_WEBHOOK_ID: Final = "webhook_id"

_EVENT = vol.In(EVENT_TYPES)

CREATE_WEBHOOK_SCHEMA: Final = TARGET.extend(
    {
        vol.Required(ATTR_EVENTS): vol.All(cv.ensure_list, vol.Length(min=1), [_EVENT]),
        vol.Optional(ATTR_URL): HTTP_URL,
    }
)
LIST_WEBHOOKS_SCHEMA: Final = TARGET.extend({vol.Optional(ATTR_EVENT): _EVENT})
ONE_WEBHOOK_SCHEMA: Final = TARGET.extend({vol.Required(ATTR_WEBHOOK_ID): VENDOR_ID})


def webhook_as_dict(webhook: Webhook) -> dict[str, Any]:
    """A subscription as response data; the signature secret stays in HA."""
    return {
        "webhook_id": webhook.webhook_id,
        "created_at": webhook.created_at.isoformat() if webhook.created_at else None,
        "events": list(webhook.events),
        "url": webhook.url,
    }


type _Handler = Callable[[ApiVideoConfigEntry, ApiVideoRuntimeData, ServiceCall], Awaitable[Any]]


def _action(
    handler: _Handler,
) -> Callable[[ServiceCall], Coroutine[Any, Any, ServiceResponse]]:
    """Resolve the account, run the handler, turn vendor errors into translated ones."""

    async def run(call: ServiceCall) -> ServiceResponse:
        entry = resolve_entry(call.hass, call, Provider.API_VIDEO, ApiVideoRuntimeData)
        try:
            result: ServiceResponse = await handler(entry, entry.runtime_data, call)
        except ApiVideoError as err:
            webhook_id = {"webhook_id": call.data.get(ATTR_WEBHOOK_ID, "")}
            raise action_error(
                API_VIDEO_ERRORS, err, not_found=("api_video_webhook_not_found", webhook_id)
            ) from err
        return result

    return run


async def _create(
    entry: ApiVideoConfigEntry, runtime: ApiVideoRuntimeData, call: ServiceCall
) -> ServiceResponse:
    url = call.data.get(ATTR_URL) or runtime.endpoint.url()
    if url is None:
        raise invalid("no_public_url", name=entry.title)
    client: ApiVideoClient = runtime.client
    webhook = await client.create_webhook(call.data[ATTR_EVENTS], url)
    if webhook.signature_secret:
        runtime.secrets.remember(webhook.webhook_id, webhook.signature_secret)
    return webhook_as_dict(webhook)


async def _list(
    entry: ApiVideoConfigEntry, runtime: ApiVideoRuntimeData, call: ServiceCall
) -> ServiceResponse:
    webhooks = await runtime.client.list_webhooks(call.data.get(ATTR_EVENT))
    return {"webhooks": [webhook_as_dict(webhook) for webhook in webhooks]}


async def _get(
    entry: ApiVideoConfigEntry, runtime: ApiVideoRuntimeData, call: ServiceCall
) -> ServiceResponse:
    return webhook_as_dict(await runtime.client.get_webhook(call.data[ATTR_WEBHOOK_ID]))


async def _delete(
    entry: ApiVideoConfigEntry, runtime: ApiVideoRuntimeData, call: ServiceCall
) -> ServiceResponse:
    await runtime.client.delete_webhook(call.data[ATTR_WEBHOOK_ID])
    runtime.secrets.forget(call.data[ATTR_WEBHOOK_ID])
    return None


ACTIONS: Final[Mapping[str, Action]] = {
    SERVICE_CREATE_WEBHOOK: Action(
        _action(_create), CREATE_WEBHOOK_SCHEMA, SupportsResponse.OPTIONAL
    ),
    SERVICE_LIST_WEBHOOKS: Action(_action(_list), LIST_WEBHOOKS_SCHEMA, SupportsResponse.ONLY),
    SERVICE_GET_WEBHOOK: Action(_action(_get), ONE_WEBHOOK_SCHEMA, SupportsResponse.ONLY),
    SERVICE_DELETE_WEBHOOK: Action(_action(_delete), ONE_WEBHOOK_SCHEMA),
}
