"""ContentGroove accounts: a webhook for processed media, its subscription, and media actions."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import ConfigEntryAuthFailed, ConfigEntryNotReady
from homeassistant.helpers.dispatcher import async_dispatcher_connect

from ..clients.contentgroove import (
    MEDIA_PROCESSING_FINISHED,
    ContentGrooveAuthenticationError,
    ContentGrooveError,
)
from ..const import DOMAIN, LOGGER, Provider
from ..providers import PlatformSetup, ProviderHooks
from ..webhooks import (
    AcceptedDelivery,
    PublicUrls,
    async_remove_entry_webhooks,
    async_setup_webhooks,
    delivery_signal,
)
from . import event, sensor
from .adapter import contentgroove_adapter, parsed_delivery
from .client_factory import create_client
from .const import VENDOR_NAME
from .data import ContentGrooveConfigEntry, ContentGrooveRuntimeData
from .diagnostics import async_get_diagnostics
from .subscription import async_delete_subscription, async_sync_subscription

PLATFORMS: dict[Platform, PlatformSetup] = {
    Platform.EVENT: event.async_setup_entry,
    Platform.SENSOR: sensor.async_setup_entry,
}


def _auth_failed() -> ConfigEntryAuthFailed:
    return ConfigEntryAuthFailed(
        translation_domain=DOMAIN, translation_key="contentgroove_auth_failed"
    )


def _not_ready(err: ContentGrooveError) -> ConfigEntryNotReady:
    return ConfigEntryNotReady(
        translation_domain=DOMAIN,
        translation_key="contentgroove_unavailable",
        translation_placeholders={"error": str(err)},
    )


async def _setup(hass: HomeAssistant, entry: ContentGrooveConfigEntry) -> bool:
    client = create_client(hass, entry.data)
    try:
        await client.validate()
    except ContentGrooveAuthenticationError as err:
        raise _auth_failed() from err
    except ContentGrooveError as err:
        raise _not_ready(err) from err

    async def on_url_change(urls: PublicUrls) -> None:
        try:
            await async_sync_subscription(hass, entry, client, urls[None])
        except ContentGrooveError as err:
            LOGGER.warning(
                "Could not point the ContentGroove webhook of %s at HA: %s", entry.title, err
            )

    endpoint = await async_setup_webhooks(
        hass,
        entry,
        provider=Provider.CONTENTGROOVE,
        vendor_name=VENDOR_NAME,
        adapter=contentgroove_adapter,
        on_url_change=on_url_change,
    )
    try:
        await async_sync_subscription(hass, entry, client, endpoint.url())
    except ContentGrooveAuthenticationError as err:
        raise _auth_failed() from err
    except ContentGrooveError as err:
        raise _not_ready(err) from err
    runtime = ContentGrooveRuntimeData(client=client, endpoint=endpoint)
    entry.runtime_data = runtime

    @callback
    def remember(delivery: AcceptedDelivery) -> None:
        """Keep the last processed media (the adapter accepted only parseable bodies)."""
        if delivery.event_type == MEDIA_PROCESSING_FINISHED:
            runtime.last_delivery = parsed_delivery(delivery)

    entry.async_on_unload(async_dispatcher_connect(hass, delivery_signal(entry.entry_id), remember))
    await hass.config_entries.async_forward_entry_setups(entry, list(PLATFORMS))
    return True


async def _unload(hass: HomeAssistant, entry: ConfigEntry[Any]) -> bool:
    return await hass.config_entries.async_unload_platforms(entry, list(PLATFORMS))


async def _remove(hass: HomeAssistant, entry: ConfigEntry[Any]) -> None:
    """Delete the account's subscription at ContentGroove, its cloudhook and remembered keys."""
    await async_delete_subscription(entry, create_client(hass, entry.data))
    await async_remove_entry_webhooks(hass, entry)


HOOKS = ProviderHooks(
    setup_entry=_setup,
    unload_entry=_unload,
    platforms=PLATFORMS,
    diagnostics=async_get_diagnostics,
    remove_entry=_remove,
)
