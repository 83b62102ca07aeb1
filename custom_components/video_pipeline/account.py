"""Pieces shared by the cloud accounts (api.video, ContentGroove, Clevercast).

An account is one HA device of the "service" kind. Its push entities follow the deliveries
the webhook receiver accepted for the entry; none of them poll.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.components.sensor import RestoreSensor, SensorEntityDescription
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_WEBHOOK_ID
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.helpers.entity import Entity
from homeassistant.helpers.typing import StateType

from .client_errors import ClientErrors, setup_error
from .const import DOMAIN
from .providers import PlatformSetup, entry_platform
from .webhooks import CONF_CLOUDHOOK_URLS, AcceptedDelivery, delivery_signal
from .webhooks.event_entity import VideoPipelineEventDescription, VideoPipelineEventEntity

# Attributes HA itself writes; everything else on a restored state came from attributes_fn.
_HA_ATTRIBUTES = frozenset(
    {"friendly_name", "icon", "device_class", "unit_of_measurement", "state_class", "attribution"}
)


def account_id(entry: ConfigEntry[Any]) -> str:
    """The stable id an account's device and entities are keyed on."""
    return entry.unique_id or entry.entry_id


class ValidatingClient(Protocol):
    """A vendor client that can check its credentials with one cheap read."""

    async def validate(self) -> None:
        """Raise the client's error when the vendor refuses the credentials or is unreachable."""


async def async_validated_client[C: ValidatingClient](
    hass: HomeAssistant,
    entry: ConfigEntry[Any],
    create_client: Callable[[HomeAssistant, Mapping[str, Any]], C],
    errors: ClientErrors,
) -> C:
    """The account's client once the vendor accepted its credentials; else setup fails."""
    client = create_client(hass, entry.data)
    try:
        await client.validate()
    except errors.base as err:
        raise setup_error(errors, err) from err
    return client


def account_device_info(
    entry: ConfigEntry[Any], *, manufacturer: str, model: str, url: str | None = None
) -> DeviceInfo:
    """The account's device: a cloud service, named after the entry."""
    return DeviceInfo(
        identifiers={(DOMAIN, account_id(entry))},
        name=entry.title,
        manufacturer=manufacturer,
        model=model,
        entry_type=DeviceEntryType.SERVICE,
        configuration_url=url,
    )


def redacted_entry_data(entry: ConfigEntry[Any], secrets: set[str]) -> dict[str, Any]:
    """Entry data for diagnostics without credentials or webhook secrets."""
    return async_redact_data(dict(entry.data), {*secrets, CONF_WEBHOOK_ID, CONF_CLOUDHOOK_URLS})


@dataclass(frozen=True, kw_only=True)
class DeliverySensorDescription(SensorEntityDescription):
    """A sensor that shows the last accepted delivery of some event types."""

    event_types: tuple[str, ...]
    value_fn: Callable[[AcceptedDelivery], StateType | datetime]
    attributes_fn: Callable[[AcceptedDelivery], Mapping[str, Any]]


class LastDeliverySensor(RestoreSensor):
    """The last delivery of the description's event types, kept across restarts."""

    _attr_has_entity_name = True
    _attr_should_poll = False
    entity_description: DeliverySensorDescription

    def __init__(
        self,
        entry: ConfigEntry[Any],
        description: DeliverySensorDescription,
        device_info: DeviceInfo,
    ) -> None:
        self.entity_description = description
        self._entry_id = entry.entry_id
        self._attr_unique_id = f"{account_id(entry)}_{description.key}"
        self._attr_device_info = device_info
        self._attr_extra_state_attributes = {}

    async def async_added_to_hass(self) -> None:
        """Restore the last value and its attributes, then follow the deliveries."""
        await super().async_added_to_hass()
        if (restored := await self.async_get_last_sensor_data()) is not None:
            self._attr_native_value = restored.native_value
        if (state := await self.async_get_last_state()) is not None:
            self._attr_extra_state_attributes = {
                key: value for key, value in state.attributes.items() if key not in _HA_ATTRIBUTES
            }
        self.async_on_remove(
            async_dispatcher_connect(
                self.hass, delivery_signal(self._entry_id), self._async_handle_delivery
            )
        )

    @callback
    def _async_handle_delivery(self, delivery: AcceptedDelivery) -> None:
        if delivery.event_type not in self.entity_description.event_types:
            return
        self._attr_native_value = self.entity_description.value_fn(delivery)
        self._attr_extra_state_attributes = dict(self.entity_description.attributes_fn(delivery))
        self.async_write_ha_state()


def account_platform[R, D](
    make: Callable[[ConfigEntry[R], D, DeviceInfo], Entity],
    descriptions: Iterable[D],
    device_info: Callable[[ConfigEntry[R]], DeviceInfo],
) -> PlatformSetup[R]:
    """An account's platform: ``make`` builds an entity per description, on the account's device."""
    return entry_platform(
        lambda entry: [make(entry, description, device_info(entry)) for description in descriptions]
    )


def _event_entity(
    entry: ConfigEntry[Any], description: VideoPipelineEventDescription, device_info: DeviceInfo
) -> VideoPipelineEventEntity:
    return VideoPipelineEventEntity(entry.entry_id, account_id(entry), description, device_info)


def event_platform[R](
    descriptions: Iterable[VideoPipelineEventDescription],
    device_info: Callable[[ConfigEntry[R]], DeviceInfo],
) -> PlatformSetup[R]:
    """An account's event platform: an event entity per description."""
    return account_platform(_event_entity, descriptions, device_info)


def last_delivery_platform[R](
    descriptions: Iterable[DeliverySensorDescription],
    device_info: Callable[[ConfigEntry[R]], DeviceInfo],
) -> PlatformSetup[R]:
    """An account's sensor platform: a last-delivery sensor per description."""
    return account_platform(LastDeliverySensor, descriptions, device_info)
