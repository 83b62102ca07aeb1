"""Fixtures and helpers shared by the cloud-account tests (api.video, ContentGroove).

Deliveries go over real sockets: HA's test HTTP server listens on loopback and its address
becomes HA's external URL, so the webhook URL an entry subscribes at a simulator is reachable.
"""

from __future__ import annotations

import logging
from typing import Any

from aiohttp.test_utils import TestClient
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.video_pipeline.const import DOMAIN

INTEGRATION_LOGGER = "custom_components.video_pipeline"


@pytest.fixture
async def http_client(hass: HomeAssistant, hass_client_no_auth: Any) -> TestClient:
    """HA's web server on loopback (webhooks need no auth).

    Components that add HTTP views (webhook, diagnostics) load first: the router freezes once
    it serves.
    """
    assert await async_setup_component(hass, "webhook", {})
    assert await async_setup_component(hass, "diagnostics", {})
    client: TestClient = await hass_client_no_auth()
    return client


@pytest.fixture
async def external_url(hass: HomeAssistant, http_client: TestClient) -> str:
    """Make HA's external URL the test server's loopback address."""
    url = str(http_client.make_url("/")).rstrip("/")
    await hass.config.async_update(external_url=url)
    await hass.async_block_till_done()
    return url


async def setup_entry(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Add ``entry`` unless it is there, set it up and wait for its platforms."""
    if entry.entry_id not in {e.entry_id for e in hass.config_entries.async_entries(DOMAIN)}:
        entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()


def webhook_url(hass: HomeAssistant, entry: MockConfigEntry) -> str:
    """The entry's HA webhook URL (external URL + /api/webhook/<id>)."""
    assert hass.config.external_url
    return f"{hass.config.external_url}/api/webhook/{entry.data['webhook_id']}"


def entity_id(hass: HomeAssistant, domain: str, unique_id: str) -> str:
    """The entity id registered for one of the integration's unique ids."""
    found = er.async_get(hass).async_get_entity_id(domain, DOMAIN, unique_id)
    assert found is not None, unique_id
    return found


def our_tracebacks(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """Records of the integration's loggers that put a traceback in the user's log.

    Debug records do not count: HA's coordinator (2026 on) adds a debug "Full error:" record
    with the traceback of every failed refresh, which a user sees only with debug logging on.
    """
    return [
        record
        for record in caplog.records
        if record.name.startswith(INTEGRATION_LOGGER)
        and record.levelno > logging.DEBUG
        and (record.exc_info or record.exc_text)
    ]
