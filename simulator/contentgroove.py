"""A simulated ContentGroove account: media, clips, webhook subscriptions and deliveries.

Serves the Developer API subset the integration's client uses under ``/api/v1``, as JSON:API
documents, over real HTTP on loopback. The API key is accepted as ``Authorization: Bearer``,
``X-API-KEY`` or ``?api_key=``, as on the real service; a wrong one gets 401 ``{message}``.
Other errors are ``{"errors": [{status, title, detail, code}]}``. Lists are paginated with
``page[number]``/``page[size]`` and a ``links.next`` (``send_links=False`` leaves links out).

:meth:`ContentGrooveSimulator.finish_processing` marks a media processed, gives it ranked clips
and a transcript, and delivers ``media.processing_finished`` to every active subscription:
anything but 200 is retried with exponential backoff, a limited number of times, and
``duplicate_deliveries`` sends each delivery that many extra times (delivery is at least once).
Some numbers are written as strings, as the vendor does.

Test-only control API (never part of the vendor's API; no authentication):

- ``POST /_sim/finish`` ``{"media_id"}`` → ``{"attempts": [...]}``, one item per POST.
- ``POST /_sim/faults`` ``{"quota_exceeded"?, "rate_limited"?, "server_error"?,
  "duplicate_deliveries"?}``: set the fault controls (``rate_limited`` is the Retry-After in
  seconds, or null to stop).
- ``GET /_sim/state``: media, clips, subscriptions and delivery attempts.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
import itertools
import json
from typing import Any, Final

import aiohttp
from aiohttp import web

from .server import LoopbackServer

API_PREFIX: Final = "/api/v1"
DEFAULT_API_KEY: Final = "cg-test-key"
MEDIA_PROCESSING_FINISHED: Final = "media.processing_finished"
EVENTS: Final = (MEDIA_PROCESSING_FINISHED,)

Sleep = Callable[[float], Awaitable[None]]
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _error(status: int, title: str, detail: str, code: str | None = None) -> web.Response:
    error: dict[str, Any] = {"status": str(status), "title": title, "detail": detail}
    if code is not None:
        error["code"] = code
    return web.json_response({"errors": [error]}, status=status)


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
        send_links: bool = True,
        retry_base_delay: float = 1.0,
        max_attempts: int = 5,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        super().__init__()
        self.api_key = api_key
        self.max_page_size = max_page_size
        self.send_links = send_links
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

    # Model --------------------------------------------------------------------------------

    def _new_id(self) -> str:
        return str(next(self._ids))

    def submit_media(
        self, source_url: str, name: str | None = None, description: str | None = None
    ) -> dict[str, Any]:
        """Create a media that is still processing; return its resource object."""
        media_id = self._new_id()
        media = {
            "id": media_id,
            "type": "medias",
            "attributes": {
                "name": name or source_url.rsplit("/", 1)[-1],
                "description": description,
                "is_processing": True,
                "has_fetch_error": False,
                "source_url": source_url,
                "source_file_duration": None,
                "source_file_preview_image_url": None,
            },
            "relationships": {"clips": {"data": []}, "transcription": {"data": None}},
        }
        self.medias[media_id] = media
        return media

    def add_subscription(
        self, url: str, events: list[str] | None = None, *, active: bool = True
    ) -> dict[str, Any]:
        """Create a webhook subscription directly; return its resource object."""
        subscription: dict[str, Any] = {
            "id": self._new_id(),
            "type": "webhook_subscriptions",
            "attributes": {
                "url": url,
                "subscribed_events": list(events or EVENTS),
                "active": active,
            },
        }
        self.subscriptions[subscription["id"]] = subscription
        return subscription

    def _process(self, media: dict[str, Any]) -> None:
        """Finish processing: a duration, a preview, three ranked clips and a transcript."""
        media_id = media["id"]
        attributes = media["attributes"]
        attributes["is_processing"] = False
        attributes["source_file_duration"] = "93.5"  # the vendor sends some numbers as strings
        attributes["source_file_preview_image_url"] = f"https://cdn.example/{media_id}.jpg"
        clip_ids = []
        # Listed out of rank order, with one rank and one time written as strings.
        for rank, start in (("2", 40.0), (1, "12.5"), (3, 70)):
            clip_id = self._new_id()
            clip_ids.append(clip_id)
            self.clips[clip_id] = {
                "id": clip_id,
                "type": "clips",
                "attributes": {
                    "name": f"{attributes['name']} #{rank}",
                    "start_time": start,
                    "end_time": float(start) + 15,
                    "rank": rank,
                    "text": f"Highlight ranked {rank}",
                    "media_file_url": f"https://cdn.example/clips/{clip_id}.mp4",
                },
                "relationships": {"media": {"data": {"id": media_id, "type": "medias"}}},
            }
        transcription_id = f"t{media_id}"
        self.transcriptions[media_id] = {
            "id": transcription_id,
            "type": "transcriptions",
            "attributes": {"text": f"Transcript of {attributes['name']}."},
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
            if sub["attributes"]["active"] and event in sub["attributes"]["subscribed_events"]
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
        if self.rate_limited is not None:
            response = _error(429, "Too Many Requests", "Rate limit exceeded.", "rate_limited")
            response.headers["Retry-After"] = f"{self.rate_limited:g}"
            return response
        if not self._authorized(request):
            return web.json_response({"message": "Invalid API key."}, status=401)
        if self.server_error:
            return _error(500, "Internal Server Error", "Something went wrong.")
        try:
            return await handler(request)
        except web.HTTPNotFound:
            return _error(404, "Not Found", "The requested resource was not found.")

    async def _json_attributes(self, request: web.Request) -> dict[str, Any] | web.Response:
        """The ``data.attributes`` of a JSON request body, or a 400 answer."""
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
        """A JSON:API list document, with ``links`` (self, first, next when there is more)."""
        try:
            number = int(request.query.get("page[number]", "1"))
            size = int(request.query.get("page[size]", str(self.max_page_size)))
        except ValueError:
            return _error(400, "Bad Request", "page[number] and page[size] must be integers.")
        if number < 1 or size < 1:
            return _error(400, "Bad Request", "page[number] and page[size] must be positive.")
        size = min(size, self.max_page_size)
        start = (number - 1) * size
        document: dict[str, Any] = {"data": resources[start : start + size]}
        if self.send_links:

            def link(page: int) -> str:
                query = {**request.query, "page[number]": str(page), "page[size]": str(size)}
                return str(request.url.with_query(query))

            links = {"self": link(number), "first": link(1)}
            if start + size < len(resources):
                links["next"] = link(number + 1)
            document["links"] = links
        return web.json_response(document)

    # API handlers -------------------------------------------------------------------------

    async def _list_medias(self, request: web.Request) -> web.Response:
        return self._page(request, list(self.medias.values()))

    async def _create_media(self, request: web.Request) -> web.Response:
        attributes = await self._json_attributes(request)
        if isinstance(attributes, web.Response):
            return attributes
        source_url = attributes.get("source_url")
        if not isinstance(source_url, str) or not source_url.startswith(("http://", "https://")):
            return _error(400, "Bad Request", "source_url must be an http or https URL.")
        if self.quota_exceeded:
            return _error(
                402, "Payment Required", "Your usage quota has been exceeded.", "quota_exceeded"
            )
        name, description = attributes.get("name"), attributes.get("description")
        media = self.submit_media(
            source_url,
            name if isinstance(name, str) else None,
            description if isinstance(description, str) else None,
        )
        return web.json_response({"data": media})  # creates answer 200

    async def _get_media(self, request: web.Request) -> web.Response:
        media = self.medias.get(request.match_info["id"])
        if media is None:
            raise web.HTTPNotFound
        return web.json_response({"data": media})

    async def _list_clips(self, request: web.Request) -> web.Response:
        return self._page(request, list(self.clips.values()))

    async def _list_subscriptions(self, request: web.Request) -> web.Response:
        return self._page(request, list(self.subscriptions.values()))

    async def _create_subscription(self, request: web.Request) -> web.Response:
        attributes = await self._json_attributes(request)
        if isinstance(attributes, web.Response):
            return attributes
        url, events = attributes.get("url"), attributes.get("subscribed_events")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            return _error(400, "Bad Request", "url must be an http or https URL.")
        if not isinstance(events, list) or not events or any(e not in EVENTS for e in events):
            return _error(400, "Bad Request", f"subscribed_events must be some of {EVENTS}.")
        return web.json_response({"data": self.add_subscription(url, events)})

    async def _get_subscription(self, request: web.Request) -> web.Response:
        subscription = self.subscriptions.get(request.match_info["id"])
        if subscription is None:
            raise web.HTTPNotFound
        return web.json_response({"data": subscription})

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
