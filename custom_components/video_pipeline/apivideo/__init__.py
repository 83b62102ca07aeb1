"""api.video accounts: a signed webhook endpoint, its subscription, events, live streams, videos."""

from __future__ import annotations

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers.dispatcher import async_dispatcher_connect

from ..account import async_validated_client
from ..client_errors import API_VIDEO_ERRORS, setup_error
from ..clients.apivideo import ApiVideoError
from ..compat import async_reload_on_options_change
from ..const import Provider
from ..providers import PlatformSetup, ProviderHooks, platform_hooks
from ..subscribed_account import (
    async_setup_subscribed_webhooks,
    stored_subscription,
    subscription_remover,
)
from ..webhooks import delivery_signal
from . import binary_sensor, event, sensor
from .adapter import ApiVideoAdapter, SecretBook
from .client_factory import create_client
from .data import ApiVideoConfigEntry, ApiVideoRuntimeData
from .diagnostics import async_get_diagnostics
from .live_streams import LiveStreamTracker
from .media import MEDIA
from .subscription import ApiVideoSubscriptions

PLATFORMS: dict[Platform, PlatformSetup[ApiVideoRuntimeData]] = {
    Platform.BINARY_SENSOR: binary_sensor.async_setup_entry,
    Platform.EVENT: event.async_setup_entry,
    Platform.SENSOR: sensor.async_setup_entry,
}


async def _connect(hass: HomeAssistant, entry: ApiVideoConfigEntry) -> ApiVideoRuntimeData:
    client = await async_validated_client(hass, entry, create_client, API_VIDEO_ERRORS)
    try:
        streams = await client.list_live_streams()
    except ApiVideoError as err:
        raise setup_error(API_VIDEO_ERRORS, err) from err

    stored = stored_subscription(entry, ApiVideoSubscriptions.id_key)
    known = {stored["webhook_id"]: stored["secret"]} if stored and stored.get("secret") else {}
    secrets = SecretBook(client, known)
    tracker = LiveStreamTracker(hass, entry.entry_id)
    tracker.async_seed(streams)
    entry.async_on_unload(
        async_dispatcher_connect(
            hass, delivery_signal(entry.entry_id), tracker.async_handle_delivery
        )
    )
    endpoint = await async_setup_subscribed_webhooks(
        hass,
        ApiVideoSubscriptions(entry, client, secrets),
        provider=Provider.API_VIDEO,
        adapter=ApiVideoAdapter(secrets),
    )
    # Newly chosen events re-subscribe through a reload.
    async_reload_on_options_change(hass, entry)
    return ApiVideoRuntimeData(
        client=client, endpoint=endpoint, secrets=secrets, live_streams=tracker
    )


HOOKS: ProviderHooks[ApiVideoRuntimeData] = platform_hooks(
    _connect,
    PLATFORMS,
    async_get_diagnostics,
    remove_entry=subscription_remover(ApiVideoSubscriptions, create_client),
    media=MEDIA,
)
