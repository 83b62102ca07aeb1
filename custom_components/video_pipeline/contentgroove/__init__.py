"""ContentGroove accounts: a webhook for processed media, its subscription, and media actions."""

from __future__ import annotations

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.dispatcher import async_dispatcher_connect

from ..account import async_validated_client
from ..client_errors import CONTENTGROOVE_ERRORS
from ..clients.contentgroove import MEDIA_PROCESSING_FINISHED
from ..const import Provider
from ..providers import PlatformSetup, ProviderHooks, platform_hooks
from ..subscribed_account import async_setup_subscribed_webhooks, subscription_remover
from ..webhooks import AcceptedDelivery, delivery_signal
from . import event, sensor
from .adapter import contentgroove_adapter, parsed_delivery
from .client_factory import create_client
from .data import ContentGrooveConfigEntry, ContentGrooveRuntimeData
from .diagnostics import async_get_diagnostics
from .subscription import ContentGrooveSubscriptions

PLATFORMS: dict[Platform, PlatformSetup[ContentGrooveRuntimeData]] = {
    Platform.EVENT: event.async_setup_entry,
    Platform.SENSOR: sensor.async_setup_entry,
}


async def _connect(
    hass: HomeAssistant, entry: ContentGrooveConfigEntry
) -> ContentGrooveRuntimeData:
    client = await async_validated_client(hass, entry, create_client, CONTENTGROOVE_ERRORS)
    endpoint = await async_setup_subscribed_webhooks(
        hass,
        ContentGrooveSubscriptions(entry, client),
        provider=Provider.CONTENTGROOVE,
        adapter=contentgroove_adapter,
    )
    runtime = ContentGrooveRuntimeData(client=client, endpoint=endpoint)

    @callback
    def remember(delivery: AcceptedDelivery) -> None:
        """Keep the last processed media (the adapter accepted only parseable bodies)."""
        if delivery.event_type == MEDIA_PROCESSING_FINISHED:
            runtime.last_delivery = parsed_delivery(delivery)

    entry.async_on_unload(async_dispatcher_connect(hass, delivery_signal(entry.entry_id), remember))
    return runtime


HOOKS: ProviderHooks[ContentGrooveRuntimeData] = platform_hooks(
    _connect,
    PLATFORMS,
    async_get_diagnostics,
    remove_entry=subscription_remover(ContentGrooveSubscriptions, create_client),
)
