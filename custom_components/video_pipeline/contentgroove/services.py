"""Actions of ContentGroove accounts: webhook subscriptions, and media to clip."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, Final

from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import config_validation as cv
import voluptuous as vol

from ..clients.contentgroove import (
    ContentGrooveError,
    ContentGrooveNotFoundError,
    ContentGrooveQuotaError,
    ContentGrooveRateLimitedError,
    WebhookSubscription,
)
from ..const import DOMAIN, Provider
from ..service_helpers import TARGET_SCHEMA, resolve_entry
from .const import SUBSCRIBED_EVENTS
from .data import ContentGrooveConfigEntry

SERVICE_CREATE_SUBSCRIPTION: Final = "create_webhook_subscription"
SERVICE_LIST_SUBSCRIPTIONS: Final = "list_webhook_subscriptions"
SERVICE_DELETE_SUBSCRIPTION: Final = "delete_webhook_subscription"
SERVICE_SUBMIT_MEDIA: Final = "submit_media"
ATTR_URL: Final = "url"
ATTR_EVENTS: Final = "events"
ATTR_SUBSCRIPTION_ID: Final = "subscription_id"
ATTR_SOURCE_URL: Final = "source_url"
ATTR_NAME: Final = "name"
ATTR_DESCRIPTION: Final = "description"

_HTTP_URL = vol.All(cv.url, vol.Match(r"^https?://"))
_ID = vol.All(cv.string, vol.Length(min=1, max=64), vol.Match(r"^[A-Za-z0-9_-]+$"))
_EVENT = vol.All(cv.string, vol.Match(r"^[a-z_]+\.[a-z_.]+$"))

CREATE_SUBSCRIPTION_SCHEMA: Final = vol.Schema(TARGET_SCHEMA).extend(
    {
        vol.Optional(ATTR_URL): _HTTP_URL,
        vol.Optional(ATTR_EVENTS, default=list(SUBSCRIBED_EVENTS)): vol.All(
            cv.ensure_list, vol.Length(min=1), [_EVENT]
        ),
    }
)
LIST_SUBSCRIPTIONS_SCHEMA: Final = vol.Schema(TARGET_SCHEMA)
DELETE_SUBSCRIPTION_SCHEMA: Final = vol.Schema(TARGET_SCHEMA).extend(
    {vol.Required(ATTR_SUBSCRIPTION_ID): _ID}
)
SUBMIT_MEDIA_SCHEMA: Final = vol.Schema(TARGET_SCHEMA).extend(
    {
        vol.Required(ATTR_SOURCE_URL): _HTTP_URL,
        vol.Optional(ATTR_NAME): vol.All(cv.string, vol.Length(min=1, max=255)),
        vol.Optional(ATTR_DESCRIPTION): vol.All(cv.string, vol.Length(max=5000)),
    }
)


def subscription_as_dict(subscription: WebhookSubscription) -> dict[str, Any]:
    """A subscription as response data."""
    return {
        "subscription_id": subscription.id,
        "url": subscription.url,
        "events": list(subscription.events),
        "active": subscription.active,
    }


def _vendor_error(err: ContentGrooveError) -> HomeAssistantError:
    """A translated error for what ContentGroove answered."""
    if isinstance(err, ContentGrooveQuotaError):
        return HomeAssistantError(translation_domain=DOMAIN, translation_key="contentgroove_quota")
    if isinstance(err, ContentGrooveRateLimitedError):
        return HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="contentgroove_rate_limited",
            translation_placeholders={
                "retry_after": f"{err.retry_after:g}" if err.retry_after is not None else "60"
            },
        )
    return HomeAssistantError(
        translation_domain=DOMAIN,
        translation_key="contentgroove_request_failed",
        translation_placeholders={"error": str(err)},
    )


type _Handler = Callable[[ContentGrooveConfigEntry, ServiceCall], Awaitable[ServiceResponse]]


def _action(handler: _Handler) -> Callable[[ServiceCall], Coroutine[Any, Any, ServiceResponse]]:
    """Resolve the account, run the handler, turn vendor errors into translated ones."""

    async def run(call: ServiceCall) -> ServiceResponse:
        entry: ContentGrooveConfigEntry = resolve_entry(call.hass, call, Provider.CONTENTGROOVE)
        try:
            return await handler(entry, call)
        except ContentGrooveNotFoundError as err:
            raise ServiceValidationError(
                translation_domain=DOMAIN,
                translation_key="contentgroove_subscription_not_found",
                translation_placeholders={
                    "subscription_id": call.data.get(ATTR_SUBSCRIPTION_ID, "")
                },
            ) from err
        except ContentGrooveError as err:
            raise _vendor_error(err) from err

    return run


async def _create(entry: ContentGrooveConfigEntry, call: ServiceCall) -> ServiceResponse:
    url = call.data.get(ATTR_URL) or entry.runtime_data.endpoint.url()
    if url is None:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="no_public_url",
            translation_placeholders={"name": entry.title},
        )
    subscription = await entry.runtime_data.client.create_webhook_subscription(
        url, call.data[ATTR_EVENTS]
    )
    return subscription_as_dict(subscription)


async def _list(entry: ContentGrooveConfigEntry, call: ServiceCall) -> ServiceResponse:
    subscriptions = await entry.runtime_data.client.list_webhook_subscriptions()
    return {"subscriptions": [subscription_as_dict(s) for s in subscriptions]}


async def _delete(entry: ContentGrooveConfigEntry, call: ServiceCall) -> ServiceResponse:
    await entry.runtime_data.client.delete_webhook_subscription(call.data[ATTR_SUBSCRIPTION_ID])
    return None


async def _submit(entry: ContentGrooveConfigEntry, call: ServiceCall) -> ServiceResponse:
    media = await entry.runtime_data.client.submit_media(
        call.data[ATTR_SOURCE_URL],
        name=call.data.get(ATTR_NAME),
        description=call.data.get(ATTR_DESCRIPTION),
    )
    return {"media_id": media.id, "name": media.name, "is_processing": media.is_processing}


@callback
def async_register_services(hass: HomeAssistant) -> None:
    """Register the ContentGroove actions."""
    actions: tuple[tuple[str, _Handler, vol.Schema, SupportsResponse], ...] = (
        (
            SERVICE_CREATE_SUBSCRIPTION,
            _create,
            CREATE_SUBSCRIPTION_SCHEMA,
            SupportsResponse.OPTIONAL,
        ),
        (SERVICE_LIST_SUBSCRIPTIONS, _list, LIST_SUBSCRIPTIONS_SCHEMA, SupportsResponse.ONLY),
        (SERVICE_DELETE_SUBSCRIPTION, _delete, DELETE_SUBSCRIPTION_SCHEMA, SupportsResponse.NONE),
        (SERVICE_SUBMIT_MEDIA, _submit, SUBMIT_MEDIA_SCHEMA, SupportsResponse.OPTIONAL),
    )
    for name, handler, schema, response in actions:
        hass.services.async_register(
            DOMAIN, name, _action(handler), schema=schema, supports_response=response
        )
