"""Contract test: what the client sends and parses, and what the simulator serves and delivers,
checked against the vendor's OpenAPI description (``vendor_specs/contentgroove-openapi.yaml``).

The client is run against the simulator; every request/response pair the simulator saw is then
validated with openapi-core as if it had gone to ``https://api.contentgroove.com``. The spec
documents answers by example only (no response schemas), so each answer is also checked against
a schema derived from the documented example of its operation and status: the same keys, no
invented ones, and the example's JSON type wherever the example is not null. The
``media.processing_finished`` delivery is checked against the POST /api/v1/medias callback's
schema with jsonschema.

Where the spec contradicts itself, the workaround is named in ``SPEC_ERRATA`` and tested to be
needed, so that a corrected spec shows up as a failing test.
"""

from __future__ import annotations

import copy
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

from custom_components.video_pipeline.clients.contentgroove import (
    MEDIA_PROCESSING_FINISHED,
    ContentGrooveAuthenticationError,
    ContentGrooveClient,
    ContentGrooveNotFoundError,
    ContentGrooveQuotaError,
    ContentGrooveRateLimitedError,
    ContentGrooveResponseError,
    parse_delivery,
)
from simulator.contentgroove import ContentGrooveSimulator, Exchange

from .conftest import Receiver

SPEC_PATH = Path(__file__).resolve().parents[3] / "vendor_specs" / "contentgroove-openapi.yaml"
HOST = "https://api.contentgroove.com"
SIGNED_OUT = "You need to sign in or sign up before continuing."
CALLBACK_URL = "Provided URL in /webhook_subscriptions"

# Where the spec contradicts itself, what this test does about it.
SPEC_ERRATA = {
    "page on webhook_subscriptions": (
        "GET /api/v1/webhook_subscriptions documents no page parameter, but its own 200 "
        "example's links.current is …/webhook_subscriptions?page[number]=1; the client pages it "
        "like medias and clips, whose page parameter is documented."
    ),
    "callback included oneOf": (
        "The callback's included items are oneOf a clip and a transcription schema that both "
        "accept any object, so every item is 'valid under each of' them; each item is checked "
        "against the branch whose type example (clips, transcriptions) is its type."
    ),
    "callback types vs examples": (
        "Several callback fields are typed unlike their own examples (source_file_duration, "
        "start_time, end_time: number with examples '98.865532', '57.71', '96.63'; end_char: "
        "string with example 1303); both forms are accepted."
    ),
    "callback nulls": (
        "The callback schema has no nullable, yet the REST examples of the same resources show "
        "null attributes (description, source_created_at, rank, …); null attributes are accepted."
    ),
    "callback transcription": (
        "The callback schema puts transcription beside relationships; every REST media example "
        "(GET/POST/PUT /api/v1/medias…) puts it inside relationships, and so does the simulator."
    ),
}


@lru_cache(maxsize=1)
def spec_dict() -> dict[str, Any]:
    """The vendor's spec, as published."""
    with SPEC_PATH.open(encoding="utf-8") as file:
        data: dict[str, Any] = yaml.safe_load(file)
    return data


@lru_cache(maxsize=1)
def openapi() -> OpenAPI:
    """The spec as openapi-core sees it (the vendor's spec itself is not linted here)."""
    return OpenAPI.from_dict(spec_dict(), config=Config(spec_validator_cls=None))


def _operation(method: str, path: str) -> dict[str, Any] | None:
    """The spec's operation for a concrete request path, if it documents one."""
    for template, item in spec_dict()["paths"].items():
        parts, wanted = template.strip("/").split("/"), path.strip("/").split("/")
        if len(parts) == len(wanted) and all(
            p.startswith("{") or p == w for p, w in zip(parts, wanted, strict=True)
        ):
            operation: dict[str, Any] | None = item.get(method.lower())
            return operation
    return None


def example_schema(example: Any) -> dict[str, Any]:
    """A JSON schema of a documented example: its keys, no others, its types where not null."""
    if isinstance(example, dict):
        return {
            "type": "object",
            "properties": {key: example_schema(value) for key, value in example.items()},
            "required": sorted(example),
            "additionalProperties": False,
        }
    if isinstance(example, list):
        return {"type": "array", "items": example_schema(example[0]) if example else {}}
    if example is None:
        return {}
    if isinstance(example, bool):
        kind = "boolean"
    elif isinstance(example, int | float):
        kind = "number"
    else:
        kind = "string"  # a string, or a time YAML read as a datetime
    return {"type": [kind, "null"]}


# The JSON:API error document, for the statuses the spec documents no body for (400, 422, 500).
ERROR_DOCUMENT = {
    "type": "object",
    "required": ["errors"],
    "properties": {
        "errors": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["status", "title", "detail"],
                "properties": {
                    "status": {"type": "string"},
                    "title": {"type": "string"},
                    "detail": {"type": "string"},
                    "source": {
                        "type": "object",
                        "required": ["pointer"],
                        "properties": {"pointer": {"type": "string"}},
                    },
                },
            },
        }
    },
}


def _request(exchange: Exchange) -> MockRequest:
    return MockRequest(
        HOST,
        exchange.method,
        exchange.path,
        args=exchange.query,
        headers=exchange.headers,
        data=exchange.body or None,
        content_type=exchange.headers.get("Content-Type", "application/json").split(";")[0],
    )


def validate_request(exchange: Exchange) -> None:
    """The request as the spec describes it, and only documented query parameters."""
    operation = _operation(exchange.method, exchange.path)
    assert operation is not None, f"{exchange.method} {exchange.path} is not in the spec"
    openapi().validate_request(_request(exchange))
    documented = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
    if exchange.path.endswith("/webhook_subscriptions") and exchange.method == "GET":
        documented.add("page")  # SPEC_ERRATA["page on webhook_subscriptions"]
    for name in exchange.query:
        assert name.split("[", 1)[0] in documented, f"{exchange.path}: {name} is not documented"


def validate_response(exchange: Exchange) -> None:
    """The answer: its status documented with its example's shape, or a JSON:API error."""
    operation = _operation(exchange.method, exchange.path)
    documented = (operation or {}).get("responses", {}).get(str(exchange.status))
    if documented is None:
        assert exchange.status in (400, 404, 422, 500), exchange
        body = json.loads(exchange.response_body)
        if exchange.status == 404:  # unknown paths answer the documented 404 body
            jsonschema.validate(body, example_schema(_not_found_example()))
        else:
            jsonschema.validate(body, ERROR_DOCUMENT)
            assert {e["status"] for e in body["errors"]} == {str(exchange.status)}
        return
    response = MockResponse(
        exchange.response_body,
        exchange.status,
        headers=exchange.response_headers,
        content_type=exchange.response_headers.get("Content-Type", "").split(";")[0],
    )
    openapi().validate_response(_request(exchange), response)
    content = documented.get("content")
    if content is None:
        assert exchange.response_body == b""
        return
    example = content["application/json"]["example"]
    jsonschema.validate(json.loads(exchange.response_body), example_schema(example))


def _not_found_example() -> Any:
    operation = spec_dict()["paths"]["/api/v1/medias/{id}"]["get"]
    return operation["responses"]["404"]["content"]["application/json"]["example"]


def validate(exchange: Exchange) -> None:
    """Both halves of one exchange."""
    validate_request(exchange)
    validate_response(exchange)


def test_spec_is_found_beside_the_checkout() -> None:
    assert SPEC_PATH.is_file(), f"expected the vendored spec at {SPEC_PATH}"
    assert HOST in [server["url"] for server in spec_dict()["servers"]]
    assert spec_dict()["info"]["x-origin"][0]["url"] == (
        "https://api.contentgroove.com/api-docs/v1/openapi.json"
    )


async def test_client_traffic_matches_the_spec(
    cg_client: ContentGrooveClient,
    cg_sim: ContentGrooveSimulator,
    http_session: aiohttp.ClientSession,
    receiver: Receiver,
) -> None:
    await cg_client.validate()
    assert await cg_client.list_webhook_subscriptions() == []
    created = [
        await cg_client.create_webhook_subscription(f"https://hooks.example/{n}") for n in range(3)
    ]
    # Two per page in the simulator: two pages, links without next.
    assert await cg_client.list_webhook_subscriptions() == created
    assert await cg_client.ensure_webhook_subscription(created[1].url or "") == created[1]
    assert await cg_client.get_webhook_subscription(created[0].id) == created[0]
    await cg_client.delete_webhook_subscription(created[0].id)
    with pytest.raises(ContentGrooveNotFoundError):
        await cg_client.delete_webhook_subscription(created[0].id)
    with pytest.raises(ContentGrooveNotFoundError):
        await cg_client.get_webhook_subscription(created[0].id)
    with pytest.raises(ContentGrooveResponseError) as invalid:
        await cg_client.create_webhook_subscription("ftp://hooks.example/x")
    assert invalid.value.status == 422

    await cg_client.ensure_webhook_subscription(receiver.url)
    media = await cg_client.submit_media("https://videos.example/a.mp4", "A", "About a")
    bare = await cg_client.submit_media("https://videos.example/b.mp4")
    assert (await cg_client.get_media(media.id)).is_processing is True
    await cg_sim.finish_processing(media.id)
    done = await cg_client.get_media(media.id)
    assert (done.is_processing, done.duration_seconds) == (False, 93.5)
    assert (await cg_client.get_media(bare.id)).description is None
    with pytest.raises(ContentGrooveNotFoundError):
        await cg_client.get_media("999")

    cg_sim.quota_exceeded = True
    with pytest.raises(ContentGrooveQuotaError):
        await cg_client.submit_media("https://videos.example/c.mp4")
    cg_sim.quota_exceeded = False
    stranger = ContentGrooveClient(http_session, "wrong", base_url=f"{cg_sim.base_url}/api/v1")
    for call in (
        stranger.validate(),
        stranger.list_webhook_subscriptions(),
        stranger.get_media(media.id),
        stranger.create_webhook_subscription("https://hooks.example/s"),
        stranger.delete_webhook_subscription(created[1].id),
    ):
        with pytest.raises(ContentGrooveAuthenticationError) as unauthorized:
            await call
        assert unauthorized.value.detail == SIGNED_OUT
    cg_sim.rate_limited = 5
    with pytest.raises(ContentGrooveRateLimitedError):
        await cg_client.list_webhook_subscriptions()
    cg_sim.rate_limited = None

    statuses = {(e.method, e.status) for e in cg_sim.exchanges}
    assert {("GET", 200), ("POST", 200), ("DELETE", 204), ("DELETE", 404), ("GET", 404)} <= (
        statuses
    )
    assert {("POST", 422), ("POST", 402), ("GET", 401), ("POST", 401), ("DELETE", 401)} <= (
        statuses
    )
    assert ("GET", 429) in statuses
    for exchange in cg_sim.exchanges:
        validate(exchange)


def _clip(**changes: Any) -> dict[str, Any]:
    """A clip's attributes as the spec's request schema has them, changed (None drops one)."""
    attributes = {"name": "C", "media_id": "1", "start_time": 1, "end_time": 2, **changes}
    return {key: value for key, value in attributes.items() if value is not None}


def _request_schema(path: str, method: str) -> dict[str, Any]:
    operation = spec_dict()["paths"][path][method]
    schema: dict[str, Any] = operation["requestBody"]["content"]["application/json"]["schema"]
    return schema


async def test_refuted_forms_are_rejected(
    cg_sim: ContentGrooveSimulator, http_session: aiohttp.ClientSession
) -> None:
    """What the spec refutes, the simulator refuses, with a status the spec gives for it."""
    api = f"{cg_sim.base_url}/api/v1"
    bearer = {"Authorization": f"Bearer {cg_sim.api_key}"}
    refuted: list[tuple[str, str, dict[str, Any], int]] = [
        # The request schemas require data.attributes, and url for a subscription.
        ("POST", "webhook_subscriptions", {"json": {"url": "https://h/x"}}, 400),
        ("POST", "webhook_subscriptions", {"json": {"data": {"attributes": {}}}}, 422),
        ("POST", "medias", {"json": {"data": {}}}, 400),
        # "Response Codes": 400 for a body that is not JSON, or sent without its Content-Type.
        ("POST", "medias", {"data": b'{"data":'}, 400),
        # A clip needs name, media_id (a string), start_time and end_time (numbers).
        ("POST", "clips", {"json": {"data": {"attributes": _clip(start_time=None)}}}, 422),
        ("POST", "clips", {"json": {"data": {"attributes": _clip(media_id=1)}}}, 422),
        ("POST", "clips", {"json": {"data": {"attributes": _clip(name=None)}}}, 422),
        ("POST", "clips", {"json": _clip()}, 400),
    ]
    cg_sim.submit_media("https://videos.example/a.mp4")  # media "1", so only the form is wrong
    for method, path, kwargs, status in refuted:
        async with http_session.request(
            method, f"{api}/{path}", headers=bearer, **kwargs
        ) as response:
            assert response.status == status, (path, kwargs)
        exchange = cg_sim.exchanges[-1]
        with pytest.raises(OpenAPIError):
            validate_request(exchange)
        validate_response(exchange)
    # A time written as a string: openapi-core lets it through (it casts "10" to a number), the
    # spec's request schema does not, and neither does the simulator.
    as_text = {"data": {"attributes": _clip(start_time="10")}}
    async with http_session.post(f"{api}/clips", headers=bearer, json=as_text) as response:
        assert response.status == 422
    validate_request(cg_sim.exchanges[-1])
    validate_response(cg_sim.exchanges[-1])
    with pytest.raises(jsonschema.ValidationError, match="'10' is not of type 'number'"):
        jsonschema.validate(as_text, _request_schema("/api/v1/clips", "post"))
    # Paths and ids the spec does not know are 404, with the documented body.
    for method, path in (("GET", "medias/999"), ("GET", "uploads"), ("DELETE", "clips/1")):
        async with http_session.request(method, f"{api}/{path}", headers=bearer) as response:
            assert response.status == 404, path
        validate_response(cg_sim.exchanges[-1])


async def test_invalid_traffic_is_caught(
    cg_client: ContentGrooveClient, cg_sim: ContentGrooveSimulator
) -> None:
    """The validators are live: a request or answer off the spec fails them."""
    await cg_client.create_webhook_subscription("https://hooks.example/h")
    await cg_client.list_webhook_subscriptions()
    create, listing = cg_sim.exchanges[0], cg_sim.exchanges[1]
    validate(create)
    validate(listing)

    def tweak(exchange: Exchange, **changes: Any) -> Exchange:
        return Exchange(**{**exchange.__dict__, **changes})

    no_url = json.dumps({"data": {"attributes": {"subscribed_events": []}}}).encode()
    with pytest.raises(OpenAPIError):
        validate_request(tweak(create, body=no_url))
    with pytest.raises(AssertionError, match="is not documented"):
        validate_request(tweak(listing, query={**listing.query, "cursor": "x"}))
    answer = json.loads(listing.response_body)
    with_next = {**answer, "links": {**answer["links"], "next": "…?page[number]=2"}}
    without_attribute = copy.deepcopy(answer)
    del without_attribute["data"][0]["attributes"]["updated_at"]
    wrong_type = copy.deepcopy(answer)
    wrong_type["data"][0]["attributes"]["active"] = "yes"
    for body in (with_next, without_attribute, wrong_type):
        with pytest.raises(jsonschema.ValidationError):
            validate_response(tweak(listing, response_body=json.dumps(body).encode()))
    old_401 = json.dumps({"message": "Invalid API key."}).encode()
    with pytest.raises(jsonschema.ValidationError):
        validate_response(tweak(listing, status=401, response_body=old_401))


def callback_schema() -> dict[str, Any]:
    """The request body schema of the media.processing_finished callback, as published."""
    operation = spec_dict()["paths"]["/api/v1/medias"]["post"]
    callback = operation["callbacks"][MEDIA_PROCESSING_FINISHED][CALLBACK_URL]["post"]
    schema: dict[str, Any] = callback["requestBody"]["content"]["application/json"]["schema"]
    return schema


def _lenient(schema: Any, *, in_attributes: bool = False) -> Any:
    """SPEC_ERRATA's "callback types vs examples" and "callback nulls", applied to a schema."""
    if not isinstance(schema, dict):
        return schema
    result = {key: _lenient(value) for key, value in schema.items() if key != "properties"}
    if "properties" in schema:
        result["properties"] = {
            name: _lenient(sub, in_attributes=name == "attributes")
            for name, sub in schema["properties"].items()
        }
        if in_attributes:
            for sub in result["properties"].values():
                kinds = sub["type"] if isinstance(sub.get("type"), list) else [sub["type"]]
                example = sub.get("example")
                if isinstance(example, str) and "number" in kinds:
                    kinds.append("string")
                if isinstance(example, int) and "string" in kinds:
                    kinds.append("integer")
                sub["type"] = [*kinds, "null"]
    return result


def _branches() -> dict[str, dict[str, Any]]:
    """SPEC_ERRATA's "callback included oneOf": the included item schemas, by their type."""
    items = callback_schema()["properties"]["payload"]["properties"]["included"]["items"]
    return {branch["properties"]["type"]["example"]: branch for branch in items["oneOf"]}


def validate_delivery(payload: Any) -> None:
    """A delivery against the callback schema, with the errata applied."""
    schema = copy.deepcopy(callback_schema())
    included_schema = schema["properties"]["payload"]["properties"]["included"]
    included_schema["items"] = {}
    jsonschema.validate(payload, _lenient(schema))
    for item in payload["payload"]["included"]:
        branch = _branches().get(item.get("type"))
        assert branch is not None, f"an included item of an undocumented type: {item}"
        jsonschema.validate(item, _lenient(branch))


async def test_delivery_matches_the_callback_schema(
    cg_sim: ContentGrooveSimulator, cg_client: ContentGrooveClient, receiver: Receiver
) -> None:
    await cg_client.ensure_webhook_subscription(receiver.url)
    media = await cg_client.submit_media("https://videos.example/k.mp4", name="Keynote")
    await cg_sim.finish_processing(media.id)
    [payload] = receiver.received
    validate_delivery(payload)

    # Every field the schema documents is sent, save the misplaced transcription.
    schema = callback_schema()["properties"]["payload"]["properties"]
    data = payload["payload"]["data"]
    assert payload["event"] == MEDIA_PROCESSING_FINISHED
    assert set(schema["data"]["properties"]) - set(data) == {"transcription"}
    assert set(schema["data"]["properties"]["attributes"]["properties"]) <= set(data["attributes"])
    assert "transcription" in data["relationships"]  # SPEC_ERRATA["callback transcription"]
    branches = _branches()
    assert set(branches) == {"clips", "transcriptions"}
    types = [item["type"] for item in payload["payload"]["included"]]
    assert types == ["clips", "clips", "clips", "transcriptions"]
    for item in payload["payload"]["included"]:
        documented = branches[item["type"]]["properties"]
        assert set(documented) <= set(item)
        assert set(documented["attributes"]["properties"]) <= set(item["attributes"])

    # What the client makes of it.
    delivery = parse_delivery(payload)
    assert delivery.media_id == media.id
    assert [clip.rank for clip in delivery.clips] == [1, 2, 3]
    assert delivery.transcript == "Transcript of Keynote."


def test_the_errata_are_needed() -> None:
    """Each workaround answers a defect of the published spec; a corrected spec fails here."""
    assert set(SPEC_ERRATA) == {
        "page on webhook_subscriptions",
        "callback included oneOf",
        "callback types vs examples",
        "callback nulls",
        "callback transcription",
    }
    listing = spec_dict()["paths"]["/api/v1/webhook_subscriptions"]["get"]
    assert "page" not in {p["name"] for p in listing["parameters"]}
    links = listing["responses"]["200"]["content"]["application/json"]["example"]["links"]
    assert "page[number]=" in links["current"]
    clip = {"id": "c", "type": "clips", "attributes": {"text": "t"}}
    with pytest.raises(jsonschema.ValidationError, match="is valid under each of"):
        jsonschema.validate(
            {"event": MEDIA_PROCESSING_FINISHED, "payload": {"included": [clip]}},
            callback_schema(),
        )
    media = callback_schema()["properties"]["payload"]["properties"]["data"]["properties"]
    assert media["attributes"]["properties"]["source_file_duration"] == {
        "example": "98.865532",
        "type": "number",
    }
    assert "transcription" in media
    assert "transcription" not in media["relationships"]["properties"]
    shown = spec_dict()["paths"]["/api/v1/medias/{id}"]["get"]["responses"]["200"]
    example = shown["content"]["application/json"]["example"]["data"]
    assert "transcription" in example["relationships"]
    assert example["attributes"]["source_created_at"] is None
    assert "nullable" not in SPEC_PATH.read_text(encoding="utf-8")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {"payload": {"data": {"attributes": {"description": None}}}}, callback_schema()
        )


async def test_clip_traffic_matches_the_spec(
    cg_client: ContentGrooveClient,
    cg_sim: ContentGrooveSimulator,
    http_session: aiohttp.ClientSession,
) -> None:
    """Create, list (by media, across pages), get and delete clips, and their errors."""
    media = await cg_client.submit_media("https://videos.example/a.mp4", "A")
    other = await cg_client.submit_media("https://videos.example/b.mp4", "B")
    await cg_sim.finish_processing(media.id)  # three suggested clips (no receiver: none sent)
    await cg_sim.finish_processing(other.id)
    made = await cg_client.create_clip(media.id, "Mine", 10.5, 70)
    assert (made.name, made.start_time, made.end_time, made.media_id) == (
        "Mine",
        10.5,
        70,
        media.id,
    )
    listed = await cg_client.list_clips(media.id)  # four clips, two per page
    assert [clip.rank for clip in listed] == [2, 1, 3, None]
    assert {clip.media_id for clip in listed} == {media.id}
    assert len(await cg_client.list_clips()) == 7
    assert await cg_client.get_clip(made.id) == made
    await cg_client.delete_clip(made.id)
    with pytest.raises(ContentGrooveNotFoundError):
        await cg_client.get_clip(made.id)
    with pytest.raises(ContentGrooveNotFoundError):
        await cg_client.delete_clip(made.id)
    with pytest.raises(ContentGrooveResponseError) as invalid:
        await cg_client.create_clip("999", "Nowhere", 0, 1)
    assert invalid.value.status == 422
    cg_sim.quota_exceeded = True
    with pytest.raises(ContentGrooveQuotaError, match="number of clips"):
        await cg_client.create_clip(media.id, "Over", 0, 1)
    cg_sim.quota_exceeded = False
    stranger = ContentGrooveClient(http_session, "wrong", base_url=f"{cg_sim.base_url}/api/v1")
    for call in (
        stranger.list_clips(media.id),
        stranger.create_clip(media.id, "X", 0, 1),
        stranger.get_clip(listed[0].id),
        stranger.delete_clip(listed[0].id),
    ):
        with pytest.raises(ContentGrooveAuthenticationError):
            await call
    cg_sim.rate_limited = 5
    for call in (
        cg_client.list_clips(media.id),
        cg_client.create_clip(media.id, "X", 0, 1),
        cg_client.get_clip(listed[0].id),
        cg_client.delete_clip(listed[0].id),
    ):
        with pytest.raises(ContentGrooveRateLimitedError):
            await call
    cg_sim.rate_limited = None

    clip_exchanges = [e for e in cg_sim.exchanges if "/clips" in e.path]
    statuses = {(e.method, e.status) for e in clip_exchanges}
    assert statuses == {
        ("GET", 200),
        ("POST", 200),
        ("GET", 404),
        ("DELETE", 204),
        ("DELETE", 404),
        ("POST", 422),
        ("POST", 402),
        ("GET", 401),
        ("POST", 401),
        ("DELETE", 401),
        ("GET", 429),
        ("POST", 429),
        ("DELETE", 429),
    }
    filtered = [e.query for e in clip_exchanges if e.method == "GET" and e.status == 200]
    assert {q.get("filter[media_id_eq]") for q in filtered} == {media.id, None}
    for exchange in clip_exchanges:
        validate(exchange)
