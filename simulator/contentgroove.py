"""A simulated ContentGroove account: media, clips, webhook subscriptions and deliveries.

Serves the Developer API subset the integration's client uses under ``/api/v1`` (media, clips
and webhook subscriptions), as JSON:API documents shaped like the examples of the vendor's
OpenAPI (``vendor_specs/contentgroove-openapi.yaml``), over real HTTP on loopback: every
attribute those examples show, ``links: {self}`` on a resource document and ``links: {current,
self}`` (never ``next``) on a list, paged with ``page[number]``/``page[size]``. The API key is
accepted as ``Authorization: Bearer``, ``X-API-KEY`` or ``?api_key=``, as the spec's overview
says; a wrong one gets the documented 401 ``{"errors": [{"message": ...}]}``. 402 (creating a
media or a clip with ``quota_exceeded`` set), 404 and 429 answer the documented bodies. Clips
are listed with the ``filter[...]`` conditions in :data:`CLIP_FILTERS` (any other is a 400).
Forms the spec refutes are rejected: a body that is not JSON, or sent without
``Content-Type: application/json``, or that has no ``data.attributes``, is a 400 (the spec's
"Response Codes"); a missing or unusable required attribute is a 422 JSON:API error whose
shape is that of the 402 example's error object (``status: "422"``, ``source.pointer``);
unknown paths and ids are 404. Every exchange is kept in :attr:`ContentGrooveSimulator.exchanges`
for the contract test.

:meth:`ContentGrooveSimulator.finish_processing` marks a media processed, gives it ranked clips
and a transcript, and delivers ``media.processing_finished`` (the POST /api/v1/medias callback of
the spec) to every active subscription to it or to ``*``: anything but 200 is retried with
exponential backoff, a limited number of times, and ``duplicate_deliveries`` sends each
delivery that many extra times (delivery is at least once). ``source_file_duration`` is
written as a string, as in the callback's example (``"98.865532"``).

Test-only control API (never part of the vendor's API; no authentication):

- ``POST /_sim/finish`` ``{"media_id"}`` → ``{"attempts": [...]}``, one item per POST.
- ``POST /_sim/faults`` ``{"quota_exceeded"?, "rate_limited"?, "server_error"?,
  "duplicate_deliveries"?}``: set the fault controls (``rate_limited`` is the Retry-After in
  seconds, or null to stop).
- ``GET /_sim/state``: media, clips, subscriptions and delivery attempts.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
import itertools
import json
from typing import Any, Final

import aiohttp
from aiohttp import web

from .server import Exchange, LoopbackServer, exchange_log

API_PREFIX: Final = "/api/v1"
DEFAULT_API_KEY: Final = "cg-test-key"
MEDIA_PROCESSING_FINISHED: Final = "media.processing_finished"
ALL_EVENTS: Final = "*"  # the spec's subscription examples subscribe to ["*"]
EVENTS: Final = (MEDIA_PROCESSING_FINISHED,)
# The bodies the spec documents (every operation's 401; 404, 429, and POST /medias's 402).
UNAUTHORIZED: Final = {"errors": [{"message": "You need to sign in or sign up before continuing."}]}
NOT_FOUND: Final = {
    "errors": [{"detail": None, "source": None, "status": "404", "title": "Not Found"}]
}
TOO_MANY_REQUESTS: Final = {
    "errors": [
        {
            "detail": "You have exceeded the maximum number of requests in the current window. "
            "Please try again later.",
            "status": "429",
            "title": "Too Many Requests",
        }
    ]
}


def _quota_exceeded(what: str) -> dict[str, Any]:
    """The documented 402 body of POST /api/v1/medias (``what`` "medias") or /clips ("clips")."""
    return {
        "errors": [
            {
                "code": "exceeded_quota_count",
                "detail": f"You have exceeded the monthly quota for number of {what}. Please visit "
                "the Settings / Quota Usage page to see your usage and manage your account.",
                "source": {"pointer": ""},
                "status": "422",
                "title": "Unprocessable Entity",
            }
        ]
    }


QUOTA_EXCEEDED: Final = _quota_exceeded("medias")
# PROPOSED: the ransack conditions the simulator understands on GET /api/v1/clips (the spec
# documents `filter[<attribute>_<matcher>]` with name_eq and text_start as examples; media_id_eq
# is the client's guess). Any other condition is refused with 400 rather than ignored, so that a
# client relying on an unknown filter fails here instead of silently getting every clip.
CLIP_FILTERS: Final = ("media_id_eq", "name_eq", "text_start")

Sleep = Callable[[float], Awaitable[None]]
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _error(status: int, title: str, detail: str) -> web.Response:
    """A JSON:API error the spec documents no body for (400, 500)."""
    return web.json_response(
        {"errors": [{"status": str(status), "title": title, "detail": detail}]}, status=status
    )


def _invalid(attribute: str, detail: str) -> web.Response:
    """422 for a required attribute missing or unusable, shaped like the 402 example's error."""
    error = {
        "detail": detail,
        "source": {"pointer": f"/data/attributes/{attribute}"},
        "status": "422",
        "title": "Unprocessable Entity",
    }
    return web.json_response({"errors": [error]}, status=422)


def _seconds(value: Any) -> float | None:
    """A JSON number >= 0 (the spec types clip times as numbers), else None."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        return None
    return float(value)


def _timestamp() -> str:
    """Now, written as the spec's examples write times (``2022-08-17T02:13:58.431Z``)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class DeliveryAttempt:
    """One POST of one delivery to one subscription's URL."""

    subscription_id: str
    url: str
    copy: int  # 0 for the delivery, 1.. for the duplicates
    attempt: int  # 1 for the first try
    status: int | None  # None when the receiver could not be reached
    error: str | None
    body: bytes

    @property
    def ok(self) -> bool:
        """Whether the receiver accepted it (only 200 counts, as on the real service)."""
        return self.status == 200

    def as_json(self) -> dict[str, Any]:
        """The attempt as the control API reports it."""
        return {
            "subscription_id": self.subscription_id,
            "url": self.url,
            "copy": self.copy,
            "attempt": self.attempt,
            "status": self.status,
            "error": self.error,
        }


class ContentGrooveSimulator(LoopbackServer):
    """One ContentGroove account behind a real HTTP server on loopback."""

    def __init__(
        self,
        *,
        api_key: str = DEFAULT_API_KEY,
        max_page_size: int = 25,
        retry_base_delay: float = 1.0,
        max_attempts: int = 5,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        super().__init__()
        self.api_key = api_key
        self.max_page_size = max_page_size  # a guess: the vendor documents no maximum
        self.retry_base_delay = retry_base_delay
        self.max_attempts = max_attempts
        self._sleep = sleep
        self._ids = itertools.count(1)
        # Fault controls.
        self.quota_exceeded = False
        self.rate_limited: float | None = None  # Retry-After seconds while throttling
        self.server_error = False
        self.duplicate_deliveries = 0
        # State, as resource objects keyed by id.
        self.medias: dict[str, dict[str, Any]] = {}
        self.clips: dict[str, dict[str, Any]] = {}
        self.transcriptions: dict[str, dict[str, Any]] = {}
        self.subscriptions: dict[str, dict[str, Any]] = {}
        self.deliveries: list[DeliveryAttempt] = []
        self.exchanges: deque[Exchange] = exchange_log()
        self.user_id = "u1"  # the owner every subscription's relationships name

    # Model --------------------------------------------------------------------------------

    def _new_id(self) -> str:
        return str(next(self._ids))

    def submit_media(
        self, source_url: str, name: str | None = None, description: str | None = None
    ) -> dict[str, Any]:
        """Create a media that is still processing; return its resource object.

        The attributes and relationships are those of the spec's GET /api/v1/medias/{id} example.
        """
        media_id = self._new_id()
        now = _timestamp()
        media = {
            "id": media_id,
            "type": "medias",
            "attributes": {
                "created_at": now,
                "description": description,
                "external_id": str(1000 + int(media_id)),
                "has_fetch_error": False,
                "is_processing": True,
                "name": name or source_url.rsplit("/", 1)[-1],
                "original_created_at": now,
                "processing_started_at": now,
                "source_created_at": None,
                "source_file_content_type": None,
                "source_file_duration": None,
                "source_file_height": None,
                "source_file_preview_image_url": None,
                "source_file_width": None,
                "source_url": source_url,
            },
            "relationships": {"clips": {"data": []}, "transcription": {"data": None}},
        }
        self.medias[media_id] = media
        return media

    def add_subscription(
        self, url: str, events: list[str] | None = None, *, active: bool = True
    ) -> dict[str, Any]:
        """Create a webhook subscription directly; return its resource object.

        Shaped like the spec's GET /api/v1/webhook_subscriptions/{id} example.
        """
        now = _timestamp()
        subscription: dict[str, Any] = {
            "id": self._new_id(),
            "type": "webhook_subscriptions",
            "attributes": {
                "active": active,
                "created_at": now,
                "subscribed_events": list(events or EVENTS),
                "updated_at": now,
                "url": url,
            },
            "relationships": {
                "user": {"data": {"id": self.user_id, "type": "users"}},
                "webhook_events": {"data": []},
            },
        }
        self.subscriptions[subscription["id"]] = subscription
        return subscription

    def _process(self, media: dict[str, Any]) -> None:
        """Finish processing: file details, three ranked clips and a transcript."""
        media_id = media["id"]
        attributes = media["attributes"]
        now = _timestamp()
        attributes.update(
            {
                "is_processing": False,
                "source_created_at": now,
                "source_file_content_type": "video/mp4",
                # A string, as in the callback's example ("98.865532") though typed number.
                "source_file_duration": "93.5",
                "source_file_height": 720,
                "source_file_preview_image_url": f"https://cdn.example/{media_id}.jpg",
                "source_file_width": 1280,
            }
        )
        clip_ids = []
        # Listed out of rank order; the attributes are those of the spec's clip examples.
        for rank, start in ((2, 40.0), (1, 12.5), (3, 70)):
            clip_id = self._new_id()
            clip_ids.append(clip_id)
            self.clips[clip_id] = {
                "id": clip_id,
                "type": "clips",
                "attributes": {
                    "created_at": now,
                    "end_char": 100 * rank + 99,
                    "end_time": start + 15,
                    "external_id": str(1000 + int(clip_id)),
                    "is_processing": False,
                    "media_file_content_type": "video/mp4",
                    "media_file_duration": 15.0,
                    "media_file_height": 720,
                    "media_file_preview_image_url": f"https://cdn.example/clips/{clip_id}.jpg",
                    "media_file_url": f"https://cdn.example/clips/{clip_id}.mp4",
                    "media_file_width": 1280,
                    "name": f"{attributes['name']} #{rank}",
                    "processing_started_at": now,
                    "rank": rank,
                    "start_char": 100 * rank,
                    "start_time": start,
                    "text": f"Highlight ranked {rank}",
                },
                "relationships": {"media": {"data": {"id": media_id, "type": "medias"}}},
            }
        transcription_id = f"t{media_id}"
        self.transcriptions[media_id] = {
            "id": transcription_id,
            "type": "transcriptions",
            "attributes": {"text": f"Transcript of {attributes['name']}."},
            "relationships": {},
        }
        media["relationships"] = {
            "clips": {"data": [{"id": c, "type": "clips"} for c in clip_ids]},
            "transcription": {"data": {"id": transcription_id, "type": "transcriptions"}},
        }

    def delivery_body(self, media_id: str) -> dict[str, Any]:
        """The ``media.processing_finished`` delivery of one media."""
        media = self.medias[media_id]
        clip_ids = [ref["id"] for ref in media["relationships"]["clips"]["data"]]
        included = [self.clips[clip_id] for clip_id in clip_ids]
        if media_id in self.transcriptions:
            included.append(self.transcriptions[media_id])
        return {
            "event": MEDIA_PROCESSING_FINISHED,
            "payload": {"data": media, "included": included},
        }

    async def finish_processing(self, media_id: str) -> list[DeliveryAttempt]:
        """Mark a media processed and deliver ``media.processing_finished`` (KeyError if none)."""
        self._process(self.medias[media_id])
        return await self.deliver(MEDIA_PROCESSING_FINISHED, self.delivery_body(media_id))

    async def deliver(self, event: str, document: dict[str, Any]) -> list[DeliveryAttempt]:
        """POST ``document`` to every active subscription to ``event``, retrying failures."""
        body = json.dumps(document, separators=(",", ":")).encode()
        targets = [
            sub
            for sub in self.subscriptions.values()
            if sub["attributes"]["active"]
            and {event, ALL_EVENTS} & set(sub["attributes"]["subscribed_events"])
        ]
        attempts: list[DeliveryAttempt] = []
        async with aiohttp.ClientSession() as session:
            for sub in targets:
                for copy in range(1 + self.duplicate_deliveries):
                    attempts += await self._deliver(session, sub, copy, body)
        self.deliveries += attempts
        return attempts

    async def _deliver(
        self, session: aiohttp.ClientSession, sub: dict[str, Any], copy: int, body: bytes
    ) -> list[DeliveryAttempt]:
        url = str(sub["attributes"]["url"])
        attempts: list[DeliveryAttempt] = []
        for number in range(1, self.max_attempts + 1):
            if number > 1:
                await self._sleep(self.retry_base_delay * 2 ** (number - 2))
            status: int | None = None
            error: str | None = None
            try:
                async with session.post(
                    url,
                    data=body,
                    headers={"Content-Type": "application/json"},
                    timeout=aiohttp.ClientTimeout(total=10),
                ) as response:
                    status = response.status
            except (aiohttp.ClientError, TimeoutError) as err:
                error = f"{type(err).__name__}: {err}"
            attempt = DeliveryAttempt(sub["id"], url, copy, number, status, error, body)
            attempts.append(attempt)
            if attempt.ok:
                break
        return attempts

    # HTTP ---------------------------------------------------------------------------------

    def build_app(self) -> web.Application:
        """The aiohttp application serving the API and the test controls."""
        app = web.Application(middlewares=[self._middleware])
        api = API_PREFIX
        app.router.add_get(f"{api}/medias", self._list_medias)
        app.router.add_post(f"{api}/medias", self._create_media)
        app.router.add_get(f"{api}/medias/{{id}}", self._get_media)
        app.router.add_get(f"{api}/clips", self._list_clips)
        app.router.add_post(f"{api}/clips", self._create_clip)
        app.router.add_get(f"{api}/clips/{{id}}", self._get_clip)
        app.router.add_delete(f"{api}/clips/{{id}}", self._delete_clip)
        app.router.add_get(f"{api}/webhook_subscriptions", self._list_subscriptions)
        app.router.add_post(f"{api}/webhook_subscriptions", self._create_subscription)
        app.router.add_get(f"{api}/webhook_subscriptions/{{id}}", self._get_subscription)
        app.router.add_delete(f"{api}/webhook_subscriptions/{{id}}", self._delete_subscription)
        app.router.add_post("/_sim/finish", self._sim_finish)
        app.router.add_post("/_sim/faults", self._sim_faults)
        app.router.add_get("/_sim/state", self._sim_state)
        return app

    def _authorized(self, request: web.Request) -> bool:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        keys = {
            token if scheme.lower() == "bearer" else None,
            request.headers.get("X-API-KEY"),
            request.query.get("api_key"),
        }
        return self.api_key in keys

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path.startswith("/_sim/"):
            return await handler(request)
        request_body = await request.read()
        response = await self._answer(request, handler)
        self.exchanges.append(Exchange.of(request, request_body, response))
        return response

    async def _answer(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if self.rate_limited is not None:
            response = web.json_response(TOO_MANY_REQUESTS, status=429)
            # PROPOSED: the spec documents no Retry-After; the client reads it when present.
            response.headers["Retry-After"] = f"{self.rate_limited:g}"
            return response
        if not self._authorized(request):
            return web.json_response(UNAUTHORIZED, status=401)
        if self.server_error:
            return _error(500, "Internal Server Error", "Something went wrong.")
        try:
            return await handler(request)
        except web.HTTPNotFound:
            return web.json_response(NOT_FOUND, status=404)

    async def _json_attributes(self, request: web.Request) -> dict[str, Any] | web.Response:
        """The ``data.attributes`` of a JSON request body, or a 400 answer.

        The spec's "Response Codes": 400 when the JSON body cannot be parsed, or the
        ``Content-Type: application/json`` header is missing; its request schemas require
        ``data`` and ``data.attributes``.
        """
        if request.content_type != "application/json":
            return _error(400, "Bad Request", "Content-Type must be application/json.")
        try:
            body = await request.json()
        except ValueError:
            return _error(400, "Bad Request", "The request body is not valid JSON.")
        data = body.get("data") if isinstance(body, dict) else None
        attributes = data.get("attributes") if isinstance(data, dict) else None
        if not isinstance(attributes, dict):
            return _error(400, "Bad Request", "Expected {data: {attributes: {...}}}.")
        return attributes

    def _page(self, request: web.Request, resources: list[dict[str, Any]]) -> web.Response:
        """A list document: ``data`` and the spec's ``links: {current, self}`` (no next)."""
        try:
            number = int(request.query.get("page[number]", "1"))
            size = int(request.query.get("page[size]", str(self.max_page_size)))
        except ValueError:
            return _error(400, "Bad Request", "page[number] and page[size] must be integers.")
        if number < 1 or size < 1:
            return _error(400, "Bad Request", "page[number] and page[size] must be positive.")
        size = min(size, self.max_page_size)
        start = (number - 1) * size
        collection = request.url.with_query(None)
        links = {
            "current": f"{collection}?page[number]={number}",
            "self": str(collection),
        }
        return web.json_response({"data": resources[start : start + size], "links": links})

    @staticmethod
    def _document(request: web.Request, resource: dict[str, Any]) -> web.Response:
        """A resource document: ``data`` and ``links: {self}`` (the request's URL)."""
        links = {"self": str(request.url.with_query(None))}
        return web.json_response({"data": resource, "links": links})

    # API handlers -------------------------------------------------------------------------

    async def _list_medias(self, request: web.Request) -> web.Response:
        # The spec's list example names only the clips relationship of each media.
        listed = [
            {**media, "relationships": {"clips": media["relationships"]["clips"]}}
            for media in self.medias.values()
        ]
        return self._page(request, listed)

    async def _create_media(self, request: web.Request) -> web.Response:
        attributes = await self._json_attributes(request)
        if isinstance(attributes, web.Response):
            return attributes
        source_url = attributes.get("source_url")
        if "upload_id" in attributes and source_url is None:
            return _invalid("upload_id", "upload_id: uploads are not simulated; give a source_url.")
        if not isinstance(source_url, str) or not source_url.startswith(("http://", "https://")):
            return _invalid("source_url", "source_url must be an http or https URL.")
        if self.quota_exceeded:
            return web.json_response(QUOTA_EXCEEDED, status=402)
        name, description = attributes.get("name"), attributes.get("description")
        media = self.submit_media(
            source_url,
            name if isinstance(name, str) else None,
            description if isinstance(description, str) else None,
        )
        return self._document(request, media)  # creates answer 200, as documented

    async def _get_media(self, request: web.Request) -> web.Response:
        media = self.medias.get(request.match_info["id"])
        if media is None:
            raise web.HTTPNotFound
        return self._document(request, media)

    async def _list_clips(self, request: web.Request) -> web.Response:
        clips = list(self.clips.values())
        for key, value in request.query.items():
            if not key.startswith("filter["):
                continue
            condition = key.removeprefix("filter[").removesuffix("]")
            if condition == "media_id_eq":
                clips = [c for c in clips if c["relationships"]["media"]["data"]["id"] == value]
            elif condition == "name_eq":
                clips = [c for c in clips if c["attributes"]["name"] == value]
            elif condition == "text_start":
                clips = [c for c in clips if (c["attributes"]["text"] or "").startswith(value)]
            else:
                return _error(400, "Bad Request", f"Unknown filter {key}; known: {CLIP_FILTERS}.")
        return self._page(request, clips)

    def add_clip(
        self, media_id: str, name: str, start_time: float, end_time: float
    ) -> dict[str, Any]:
        """Create a clip of a media directly (as the API's POST does); return its resource.

        Shaped like the spec's POST /api/v1/clips 200 example: rank and text null, still
        processing, no file yet; the media's clips relationship lists it.
        """
        clip_id = self._new_id()
        clip = {
            "id": clip_id,
            "type": "clips",
            "attributes": {
                "created_at": _timestamp(),
                "end_char": 0,
                "end_time": end_time,
                "external_id": None,
                "is_processing": True,
                "media_file_content_type": None,
                "media_file_duration": None,
                "media_file_height": None,
                "media_file_preview_image_url": None,
                "media_file_url": None,
                "media_file_width": None,
                "name": name,
                "processing_started_at": _timestamp(),
                "rank": None,
                "start_char": 0,
                "start_time": start_time,
                "text": None,
            },
            "relationships": {"media": {"data": {"id": media_id, "type": "medias"}}},
        }
        self.clips[clip_id] = clip
        self.medias[media_id]["relationships"]["clips"]["data"].append(
            {"id": clip_id, "type": "clips"}
        )
        return clip

    async def _create_clip(self, request: web.Request) -> web.Response:
        attributes = await self._json_attributes(request)
        if isinstance(attributes, web.Response):
            return attributes
        name, media_id = attributes.get("name"), attributes.get("media_id")
        # The request schema: name and media_id strings, start_time and end_time numbers, all
        # required. PROPOSED: an unknown media or a window outside the media is a 422 too.
        if not isinstance(name, str) or not name:
            return _invalid("name", "name must be a non-empty string.")
        if not isinstance(media_id, str) or media_id not in self.medias:
            return _invalid("media_id", "media_id must name a media of the account.")
        start, end = _seconds(attributes.get("start_time")), _seconds(attributes.get("end_time"))
        if start is None:
            return _invalid("start_time", "start_time must be a number of seconds >= 0.")
        if end is None or end <= start:
            return _invalid("end_time", "end_time must be a number of seconds after start_time.")
        duration = self.medias[media_id]["attributes"]["source_file_duration"]
        if duration is not None and end > float(duration):
            return _invalid("end_time", f"end_time is past the media's end ({duration} s).")
        if self.quota_exceeded:
            return web.json_response(_quota_exceeded("clips"), status=402)
        return self._document(request, self.add_clip(media_id, name, start, end))

    async def _get_clip(self, request: web.Request) -> web.Response:
        clip = self.clips.get(request.match_info["id"])
        if clip is None:
            raise web.HTTPNotFound
        return self._document(request, clip)

    async def _delete_clip(self, request: web.Request) -> web.Response:
        clip = self.clips.pop(request.match_info["id"], None)
        if clip is None:
            raise web.HTTPNotFound
        media = self.medias.get(clip["relationships"]["media"]["data"]["id"])
        if media is not None:
            refs = media["relationships"]["clips"]["data"]
            refs[:] = [ref for ref in refs if ref["id"] != clip["id"]]
        return web.Response(status=204)

    async def _list_subscriptions(self, request: web.Request) -> web.Response:
        return self._page(request, list(self.subscriptions.values()))

    async def _create_subscription(self, request: web.Request) -> web.Response:
        attributes = await self._json_attributes(request)
        if isinstance(attributes, web.Response):
            return attributes
        url = attributes.get("url")
        # PROPOSED: without subscribed_events (only url is required), all events, as "*".
        events = attributes.get("subscribed_events", [ALL_EVENTS])
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            return _invalid("url", "url must be an http or https URL.")
        known = (*EVENTS, ALL_EVENTS)
        if not isinstance(events, list) or not events or any(e not in known for e in events):
            return _invalid("subscribed_events", f"subscribed_events must be some of {known}.")
        return self._document(request, self.add_subscription(url, events))

    async def _get_subscription(self, request: web.Request) -> web.Response:
        subscription = self.subscriptions.get(request.match_info["id"])
        if subscription is None:
            raise web.HTTPNotFound
        return self._document(request, subscription)

    async def _delete_subscription(self, request: web.Request) -> web.Response:
        if self.subscriptions.pop(request.match_info["id"], None) is None:
            raise web.HTTPNotFound
        return web.Response(status=204)

    # Control handlers ---------------------------------------------------------------------

    async def _sim_finish(self, request: web.Request) -> web.Response:
        body = await request.json()
        media_id = str(body.get("media_id")) if isinstance(body, dict) else ""
        if media_id not in self.medias:
            return web.json_response({"error": f"no media {media_id!r}"}, status=404)
        attempts = await self.finish_processing(media_id)
        return web.json_response({"attempts": [attempt.as_json() for attempt in attempts]})

    async def _sim_faults(self, request: web.Request) -> web.Response:
        body = await request.json()
        if "quota_exceeded" in body:
            self.quota_exceeded = bool(body["quota_exceeded"])
        if "rate_limited" in body:
            retry_after = body["rate_limited"]
            self.rate_limited = None if retry_after is None else float(retry_after)
        if "server_error" in body:
            self.server_error = bool(body["server_error"])
        if "duplicate_deliveries" in body:
            self.duplicate_deliveries = int(body["duplicate_deliveries"])
        return web.json_response(self._faults())

    def _faults(self) -> dict[str, Any]:
        return {
            "quota_exceeded": self.quota_exceeded,
            "rate_limited": self.rate_limited,
            "server_error": self.server_error,
            "duplicate_deliveries": self.duplicate_deliveries,
        }

    async def _sim_state(self, request: web.Request) -> web.Response:
        return web.json_response(
            {
                "api_key": self.api_key,
                "faults": self._faults(),
                "medias": list(self.medias.values()),
                "clips": list(self.clips.values()),
                "webhook_subscriptions": list(self.subscriptions.values()),
                "deliveries": [attempt.as_json() for attempt in self.deliveries],
            }
        )
