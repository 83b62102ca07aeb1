"""The ContentGroove actions against the simulated API: subscriptions and media."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events
import voluptuous as vol

from custom_components.video_pipeline.client_errors import CONTENTGROOVE_ERRORS, action_error
from custom_components.video_pipeline.clients.contentgroove import ContentGrooveRateLimitedError
from custom_components.video_pipeline.const import DOMAIN
from simulator.contentgroove import ContentGrooveSimulator
from tests.account_fixtures import setup_entry, webhook_url
from tests.ha_compat import device_of

from .conftest import EVENT, subscriptions


async def call(
    hass: HomeAssistant, service: str, data: dict[str, Any], *, response: bool = True
) -> Any:
    return await hass.services.async_call(
        DOMAIN, service, data, blocking=True, return_response=response
    )


async def test_create_subscription_defaults_to_the_account_endpoint(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    result = await call(
        hass,
        "contentgroove_create_webhook_subscription",
        {"config_entry_id": loaded_entry.entry_id},
    )
    assert result == {
        "subscription_id": result["subscription_id"],
        "url": webhook_url(hass, loaded_entry),
        "events": ["media.processing_finished"],
        "active": True,
    }
    assert result["subscription_id"] in sim.subscriptions
    # Both subscriptions deliver to HA; the second copy of each event is a duplicate.
    events = async_capture_events(hass, EVENT)
    submitted = sim.submit_media("https://cdn.example/g.mp4")
    attempts = await sim.finish_processing(submitted["id"])
    await hass.async_block_till_done()
    assert [a.status for a in attempts] == [200, 200]
    assert len(events) == 1


async def test_create_subscription_to_another_url_without_response(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    result = await call(
        hass,
        "contentgroove_create_webhook_subscription",
        {
            "config_entry_id": loaded_entry.entry_id,
            "url": "https://example.com/hooks/cg",
            "events": "media.processing_finished",
        },
        response=False,
    )
    assert result is None
    assert sorted(s["url"] for s in subscriptions(sim)) == sorted(
        ["https://example.com/hooks/cg", webhook_url(hass, loaded_entry)]
    )


@pytest.mark.parametrize(
    "data",
    [
        {"url": "ftp://example.com/x"},
        {"url": "not a url"},
        {"events": []},
        {"events": ["Media Processing"]},
    ],
)
async def test_create_subscription_invalid_input(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, data: dict[str, Any]
) -> None:
    with pytest.raises(vol.Invalid):
        await call(
            hass,
            "contentgroove_create_webhook_subscription",
            {"config_entry_id": loaded_entry.entry_id, **data},
        )


async def test_create_subscription_event_refused_by_vendor(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    with pytest.raises(HomeAssistantError) as err:
        await call(
            hass,
            "contentgroove_create_webhook_subscription",
            {"config_entry_id": loaded_entry.entry_id, "events": ["media.deleted"]},
        )
    assert err.value.translation_key == "contentgroove_request_failed"
    assert "HTTP 422" in err.value.translation_placeholders["error"]


async def test_create_subscription_without_public_url(
    hass: HomeAssistant, sim: ContentGrooveSimulator, entry: MockConfigEntry, http_client: Any
) -> None:
    await setup_entry(hass, entry)
    with pytest.raises(ServiceValidationError) as err:
        await call(
            hass, "contentgroove_create_webhook_subscription", {"config_entry_id": entry.entry_id}
        )
    assert err.value.translation_key == "no_public_url"
    assert not sim.subscriptions


async def test_list_follows_every_page(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    for n in range(4):
        sim.add_subscription(f"https://example.com/{n}", active=n % 2 == 0)
    result = await call(
        hass, "contentgroove_list_webhook_subscriptions", {"config_entry_id": loaded_entry.entry_id}
    )
    listed = result["subscriptions"]
    assert len(listed) == 5  # two per page in the simulator
    assert [s["url"] for s in listed[1:]] == [f"https://example.com/{n}" for n in range(4)]
    assert [s["active"] for s in listed[1:]] == [True, False, True, False]


async def test_delete_subscription(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    other = sim.add_subscription("https://example.com/old")
    result = await call(
        hass,
        "contentgroove_delete_webhook_subscription",
        {"config_entry_id": loaded_entry.entry_id, "subscription_id": other["id"]},
        response=False,
    )
    assert result is None
    assert other["id"] not in sim.subscriptions
    assert len(sim.subscriptions) == 1


async def test_delete_unknown_subscription(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    with pytest.raises(ServiceValidationError) as err:
        await call(
            hass,
            "contentgroove_delete_webhook_subscription",
            {"config_entry_id": loaded_entry.entry_id, "subscription_id": "999"},
            response=False,
        )
    assert err.value.translation_key == "contentgroove_subscription_not_found"
    assert err.value.translation_placeholders == {"subscription_id": "999"}


@pytest.mark.parametrize("subscription_id", ["", "../medias", "a" * 65, "1 2"])
async def test_subscription_id_is_validated(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, subscription_id: str
) -> None:
    with pytest.raises(vol.Invalid):
        await call(
            hass,
            "contentgroove_delete_webhook_subscription",
            {"config_entry_id": loaded_entry.entry_id, "subscription_id": subscription_id},
            response=False,
        )


async def test_submit_media_then_its_clips_arrive(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    result = await call(
        hass,
        "contentgroove_submit_media",
        {
            "config_entry_id": loaded_entry.entry_id,
            "source_url": "https://cdn.example/rec/lecture.mp4",
            "name": "Physics 101, week 3",
            "description": "Recorded in hall B",
        },
    )
    assert result == {
        "media_id": result["media_id"],
        "name": "Physics 101, week 3",
        "is_processing": True,
    }
    attributes = sim.medias[result["media_id"]]["attributes"]
    assert attributes["source_url"] == "https://cdn.example/rec/lecture.mp4"
    assert attributes["description"] == "Recorded in hall B"
    events = async_capture_events(hass, EVENT)
    await sim.finish_processing(result["media_id"])
    await hass.async_block_till_done()
    assert [e.data["media_id"] for e in events] == [result["media_id"]]


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"source_url": "file:///etc/passwd"},
        {"source_url": "https://cdn.example/a.mp4", "name": ""},
        {"source_url": "https://cdn.example/a.mp4", "description": "d" * 5001},
    ],
)
async def test_submit_media_invalid_input(
    hass: HomeAssistant,
    sim: ContentGrooveSimulator,
    loaded_entry: MockConfigEntry,
    data: dict[str, Any],
) -> None:
    with pytest.raises(vol.Invalid):
        await call(
            hass, "contentgroove_submit_media", {"config_entry_id": loaded_entry.entry_id, **data}
        )
    assert not sim.medias


async def test_quota_exhausted(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    sim.quota_exceeded = True
    with pytest.raises(HomeAssistantError) as err:
        await call(
            hass,
            "contentgroove_submit_media",
            {"config_entry_id": loaded_entry.entry_id, "source_url": "https://cdn.example/a.mp4"},
        )
    assert err.value.translation_key == "contentgroove_quota"
    assert not sim.medias


async def test_rate_limited(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    sim.rate_limited = 30
    with pytest.raises(HomeAssistantError) as err:
        await call(
            hass,
            "contentgroove_list_webhook_subscriptions",
            {"config_entry_id": loaded_entry.entry_id},
        )
    assert err.value.translation_key == "contentgroove_rate_limited"
    assert err.value.translation_placeholders == {"retry_after": "30"}


def test_rate_limited_without_retry_after() -> None:
    err = action_error(CONTENTGROOVE_ERRORS, ContentGrooveRateLimitedError("429", None))
    assert err.translation_key == "contentgroove_rate_limited"
    assert err.translation_placeholders == {"retry_after": "60"}


async def test_api_down_is_a_request_failure(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    await sim.stop()
    with pytest.raises(HomeAssistantError) as err:
        await call(
            hass,
            "contentgroove_list_webhook_subscriptions",
            {"config_entry_id": loaded_entry.entry_id},
        )
    assert err.value.translation_key == "contentgroove_request_failed"
    assert "GET /" in err.value.translation_placeholders["error"]


async def test_rejected_key_shows_the_vendors_message(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    """The vendor's documented 401 text (in errors[].message) reaches the user."""
    sim.api_key = "rotated"
    with pytest.raises(HomeAssistantError) as err:
        await call(
            hass,
            "contentgroove_list_webhook_subscriptions",
            {"config_entry_id": loaded_entry.entry_id},
        )
    assert err.value.translation_key == "contentgroove_request_failed"
    assert err.value.translation_placeholders["error"] == (
        "GET /api/v1/webhook_subscriptions: HTTP 401: "
        "You need to sign in or sign up before continuing."
    )


async def test_target_by_device(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    device = device_of(hass, (DOMAIN, loaded_entry.unique_id))
    assert device is not None
    result = await call(hass, "contentgroove_list_webhook_subscriptions", {"device_id": device.id})
    assert [s["subscription_id"] for s in result["subscriptions"]] == [
        loaded_entry.data["subscription"]["subscription_id"]
    ]


async def test_wrong_provider_entry(
    hass: HomeAssistant, sim: ContentGrooveSimulator, loaded_entry: MockConfigEntry
) -> None:
    other = MockConfigEntry(
        domain=DOMAIN,
        title="Lab",
        unique_id="42",
        data={"provider": "cognitive3d", "api_key": "k", "organization_id": 42},
    )
    other.add_to_hass(hass)
    with pytest.raises(ServiceValidationError) as err:
        await call(
            hass,
            "contentgroove_submit_media",
            {"config_entry_id": other.entry_id, "source_url": "https://a.example/v.mp4"},
        )
    assert err.value.translation_key == "wrong_provider"
