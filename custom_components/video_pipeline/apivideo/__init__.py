"""api.video accounts: a signed webhook endpoint, its subscription, events, live streams, videos."""

from __future__ import annotations

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers.dispatcher import async_dispatcher_connect

from ..client_errors import API_VIDEO_ERRORS, setup_error
from ..clients.apivideo import ApiVideoError
from ..compat import async_reload_on_options_change
from ..const import Provider
from ..providers import PlatformSetup, ProviderHooks, unload_platforms
from ..subscribed_account import (
    async_remove_subscribed_account,
    async_setup_subscribed_webhooks,
    stored_subscription,
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


async def _setup(hass: HomeAssistant, entry: ApiVideoConfigEntry) -> bool:
    client = create_client(hass, entry.data)
    try:
        await client.validate()
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
        API_VIDEO_ERRORS,
        provider=Provider.API_VIDEO,
        adapter=ApiVideoAdapter(secrets),
    )
    entry.runtime_data = ApiVideoRuntimeData(
        client=client,
        endpoint=endpoint,
        secrets=secrets,
        live_streams=tracker,
    )
    await hass.config_entries.async_forward_entry_setups(entry, list(PLATFORMS))
    # Newly chosen events re-subscribe through a reload.
    async_reload_on_options_change(hass, entry)
    return True


async def _remove(hass: HomeAssistant, entry: ApiVideoConfigEntry) -> None:
    """Delete the account's subscription at api.video, its cloudhook and remembered keys."""
    await async_remove_subscribed_account(
        hass, ApiVideoSubscriptions(entry, create_client(hass, entry.data))
    )


HOOKS = ProviderHooks[ApiVideoRuntimeData](
    setup_entry=_setup,
    unload_entry=unload_platforms(PLATFORMS),
    platforms=PLATFORMS,
    diagnostics=async_get_diagnostics,
    remove_entry=_remove,
    media=MEDIA,
)
