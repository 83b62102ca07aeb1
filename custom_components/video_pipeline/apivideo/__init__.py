"""api.video accounts: a signed webhook endpoint, its subscription, events, live streams, videos."""

from __future__ import annotations

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ConfigEntryAuthFailed, ConfigEntryNotReady
from homeassistant.helpers.dispatcher import async_dispatcher_connect

from ..clients.apivideo import (
    ApiVideoAuthenticationError,
    ApiVideoError,
    ApiVideoWebhookLimitError,
)
from ..compat import async_reload_on_options_change
from ..const import DOMAIN, LOGGER, Provider
from ..providers import PlatformSetup, ProviderHooks
from ..webhooks import (
    PublicUrls,
    async_remove_entry_webhooks,
    async_setup_webhooks,
    delivery_signal,
)
from . import binary_sensor, event, sensor
from .adapter import ApiVideoAdapter, SecretBook
from .client_factory import create_client
from .const import VENDOR_NAME
from .data import ApiVideoConfigEntry, ApiVideoRuntimeData
from .diagnostics import async_get_diagnostics
from .live_streams import LiveStreamTracker
from .media import MEDIA
from .subscription import async_delete_subscription, async_sync_subscription, stored_subscription

PLATFORMS: dict[Platform, PlatformSetup[ApiVideoRuntimeData]] = {
    Platform.BINARY_SENSOR: binary_sensor.async_setup_entry,
    Platform.EVENT: event.async_setup_entry,
    Platform.SENSOR: sensor.async_setup_entry,
}


def _not_ready(key: str, err: Exception) -> ConfigEntryNotReady:
    return ConfigEntryNotReady(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders={"error": str(err)},
    )


async def _setup(hass: HomeAssistant, entry: ApiVideoConfigEntry) -> bool:
    client = create_client(hass, entry.data)
    try:
        await client.validate()
        streams = await client.list_live_streams()
    except ApiVideoAuthenticationError as err:
        raise ConfigEntryAuthFailed(
            translation_domain=DOMAIN, translation_key="api_video_auth_failed"
        ) from err
    except ApiVideoError as err:
        raise _not_ready("api_video_unavailable", err) from err

    stored = stored_subscription(entry)
    known = {stored["webhook_id"]: stored["secret"]} if stored and stored.get("secret") else {}
    secrets = SecretBook(client, known)
    tracker = LiveStreamTracker(hass, entry.entry_id)
    tracker.async_seed(streams)

    async def on_url_change(urls: PublicUrls) -> None:
        try:
            await async_sync_subscription(hass, entry, client, secrets, urls[None])
        except ApiVideoError as err:
            LOGGER.warning(
                "Could not point the api.video webhook of %s at HA: %s", entry.title, err
            )

    endpoint = await async_setup_webhooks(
        hass,
        entry,
        provider=Provider.API_VIDEO,
        vendor_name=VENDOR_NAME,
        adapter=ApiVideoAdapter(secrets),
        on_url_change=on_url_change,
    )
    entry.async_on_unload(
        async_dispatcher_connect(
            hass, delivery_signal(entry.entry_id), tracker.async_handle_delivery
        )
    )
    try:
        await async_sync_subscription(hass, entry, client, secrets, endpoint.url())
    except ApiVideoAuthenticationError as err:
        raise ConfigEntryAuthFailed(
            translation_domain=DOMAIN, translation_key="api_video_auth_failed"
        ) from err
    except ApiVideoWebhookLimitError as err:
        # Deliveries from subscriptions made by hand still verify; say what to do once.
        LOGGER.warning(
            "api.video refused a webhook for %s: the account's webhook limit is reached. Delete "
            "an unused webhook (action video_pipeline.api_video_delete_webhook) and reload: %s",
            entry.title,
            err,
        )
    except ApiVideoError as err:
        raise _not_ready("api_video_unavailable", err) from err

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


async def _unload(hass: HomeAssistant, entry: ApiVideoConfigEntry) -> bool:
    return await hass.config_entries.async_unload_platforms(entry, list(PLATFORMS))


async def _remove(hass: HomeAssistant, entry: ApiVideoConfigEntry) -> None:
    """Delete the account's subscription at api.video, its cloudhook and remembered keys."""
    await async_delete_subscription(hass, entry, create_client(hass, entry.data))
    await async_remove_entry_webhooks(hass, entry)


HOOKS = ProviderHooks[ApiVideoRuntimeData](
    setup_entry=_setup,
    unload_entry=_unload,
    platforms=PLATFORMS,
    diagnostics=async_get_diagnostics,
    remove_entry=_remove,
    media=MEDIA,
)
