"""Actions of ContentGroove accounts: webhook subscriptions, media to clip, and clips."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine, Mapping
from typing import Any, Final

from homeassistant.core import ServiceCall, ServiceResponse, SupportsResponse
from homeassistant.helpers import config_validation as cv
import voluptuous as vol

from ..action_fields import ATTR_EVENTS, ATTR_URL, HTTP_URL, TARGET, VENDOR_ID
from ..client_errors import CONTENTGROOVE_ERRORS, action_error
from ..clients.contentgroove import Clip, ContentGrooveError, WebhookSubscription
from ..const import Provider
from ..service_helpers import Action, invalid, resolve_entry
from .const import SUBSCRIBED_EVENTS
from .data import ContentGrooveConfigEntry, ContentGrooveRuntimeData

SERVICE_CREATE_SUBSCRIPTION: Final = "contentgroove_create_webhook_subscription"
SERVICE_LIST_SUBSCRIPTIONS: Final = "contentgroove_list_webhook_subscriptions"
SERVICE_DELETE_SUBSCRIPTION: Final = "contentgroove_delete_webhook_subscription"
SERVICE_SUBMIT_MEDIA: Final = "contentgroove_submit_media"
ATTR_SUBSCRIPTION_ID: Final = "subscription_id"
ATTR_SOURCE_URL: Final = "source_url"
ATTR_NAME: Final = "name"
ATTR_DESCRIPTION: Final = "description"
SERVICE_CREATE_CLIP: Final = "contentgroove_create_clip"
SERVICE_LIST_CLIPS: Final = "contentgroove_list_clips"
SERVICE_GET_CLIP: Final = "contentgroove_get_clip"
SERVICE_DELETE_CLIP: Final = "contentgroove_delete_clip"
SERVICE_CLIP_FROM_LAST_MEDIA: Final = "contentgroove_create_clip_from_last_media"
ATTR_MEDIA_ID: Final = "media_id"
ATTR_CLIP_ID: Final = "clip_id"
ATTR_START_TIME: Final = "start_time"
ATTR_END_TIME: Final = "end_time"
ATTR_WINDOW: Final = "window"
DEFAULT_WINDOW: Final = 60.0
# The longest clip window we ask for (an hour); the vendor documents no limit.
MAX_WINDOW: Final = 3600.0

_EVENT = vol.All(cv.string, vol.Match(r"^[a-z_]+\.[a-z_.]+$"))

CREATE_SUBSCRIPTION_SCHEMA: Final = TARGET.extend(
    {
        vol.Optional(ATTR_URL): HTTP_URL,
        vol.Optional(ATTR_EVENTS, default=list(SUBSCRIBED_EVENTS)): vol.All(
            cv.ensure_list, vol.Length(min=1), [_EVENT]
        ),
    }
)
LIST_SUBSCRIPTIONS_SCHEMA: Final = TARGET
DELETE_SUBSCRIPTION_SCHEMA: Final = TARGET.extend({vol.Required(ATTR_SUBSCRIPTION_ID): VENDOR_ID})
SUBMIT_MEDIA_SCHEMA: Final = TARGET.extend(
    {
        vol.Required(ATTR_SOURCE_URL): HTTP_URL,
        vol.Optional(ATTR_NAME): vol.All(cv.string, vol.Length(min=1, max=255)),
        vol.Optional(ATTR_DESCRIPTION): vol.All(cv.string, vol.Length(max=5000)),
    }
)

_CLIP_NAME = vol.All(cv.string, vol.Length(min=1, max=255))
_SECONDS = vol.All(vol.Coerce(float), vol.Range(min=0, max=24 * 3600))

CREATE_CLIP_SCHEMA: Final = TARGET.extend(
    {
        vol.Required(ATTR_MEDIA_ID): VENDOR_ID,
        vol.Required(ATTR_START_TIME): _SECONDS,
        vol.Required(ATTR_END_TIME): _SECONDS,
        vol.Optional(ATTR_NAME): _CLIP_NAME,
    }
)
LIST_CLIPS_SCHEMA: Final = TARGET.extend({vol.Optional(ATTR_MEDIA_ID): VENDOR_ID})
CLIP_ID_SCHEMA: Final = TARGET.extend({vol.Required(ATTR_CLIP_ID): VENDOR_ID})
CLIP_FROM_LAST_MEDIA_SCHEMA: Final = TARGET.extend(
    {
        vol.Optional(ATTR_WINDOW, default=DEFAULT_WINDOW): vol.All(
            vol.Coerce(float), vol.Range(min=1, max=MAX_WINDOW)
        ),
        vol.Optional(ATTR_NAME): _CLIP_NAME,
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


def clip_as_dict(clip: Clip) -> dict[str, Any]:
    """A clip as response data."""
    return {
        "clip_id": clip.id,
        "media_id": clip.media_id,
        "name": clip.name,
        "start_time": clip.start_time,
        "end_time": clip.end_time,
        "rank": clip.rank,
        "text": clip.text,
        "url": clip.media_file_url,
        "is_processing": clip.is_processing,
    }


def clip_window(top: Clip, window: float, duration: float | None) -> tuple[float, float]:
    """``window`` seconds centred on ``top``, moved to lie within the media where it can.

    ``top`` must have both times. A media shorter than the window gives the whole media.
    """
    assert top.start_time is not None and top.end_time is not None
    start = max(0.0, (top.start_time + top.end_time) / 2 - window / 2)
    end = start + window
    if duration is not None and end > duration:
        end = duration
        start = max(0.0, duration - window)
    return round(start, 3), round(end, 3)


type _Handler = Callable[[ContentGrooveConfigEntry, ServiceCall], Awaitable[ServiceResponse]]


def _action(
    handler: _Handler, not_found: tuple[str, str] | None = None
) -> Callable[[ServiceCall], Coroutine[Any, Any, ServiceResponse]]:
    """Resolve the account, run the handler, turn vendor errors into translated ones.

    ``not_found`` is the translation key and the field named when the vendor answers 404.
    """

    async def run(call: ServiceCall) -> ServiceResponse:
        entry = resolve_entry(call.hass, call, Provider.CONTENTGROOVE, ContentGrooveRuntimeData)
        try:
            return await handler(entry, call)
        except ContentGrooveError as err:
            missing = None
            if not_found is not None:
                key, field = not_found
                missing = (key, {field: call.data[field]})
            raise action_error(CONTENTGROOVE_ERRORS, err, not_found=missing) from err

    return run


async def _create(entry: ContentGrooveConfigEntry, call: ServiceCall) -> ServiceResponse:
    url = call.data.get(ATTR_URL) or entry.runtime_data.endpoint.url()
    if url is None:
        raise invalid("no_public_url", name=entry.title)
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


async def _create_clip(entry: ContentGrooveConfigEntry, call: ServiceCall) -> ServiceResponse:
    start, end = call.data[ATTR_START_TIME], call.data[ATTR_END_TIME]
    if end <= start:
        raise invalid("contentgroove_clip_window", start_time=f"{start:g}", end_time=f"{end:g}")
    name = call.data.get(ATTR_NAME) or f"Clip {start:g}-{end:g} s"
    clip = await entry.runtime_data.client.create_clip(call.data[ATTR_MEDIA_ID], name, start, end)
    return clip_as_dict(clip)


async def _list_clips(entry: ContentGrooveConfigEntry, call: ServiceCall) -> ServiceResponse:
    clips = await entry.runtime_data.client.list_clips(call.data.get(ATTR_MEDIA_ID))
    return {"clips": [clip_as_dict(clip) for clip in clips]}


async def _get_clip(entry: ContentGrooveConfigEntry, call: ServiceCall) -> ServiceResponse:
    return clip_as_dict(await entry.runtime_data.client.get_clip(call.data[ATTR_CLIP_ID]))


async def _delete_clip(entry: ContentGrooveConfigEntry, call: ServiceCall) -> ServiceResponse:
    await entry.runtime_data.client.delete_clip(call.data[ATTR_CLIP_ID])
    return None


async def _clip_from_last_media(
    entry: ContentGrooveConfigEntry, call: ServiceCall
) -> ServiceResponse:
    """Cut ``window`` seconds around the best suggested clip of the last processed media."""
    delivery = entry.runtime_data.last_delivery
    if delivery is None or delivery.media is None:
        raise invalid("contentgroove_no_processed_media", name=entry.title)
    media = delivery.media
    top = next(
        (c for c in delivery.clips if c.start_time is not None and c.end_time is not None), None
    )
    if top is None:
        raise invalid("contentgroove_no_suggested_clip", media=media.name or media.id)
    start, end = clip_window(top, call.data[ATTR_WINDOW], media.duration_seconds)
    name = call.data.get(ATTR_NAME) or f"{media.name or media.id} {start:g}-{end:g} s"
    clip = await entry.runtime_data.client.create_clip(media.id, name, start, end)
    return {**clip_as_dict(clip), "suggested_clip_id": top.id}


_SUBSCRIPTION_NOT_FOUND: Final = ("contentgroove_subscription_not_found", ATTR_SUBSCRIPTION_ID)
_CLIP_NOT_FOUND: Final = ("contentgroove_clip_not_found", ATTR_CLIP_ID)

ACTIONS: Final[Mapping[str, Action]] = {
    SERVICE_CREATE_SUBSCRIPTION: Action(
        _action(_create), CREATE_SUBSCRIPTION_SCHEMA, SupportsResponse.OPTIONAL
    ),
    SERVICE_LIST_SUBSCRIPTIONS: Action(
        _action(_list), LIST_SUBSCRIPTIONS_SCHEMA, SupportsResponse.ONLY
    ),
    SERVICE_DELETE_SUBSCRIPTION: Action(
        _action(_delete, _SUBSCRIPTION_NOT_FOUND), DELETE_SUBSCRIPTION_SCHEMA
    ),
    SERVICE_SUBMIT_MEDIA: Action(_action(_submit), SUBMIT_MEDIA_SCHEMA, SupportsResponse.OPTIONAL),
    SERVICE_CREATE_CLIP: Action(
        _action(_create_clip), CREATE_CLIP_SCHEMA, SupportsResponse.OPTIONAL
    ),
    SERVICE_LIST_CLIPS: Action(_action(_list_clips), LIST_CLIPS_SCHEMA, SupportsResponse.ONLY),
    SERVICE_GET_CLIP: Action(
        _action(_get_clip, _CLIP_NOT_FOUND), CLIP_ID_SCHEMA, SupportsResponse.ONLY
    ),
    SERVICE_DELETE_CLIP: Action(_action(_delete_clip, _CLIP_NOT_FOUND), CLIP_ID_SCHEMA),
    SERVICE_CLIP_FROM_LAST_MEDIA: Action(
        _action(_clip_from_last_media), CLIP_FROM_LAST_MEDIA_SCHEMA, SupportsResponse.OPTIONAL
    ),
}
