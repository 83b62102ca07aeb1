"""Make a response or state fit for a syrupy snapshot: plain data, nothing run-specific.

Also the views of an entry that snapshots compare: its entities' states, and its entity and
device registry entries in the fields every tested Home Assistant version has.

Simulators listen on a free port and stamp times with the clock, so their addresses become
``<simulator>`` and every ``*_at`` value ``<time>`` (unless the times come from fixed vendor
answers); the rest is compared as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
import json
from pathlib import Path
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.video_pipeline.const import DOMAIN

TIME = "<time>"
NOW = "<now>"


def snapshot_data(
    data: Any, replace: Mapping[str, str] | None = None, *, keep_times: bool = False
) -> Any:
    """``data`` as plain dicts, lists and scalars, with ``replace``'s substrings swapped.

    ``keep_times`` keeps the ``*_at`` values, for data whose times come from fixed vendor
    answers rather than a running clock.
    """
    replacements = dict(replace or {})
    if isinstance(data, Mapping):
        return {
            str(key): TIME
            if str(key).endswith("_at") and value and not keep_times
            else snapshot_data(value, replacements, keep_times=keep_times)
            for key, value in data.items()
        }
    if isinstance(data, list | tuple):
        return [snapshot_data(item, replacements, keep_times=keep_times) for item in data]
    if isinstance(data, str):
        data = str(data)  # a StrEnum (state class, unit, ...) as its value
        for old, new in replacements.items():
            data = data.replace(old, new)
        return data
    if data is None or isinstance(data, bool):
        return data
    if isinstance(data, int | float):  # enums and flags as their plain number
        return int(data) if isinstance(data, int) else float(data)
    return str(data)


# What an entity registry entry says about an entity, in fields every tested Home Assistant has;
# newer versions add fields (and change their order), so the whole entry is never compared.
ENTITY_FIELDS = (
    "entity_id",
    "unique_id",
    "platform",
    "translation_key",
    "device_class",
    "original_device_class",
    "original_name",
    "original_icon",
    "entity_category",
    "disabled_by",
    "hidden_by",
    "unit_of_measurement",
    "capabilities",
    "supported_features",
)
# The same for a device registry entry; ``via_device`` is named by its parent's identifiers.
DEVICE_FIELDS = (
    "manufacturer",
    "model",
    "model_id",
    "name",
    "serial_number",
    "sw_version",
    "hw_version",
    "configuration_url",
    "entry_type",
)


def fixed_data(data: Any, replace: Mapping[str, str] | None = None) -> Any:
    """``snapshot_data`` for a run served from fixtures: their times are fixed, so kept."""
    return snapshot_data(data, replace, keep_times=True)


def fixture_json(folder: Path, name: str) -> Any:
    """A vendor answer kept as ``<folder>/fixtures/<name>``."""
    return json.loads((folder / "fixtures" / name).read_text(encoding="utf-8"))


def entity_states(
    hass: HomeAssistant, entry: ConfigEntry[Any], *, now_since: datetime | None = None
) -> dict[str, Any]:
    """State and attributes of each of the entry's entities that has a state, by entity id.

    A state that is a time at or after ``now_since`` (an event entity's last event, a sensor
    stamped on arrival) becomes ``<now>``: it is when the test ran, not what the vendor said.
    """
    entries = er.async_entries_for_config_entry(er.async_get(hass), entry.entry_id)
    states: dict[str, Any] = {}
    for entity in sorted(entries, key=lambda item: item.entity_id):
        state = hass.states.get(entity.entity_id)
        if state is None:
            continue
        value = state.state
        moment = dt_util.parse_datetime(value)
        if (
            now_since is not None
            and moment is not None
            and moment >= now_since.replace(microsecond=0)
        ):
            value = NOW
        states[entity.entity_id] = {"state": value, "attributes": dict(state.attributes)}
    return states


def registry_entries(hass: HomeAssistant, entry: ConfigEntry[Any]) -> list[dict[str, Any]]:
    """The entry's entity registry entries, sorted by entity id, in the stable fields."""
    entries = er.async_entries_for_config_entry(er.async_get(hass), entry.entry_id)
    return [
        {field: getattr(entity, field) for field in ENTITY_FIELDS}
        for entity in sorted(entries, key=lambda item: item.entity_id)
    ]


def device_entries(hass: HomeAssistant, entry: ConfigEntry[Any]) -> list[dict[str, Any]]:
    """The entry's devices, sorted by identifiers, in the stable fields."""
    registry = dr.async_get(hass)
    devices = dr.async_entries_for_config_entry(registry, entry.entry_id)

    def identifiers(device: dr.DeviceEntry | None) -> list[list[str]] | None:
        return None if device is None else sorted([list(pair) for pair in device.identifiers])

    views = [
        {
            "identifiers": identifiers(device),
            **{field: getattr(device, field) for field in DEVICE_FIELDS},
            "via_device": identifiers(registry.async_get(device.via_device_id))
            if device.via_device_id
            else None,
        }
        for device in devices
    ]
    return sorted(views, key=lambda view: json.dumps(view["identifiers"]))


def requests_made(mocker: AiohttpClientMocker) -> list[dict[str, Any]]:
    """The requests the integration sent to the mocked vendor: method, URL and body, in order."""
    return [
        {"method": method, "url": str(url), "body": body}
        for method, url, body, _headers in mocker.mock_calls
    ]


def entry_views(
    hass: HomeAssistant,
    entry: ConfigEntry[Any],
    vendor: AiohttpClientMocker,
    replace: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """What a set-up entry shows, by snapshot name: its entities' states, their registry
    entries, its devices and the requests it sent to the vendor."""
    return {
        "states": fixed_data(entity_states(hass, entry), replace),
        "entities": fixed_data(registry_entries(hass, entry), replace),
        "devices": fixed_data(device_entries(hass, entry), replace),
        "requests": fixed_data(requests_made(vendor), replace),
    }


def account_run_specific(entry: ConfigEntry[Any], external_url: str) -> dict[str, str]:
    """What differs between runs of an account: HA's address, its webhook id and the entry id."""
    specific = {external_url: "<ha>", entry.entry_id: "<entry>"}
    if webhook_id := entry.data.get("webhook_id"):
        specific[webhook_id] = "<webhook_id>"
    return specific


async def action_response(
    hass: HomeAssistant, entry: ConfigEntry[Any], action: str, data: Mapping[str, Any]
) -> Any:
    """What ``action`` answers for ``entry``, ready for a snapshot."""
    response = await hass.services.async_call(
        DOMAIN,
        action,
        {"config_entry_id": entry.entry_id, **data},
        blocking=True,
        return_response=True,
    )
    return fixed_data(response)
