"""ContentGroove accounts: a webhook for processed media, its subscription, and media actions."""

from __future__ import annotations

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.dispatcher import async_dispatcher_connect

from ..client_errors import CONTENTGROOVE_ERRORS, setup_error
from ..clients.contentgroove import MEDIA_PROCESSING_FINISHED, ContentGrooveError, parse_delivery
from ..const import Provider
from ..providers import PlatformSetup, ProviderHooks, unload_platforms
from ..subscribed_account import async_remove_subscribed_account, async_setup_subscribed_webhooks
from ..webhooks import AcceptedDelivery, delivery_signal
from . import event, sensor
from .adapter import contentgroove_adapter
from .client_factory import create_client
from .data import ContentGrooveConfigEntry, ContentGrooveRuntimeData
from .diagnostics import async_get_diagnostics
from .subscription import ContentGrooveSubscriptions

PLATFORMS: dict[Platform, PlatformSetup[ContentGrooveRuntimeData]] = {
    Platform.EVENT: event.async_setup_entry,
    Platform.SENSOR: sensor.async_setup_entry,
}


async def _setup(hass: HomeAssistant, entry: ContentGrooveConfigEntry) -> bool:
    client = create_client(hass, entry.data)
    try:
        await client.validate()
    except ContentGrooveError as err:
        raise setup_error(CONTENTGROOVE_ERRORS, err) from err
    endpoint = await async_setup_subscribed_webhooks(
        hass,
        ContentGrooveSubscriptions(entry, client),
        CONTENTGROOVE_ERRORS,
        provider=Provider.CONTENTGROOVE,
        adapter=contentgroove_adapter,
    )
    runtime = ContentGrooveRuntimeData(client=client, endpoint=endpoint)
    entry.runtime_data = runtime

    @callback
    def remember(delivery: AcceptedDelivery) -> None:
        """Keep the last processed media (the adapter accepted only parseable bodies)."""
        if delivery.event_type == MEDIA_PROCESSING_FINISHED:
            runtime.last_delivery = parse_delivery(delivery.payload)

    entry.async_on_unload(async_dispatcher_connect(hass, delivery_signal(entry.entry_id), remember))
    await hass.config_entries.async_forward_entry_setups(entry, list(PLATFORMS))
    return True


async def _remove(hass: HomeAssistant, entry: ContentGrooveConfigEntry) -> None:
    """Delete the account's subscription at ContentGroove, its cloudhook and remembered keys."""
    await async_remove_subscribed_account(
        hass, ContentGrooveSubscriptions(entry, create_client(hass, entry.data))
    )


HOOKS = ProviderHooks[ContentGrooveRuntimeData](
    setup_entry=_setup,
    unload_entry=unload_platforms(PLATFORMS),
    platforms=PLATFORMS,
    diagnostics=async_get_diagnostics,
    remove_entry=_remove,
)
