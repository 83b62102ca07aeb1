"""The compatibility shims behave the same whichever Home Assistant runs the tests.

Each shim has a branch for the oldest supported release and one for today's; the tests drive
both on every version, so neither is dead code anywhere.
"""

from __future__ import annotations

from types import SimpleNamespace
from unittest.mock import patch

from homeassistant import config_entries
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.video_pipeline import compat
from custom_components.video_pipeline.const import DOMAIN


async def test_options_change_reloads_through_a_listener_before_ha_2025_8(
    hass: HomeAssistant,
) -> None:
    entry = MockConfigEntry(domain=DOMAIN, options={"a": 1})
    entry.add_to_hass(hass)
    with (
        patch.object(compat, "OPTIONS_FLOW_RELOADS", new=False),
        patch.object(hass.config_entries, "async_schedule_reload") as reload,
    ):
        compat.async_reload_on_options_change(hass, entry)
        assert len(entry.update_listeners) == 1
        hass.config_entries.async_update_entry(entry, data={"changed": True})
        await hass.async_block_till_done()
        assert not reload.called  # a data change (a new key) reloads through its flow instead
        hass.config_entries.async_update_entry(entry, options={"a": 2})
        await hass.async_block_till_done()
        reload.assert_called_once_with(entry.entry_id)


async def test_no_listener_where_the_options_flow_reloads(hass: HomeAssistant) -> None:
    entry = MockConfigEntry(domain=DOMAIN)
    entry.add_to_hass(hass)
    with patch.object(compat, "OPTIONS_FLOW_RELOADS", new=True):
        compat.async_reload_on_options_change(hass, entry)
    assert entry.update_listeners == []


def test_the_reloading_options_flow_is_hass_own_where_it_exists() -> None:
    current = getattr(config_entries, "OptionsFlowWithReload", None)
    assert compat.OPTIONS_FLOW_RELOADS is (current is not None)
    assert issubclass(compat.ReloadingOptionsFlow, current or config_entries.OptionsFlow)


def test_device_owner_from_either_registry_shape() -> None:
    assert compat.device_config_entry_ids(SimpleNamespace(config_entry_id="e1")) == {"e1"}
    legacy = SimpleNamespace(config_entry_id=None, config_entries={"e1", "e2"})
    assert compat.device_config_entry_ids(legacy) == {"e1", "e2"}
    assert compat.device_config_entry_ids(SimpleNamespace()) == set()


def test_percent_is_the_percent_sign() -> None:
    assert compat.PERCENT == "%"
