"""The api.video webhook actions against the simulated API."""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

from aiohttp.test_utils import TestClient
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)
import voluptuous as vol

from custom_components.video_pipeline.client_errors import API_VIDEO_ERRORS, action_error
from custom_components.video_pipeline.clients.apivideo import (
    ApiVideoClient,
    ApiVideoRateLimitedError,
    ApiVideoResponseError,
    Webhook,
    sign,
)
from custom_components.video_pipeline.const import DOMAIN
from simulator.apivideo import ApiVideoSimulator
from tests.account_fixtures import setup_entry, webhook_url
from tests.ha_compat import device_of


async def call(
    hass: HomeAssistant, service: str, data: dict[str, Any], *, response: bool = True
) -> Any:
    return await hass.services.async_call(
        DOMAIN, service, data, blocking=True, return_response=response
    )


def gets(sim: ApiVideoSimulator, path: str) -> int:
    return sum(1 for x in sim.exchanges if x.method == "GET" and x.path == path)


async def test_create_webhook_defaults_to_the_account_endpoint(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    events = async_capture_events(hass, "video_pipeline_event")
    result = await call(
        hass,
        "api_video_create_webhook",
        {"config_entry_id": loaded_entry.entry_id, "events": "video.summary.generated"},
    )
    hook = sim.account().webhooks[result["webhook_id"]]
    assert result == {
        "webhook_id": hook.webhook_id,
        "created_at": result["created_at"],
        "events": ["video.summary.generated"],
        "url": webhook_url(hass, loaded_entry),
    }
    assert result["created_at"].startswith(hook.created_at[:19])
    assert hook.signature_secret not in str(result)
    # Its secret is known from the answer: its deliveries verify without a lookup.
    attempts = await sim.emit("video.summary.generated")
    await hass.async_block_till_done()
    assert {a.status for a in attempts} == {200}
    assert len(events) == 2
    assert gets(sim, f"/webhooks/{hook.webhook_id}") == 0


async def test_create_webhook_with_url_and_without_response(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    await call(
        hass,
        "api_video_create_webhook",
        {
            "config_entry_id": loaded_entry.entry_id,
            "events": ["video.caption.generated", "live-stream.broadcast.ended"],
            "url": "https://example.com/hook",
        },
        response=False,
    )
    created = [h for h in sim.account().webhooks.values() if h.url == "https://example.com/hook"]
    assert len(created) == 1
    assert created[0].events == ["video.caption.generated", "live-stream.broadcast.ended"]


async def test_create_webhook_answer_without_secret(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    """An answer without a secret leaves the book alone; a delivery will look it up."""
    answer = Webhook("webhook_nosecret", None, ("video.summary.generated",), "https://x/y", None)
    with patch.object(ApiVideoClient, "create_webhook", return_value=answer):
        result = await call(
            hass,
            "api_video_create_webhook",
            {"config_entry_id": loaded_entry.entry_id, "events": ["video.summary.generated"]},
        )
    assert result["webhook_id"] == "webhook_nosecret"
    assert result["created_at"] is None
    assert loaded_entry.runtime_data.secrets.cached("webhook_nosecret") is None


@pytest.mark.parametrize(
    "data",
    [
        {"events": ["video.deleted"]},
        {"events": []},
        {"events": ["video.summary.generated"], "url": "ftp://example.com/x"},
    ],
)
async def test_create_webhook_invalid_input(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry, data: Any
) -> None:
    with pytest.raises((vol.Invalid, ServiceValidationError)):
        await call(
            hass, "api_video_create_webhook", {"config_entry_id": loaded_entry.entry_id, **data}
        )
    assert len(sim.account().webhooks) == 1


async def test_create_webhook_without_public_url(
    hass: HomeAssistant, sim: ApiVideoSimulator, entry: MockConfigEntry, http_client: TestClient
) -> None:
    await setup_entry(hass, entry)
    with pytest.raises(ServiceValidationError) as err:
        await call(
            hass,
            "api_video_create_webhook",
            {"config_entry_id": entry.entry_id, "events": ["video.summary.generated"]},
        )
    assert err.value.translation_key == "no_public_url"
    assert not sim.account().webhooks


async def test_list_webhooks_across_pages_and_filtered(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    sim.webhook_limit = 500
    for number in range(120):
        events = ["video.summary.generated"] if number % 3 else ["video.caption.generated"]
        sim.add_webhook(events, f"https://example.com/hook/{number}")
    result = await call(hass, "api_video_list_webhooks", {"config_entry_id": loaded_entry.entry_id})
    assert len(result["webhooks"]) == 121
    assert [w["webhook_id"] for w in result["webhooks"]] == list(sim.account().webhooks)
    assert all("secret" not in str(w) for w in result["webhooks"])
    pages = [x.query.get("currentPage") for x in sim.exchanges if x.path == "/webhooks"]
    assert pages[-2:] == ["1", "2"]

    result = await call(
        hass,
        "api_video_list_webhooks",
        {"config_entry_id": loaded_entry.entry_id, "event": "video.caption.generated"},
    )
    # 40 hooks made here, plus the entry's own (it has all six events).
    assert len(result["webhooks"]) == 41
    assert all("video.caption.generated" in w["events"] for w in result["webhooks"])
    with pytest.raises((vol.Invalid, ServiceValidationError)):
        await call(
            hass,
            "api_video_list_webhooks",
            {"config_entry_id": loaded_entry.entry_id, "event": "nope"},
        )


async def test_get_and_delete_webhook(
    hass: HomeAssistant,
    sim: ApiVideoSimulator,
    loaded_entry: MockConfigEntry,
    http_client: TestClient,
) -> None:
    own = loaded_entry.data["subscription"]["webhook_id"]
    result = await call(
        hass, "api_video_get_webhook", {"config_entry_id": loaded_entry.entry_id, "webhook_id": own}
    )
    assert result["webhook_id"] == own
    assert result["url"] == webhook_url(hass, loaded_entry)
    assert "signature" not in str(result)

    assert (
        await call(
            hass,
            "api_video_delete_webhook",
            {"config_entry_id": loaded_entry.entry_id, "webhook_id": own},
            response=False,
        )
        is None
    )
    assert own not in sim.account().webhooks
    # The deleted subscription's secret is forgotten: a late delivery signed with it fails.
    body = b'{"type":"video.summary.generated","videoId":"v","summaryId":"s"}'
    async with http_client.post(
        f"/api/webhook/{loaded_entry.data['webhook_id']}",
        data=body,
        headers={
            "Content-Type": "application/json",
            "X-Api-Video-WebhookID": own,
            "X-Api-Video-Signature": sign(loaded_entry.data["subscription"]["secret"], body),
        },
    ) as response:
        assert response.status == 401


@pytest.mark.parametrize("service", ["api_video_get_webhook", "api_video_delete_webhook"])
async def test_unknown_webhook_is_a_validation_error(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry, service: str
) -> None:
    with pytest.raises(ServiceValidationError) as err:
        await call(
            hass,
            service,
            {"config_entry_id": loaded_entry.entry_id, "webhook_id": "webhook_missing"},
            response=service == "api_video_get_webhook",
        )
    assert err.value.translation_key == "api_video_webhook_not_found"
    assert err.value.translation_placeholders == {"webhook_id": "webhook_missing"}


async def test_webhook_id_is_validated(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    before = len(sim.exchanges)
    with pytest.raises((vol.Invalid, ServiceValidationError)):
        await call(
            hass,
            "api_video_get_webhook",
            {"config_entry_id": loaded_entry.entry_id, "webhook_id": "../x"},
        )
    assert len(sim.exchanges) == before


async def test_rate_limited_with_a_long_wait(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    sim.throttle(120, times=5)
    with pytest.raises(HomeAssistantError) as err:
        await call(hass, "api_video_list_webhooks", {"config_entry_id": loaded_entry.entry_id})
    assert err.value.translation_key == "api_video_rate_limited"
    assert err.value.translation_placeholders == {"retry_after": "120"}
    assert sim.throttle_remaining == 4  # no retry of a long wait


async def test_webhook_limit(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    sim.webhook_limit = 1
    with pytest.raises(HomeAssistantError) as err:
        await call(
            hass,
            "api_video_create_webhook",
            {"config_entry_id": loaded_entry.entry_id, "events": ["video.summary.generated"]},
        )
    assert err.value.translation_key == "api_video_webhook_limit"
    assert len(sim.account().webhooks) == 1


async def test_api_down_is_a_request_failure(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    await sim.stop()
    with pytest.raises(HomeAssistantError) as err:
        await call(hass, "api_video_list_webhooks", {"config_entry_id": loaded_entry.entry_id})
    assert err.value.translation_key == "api_video_request_failed"
    assert "GET /webhooks" in err.value.translation_placeholders["error"]


def test_vendor_error_without_retry_after() -> None:
    err = action_error(API_VIDEO_ERRORS, ApiVideoRateLimitedError("429", None))
    assert err.translation_key == "api_video_rate_limited"
    assert err.translation_placeholders == {"retry_after": "?"}
    err = action_error(API_VIDEO_ERRORS, ApiVideoResponseError("500", 500))
    assert err.translation_key == "api_video_request_failed"


async def test_target_by_device(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    device = device_of(hass, (DOMAIN, loaded_entry.unique_id))
    assert device is not None
    assert device.model == "Account (production)"
    result = await call(hass, "api_video_list_webhooks", {"device_id": device.id})
    assert [w["webhook_id"] for w in result["webhooks"]] == [
        loaded_entry.data["subscription"]["webhook_id"]
    ]


async def test_wrong_provider_entry(
    hass: HomeAssistant, sim: ApiVideoSimulator, loaded_entry: MockConfigEntry
) -> None:
    other = MockConfigEntry(
        domain=DOMAIN,
        title="Lab",
        unique_id="42",
        data={"provider": "cognitive3d", "api_key": "k", "organization_id": 42},
    )
    other.add_to_hass(hass)
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "api_video_list_webhooks", {"config_entry_id": other.entry_id})
    assert err.value.translation_key == "wrong_provider"
