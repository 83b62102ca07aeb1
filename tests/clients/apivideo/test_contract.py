"""Contract test: what the client sends and parses, and what the simulator serves and delivers,
checked against the vendor's OpenAPI description (``vendor_specs/apivideo-openapi.yaml``).

The client is run against the simulator; every request/response pair the simulator saw is then
validated with openapi-core as if it had gone to ``https://ws.api.video``. Deliveries are checked
against the spec's ``x-webhooks`` schemas with jsonschema.
"""

from __future__ import annotations

from functools import lru_cache
import json
from pathlib import Path
from typing import Any

import aiohttp
import jsonschema
from openapi_core import Config, OpenAPI
from openapi_core.exceptions import OpenAPIError
from openapi_core.testing import MockRequest, MockResponse
import pytest
import yaml

from custom_components.video_pipeline.clients.apivideo import (
    EVENT_TYPES,
    ApiVideoAuthenticationError,
    ApiVideoClient,
    ApiVideoNotFoundError,
    ApiVideoRateLimitedError,
    ApiVideoResponseError,
    client as client_module,
)
from simulator.apivideo import ApiVideoSimulator, Exchange

from .conftest import Receiver

SPEC_PATH = Path(__file__).resolve().parents[3] / "vendor_specs" / "apivideo-openapi.yaml"
HOST = "https://ws.api.video"


@lru_cache(maxsize=1)
def spec_dict() -> dict[str, Any]:
    """Load the 800 KB spec once per test session (the C loader when available)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with SPEC_PATH.open(encoding="utf-8") as file:
        data: dict[str, Any] = yaml.load(file, Loader=loader)  # noqa: S506  # a safe loader
    return data


@lru_cache(maxsize=1)
def openapi() -> OpenAPI:
    """The spec as openapi-core sees it (the vendor's spec itself is not linted here)."""
    return OpenAPI.from_dict(spec_dict(), config=Config(spec_validator_cls=None))


def _documented(exchange: Exchange) -> bool:
    """Whether the spec documents this status for this operation."""
    for template, item in spec_dict()["paths"].items():
        parts, wanted = template.strip("/").split("/"), exchange.path.strip("/").split("/")
        if len(parts) == len(wanted) and all(
            p.startswith("{") or p == w for p, w in zip(parts, wanted, strict=True)
        ):
            operation = item.get(exchange.method.lower(), {})
            return str(exchange.status) in operation.get("responses", {})
    return False


def _validate(exchange: Exchange) -> None:
    request = MockRequest(
        HOST,
        exchange.method,
        exchange.path,
        args=exchange.query,
        headers=exchange.headers,
        data=exchange.body or None,
        content_type=exchange.headers.get("Content-Type", "application/json").split(";")[0],
    )
    openapi().validate_request(request)
    if _documented(exchange):
        response = MockResponse(
            exchange.response_body,
            exchange.status,
            headers=exchange.response_headers,
            content_type=exchange.response_headers.get("Content-Type", "").split(";")[0],
        )
        openapi().validate_response(request, response)
    else:
        # Statuses the spec leaves out (401, some 404s) still carry problem details.
        problem = spec_dict()["components"]["schemas"]["bad-request"]
        jsonschema.validate(json.loads(exchange.response_body), problem)


def test_spec_is_found_beside_the_checkout() -> None:
    assert SPEC_PATH.is_file(), f"expected the shared spec at {SPEC_PATH}"
    assert spec_dict()["servers"][0]["url"] == HOST


async def test_client_traffic_matches_the_spec(
    apivideo_client: ApiVideoClient,
    apivideo_sim: ApiVideoSimulator,
    session: aiohttp.ClientSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(client_module, "PAGE_SIZE", 2)
    apivideo_sim.webhook_limit = 4
    for index in range(3):
        apivideo_sim.add_live_stream(f"Stream {index}", broadcasting=index == 0)
        apivideo_sim.add_video(f"Video {index}", mp4=index != 1, public=index != 2)

    await apivideo_client.validate()
    created = [
        await apivideo_client.create_webhook([event], f"https://example.com/hook?n={event}")
        for event in EVENT_TYPES[:3]
    ]
    assert len(await apivideo_client.list_webhooks()) == 3
    assert len(await apivideo_client.list_webhooks(EVENT_TYPES[0])) == 1
    assert await apivideo_client.get_webhook(created[0].webhook_id) == created[0]
    await apivideo_client.delete_webhook(created[0].webhook_id)
    with pytest.raises(ApiVideoNotFoundError):
        await apivideo_client.delete_webhook(created[0].webhook_id)
    with pytest.raises(ApiVideoResponseError):
        await apivideo_client.create_webhook([EVENT_TYPES[0]], "ftp://example.com/x")
    streams = await apivideo_client.list_live_streams()
    await apivideo_client.get_live_stream(streams[0].id)
    page = await apivideo_client.list_videos(page=2, page_size=2)
    assert len(page.videos) == 1
    assert (await apivideo_client.get_video(page.videos[0].id)).hls
    with pytest.raises(ApiVideoNotFoundError):
        await apivideo_client.get_video("vi_missing")
    stranger = ApiVideoClient(session, "wrong-key", base_url=apivideo_sim.base_url)
    with pytest.raises(ApiVideoAuthenticationError):
        await stranger.list_webhooks()
    apivideo_sim.throttle(60)
    with pytest.raises(ApiVideoRateLimitedError):
        await apivideo_client.list_webhooks()

    statuses = {(e.method, e.status) for e in apivideo_sim.exchanges}
    assert {("GET", 200), ("POST", 201), ("DELETE", 204), ("DELETE", 404)} <= statuses
    assert {("POST", 400), ("GET", 401), ("GET", 404), ("GET", 429)} <= statuses
    assert {"/videos", f"/videos/{page.videos[0].id}"} <= {e.path for e in apivideo_sim.exchanges}
    for exchange in apivideo_sim.exchanges:
        _validate(exchange)


async def test_invalid_traffic_is_caught(
    apivideo_client: ApiVideoClient, apivideo_sim: ApiVideoSimulator
) -> None:
    """The validators are live: a request or response off the spec fails them."""
    hook = await apivideo_client.create_webhook([EVENT_TYPES[0]], "https://example.com/h")
    [exchange] = apivideo_sim.exchanges
    _validate(exchange)
    bad_body = json.dumps({"events": "not-a-list", "url": "https://example.com/h"}).encode()
    with pytest.raises(OpenAPIError):
        _validate(Exchange(**{**exchange.__dict__, "body": bad_body}))
    bad_answer = json.dumps({**json.loads(exchange.response_body), "events": ["nope"]}).encode()
    with pytest.raises(OpenAPIError):
        _validate(Exchange(**{**exchange.__dict__, "response_body": bad_answer}))
    assert hook.webhook_id


async def test_deliveries_match_the_x_webhooks_schemas(
    apivideo_sim: ApiVideoSimulator, receiver: Receiver
) -> None:
    x_webhooks = spec_dict()["x-webhooks"]
    assert set(x_webhooks) == set(EVENT_TYPES)
    apivideo_sim.add_webhook(list(EVENT_TYPES), receiver.url)
    for event_type in EVENT_TYPES:
        await apivideo_sim.emit(event_type)
    assert len(receiver.received) == len(EVENT_TYPES)
    checker = jsonschema.Draft4Validator.FORMAT_CHECKER
    for headers, body in receiver.received:
        payload = json.loads(body)
        operation = x_webhooks[payload["type"]]["post"]
        schema = operation["requestBody"]["content"]["application/json"]["schema"]
        jsonschema.validate(payload, schema, format_checker=checker)
        assert set(schema["properties"]) <= set(payload)  # every documented field is sent
        for parameter in operation["parameters"]:
            if parameter["in"] == "header" and parameter.get("required"):
                assert headers.get(parameter["name"])
