"""Snapshots of a Cognitive3D organization set up from the vendor's published example answers.

The answers in ``fixtures/`` (see its README) are served to the real client through HA's shared
HTTP session; the snapshots show what a user gets from them: entity states, registry entries,
the project device, diagnostics and the session query action's response.
"""

from __future__ import annotations

from pathlib import Path

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion

from custom_components.video_pipeline.const import CONF_PROVIDER, DOMAIN, Provider
from tests.snapshots import (
    entry_views,
    fixed_data,
    fixture_json,
)

HERE = Path(__file__).parent
API = "https://api.cognitive3d.com/v0"
SCENE_ID = "2c2f0603-8f5c-4ff6-94ed-03542a4df34d"
# Three hours after the example session, so it counts in both the 24-hour and 7-day windows.
NOW = "2026-03-20T12:30:00+00:00"


@pytest.fixture
def vendor(aioclient_mock: AiohttpClientMocker) -> AiohttpClientMocker:
    """The vendor's example answers, one per URL the integration reads."""
    answers = {
        "/organizations/apiKeys/whoami": "whoami.json",
        "/organizations/12": "organization.json",
        "/projects/341": "project.json",
        f"/scenes/{SCENE_ID}": "scene.json",
    }
    for path, name in answers.items():
        aioclient_mock.get(f"{API}{path}", json=fixture_json(HERE, name))
    aioclient_mock.post(
        f"{API}/datasets/sessions/paginatedListQueries", json=fixture_json(HERE, "sessions.json")
    )
    return aioclient_mock


@pytest.fixture
def frozen(freezer: FrozenDateTimeFactory) -> None:
    """Stop the clock at ``NOW``: the session windows the integration asks for start from now.

    Not for the diagnostics test: HA's web server logs requests with the local time, which a
    frozen clock does not give.
    """
    freezer.move_to(NOW)


@pytest.fixture
async def organization(hass: HomeAssistant, vendor: AiohttpClientMocker) -> MockConfigEntry:
    """The example organization (id 12), set up."""
    assert await async_setup_component(hass, "diagnostics", {})
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Sample Organization",
        unique_id="12",
        data={CONF_PROVIDER: Provider.COGNITIVE3D.value, "api_key": "key", "organization_id": 12},
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    return entry


@pytest.mark.usefixtures("frozen")
async def test_entities_and_devices(
    hass: HomeAssistant,
    organization: MockConfigEntry,
    vendor: AiohttpClientMocker,
    snapshot: SnapshotAssertion,
) -> None:
    for name, view in entry_views(hass, organization, vendor).items():
        assert view == snapshot(name=name)


async def test_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    organization: MockConfigEntry,
    snapshot: SnapshotAssertion,
) -> None:
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, organization)
    assert fixed_data(diagnostics) == snapshot


@pytest.mark.usefixtures("frozen")
async def test_query_sessions_response(
    hass: HomeAssistant, organization: MockConfigEntry, snapshot: SnapshotAssertion
) -> None:
    response = await hass.services.async_call(
        DOMAIN,
        "cognitive3d_query_sessions",
        {"config_entry_id": organization.entry_id, "project": "Sample Electrical Training Demo"},
        blocking=True,
        return_response=True,
    )
    assert fixed_data(response) == snapshot
