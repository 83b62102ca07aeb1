"""The cloud accounts' forms keep the API address in a collapsed "Advanced options" section.

Home Assistant no longer hides fields in an "advanced mode" (``show_advanced_options`` is always
true from 2026 and goes away in 2027.6), so the address a proxy or a simulator needs sits in a
form section that starts collapsed. Entries keep storing it flat under ``base_url``.
"""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

from homeassistant.config_entries import SOURCE_USER
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType, section
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
import voluptuous as vol

from custom_components.video_pipeline.apivideo.client_factory import account_fingerprint
from custom_components.video_pipeline.clients.apivideo import ApiVideoClient
from custom_components.video_pipeline.const import DOMAIN
from custom_components.video_pipeline.flow_helpers import (
    api_address,
    replaced_entry_data,
    with_flat_address,
)

ACCOUNT_STEPS = ["api_video", "contentgroove", "clevercast", "cognitive3d"]


def advanced_section(form: dict[str, Any]) -> section:
    """The form's "advanced" section (and check it is the only section)."""
    schema: vol.Schema = form["data_schema"]
    sections = {
        str(key): value for key, value in schema.schema.items() if isinstance(value, section)
    }
    assert list(sections) == ["advanced"], sections
    return sections["advanced"]


def section_fields(found: section) -> list[str]:
    return [str(key) for key in found.schema.schema]


async def open_form(hass: HomeAssistant, step: str) -> dict[str, Any]:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": step}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == step
    return dict(result)


@pytest.mark.parametrize("step", ACCOUNT_STEPS)
async def test_new_account_form_has_the_address_collapsed(hass: HomeAssistant, step: str) -> None:
    form = await open_form(hass, step)
    found = advanced_section(form)
    assert found.options["collapsed"] is True
    assert section_fields(found) == ["base_url"]
    assert "base_url" not in [str(key) for key in form["data_schema"].schema]


async def test_reconfigure_opens_the_section_when_an_address_is_stored(
    hass: HomeAssistant,
) -> None:
    data = {"provider": "api_video", "api_key": "k", "environment": "production"}
    plain = MockConfigEntry(domain=DOMAIN, data=data, unique_id=account_fingerprint(data))
    plain.add_to_hass(hass)
    proxied_data = {**data, "api_key": "k2", "base_url": "http://proxy.local"}
    proxied = MockConfigEntry(
        domain=DOMAIN, data=proxied_data, unique_id=account_fingerprint(proxied_data)
    )
    proxied.add_to_hass(hass)

    result = await plain.start_reconfigure_flow(hass)
    assert advanced_section(dict(result)).options["collapsed"] is True
    result = await proxied.start_reconfigure_flow(hass)
    found = advanced_section(dict(result))
    assert found.options["collapsed"] is False
    (key,) = found.schema.schema
    assert key.description == {"suggested_value": "http://proxy.local"}


async def test_clearing_the_address_in_reconfigure_removes_it(hass: HomeAssistant) -> None:
    data = {
        "provider": "api_video",
        "api_key": "k",
        "environment": "production",
        "base_url": "http://proxy.local",
        "subscription": {"webhook_id": "w1"},
    }
    entry = MockConfigEntry(domain=DOMAIN, data=data, unique_id=account_fingerprint(data))
    entry.add_to_hass(hass)
    result = await entry.start_reconfigure_flow(hass)
    with (
        patch.object(ApiVideoClient, "validate", return_value=None),
        patch("custom_components.video_pipeline.async_setup_entry", return_value=True),
    ):
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"],
            {"api_key": "k", "environment": "production", "advanced": {"base_url": ""}},
        )
        await hass.async_block_till_done()
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert "base_url" not in entry.data
    # What the account keeps outside the form stays.
    assert entry.data["subscription"] == {"webhook_id": "w1"}


@pytest.mark.parametrize(
    ("form_input", "expected"),
    [
        ({"advanced": {"base_url": " http://a "}}, {"base_url": "http://a"}),
        ({"advanced": {"base_url": ""}, "base_url": "http://old"}, {}),
        ({"advanced": {}, "base_url": "http://old"}, {}),
        ({"base_url": "http://stored"}, {"base_url": "http://stored"}),
        ({}, {}),
    ],
)
def test_api_address_reads_the_section_first(
    form_input: dict[str, Any], expected: dict[str, str]
) -> None:
    assert api_address(form_input) == expected


def test_with_flat_address_is_what_an_entry_stores() -> None:
    form_input = {"api_key": "a", "base_url": "http://old", "advanced": {"base_url": "http://n"}}
    assert with_flat_address(form_input) == {"api_key": "a", "base_url": "http://n"}
    assert with_flat_address({"api_key": "a", "advanced": {}}) == {"api_key": "a"}


def test_replaced_entry_data_lets_the_new_data_decide_the_address() -> None:
    current = {"api_key": "a", "base_url": "http://old", "subscription": 1}
    assert replaced_entry_data(current, {"api_key": "b"}) == {"api_key": "b", "subscription": 1}
    assert replaced_entry_data(current, {"api_key": "b", "base_url": "http://new"}) == {
        "api_key": "b",
        "base_url": "http://new",
        "subscription": 1,
    }
