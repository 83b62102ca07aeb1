"""A simulated api.video API: webhooks, live streams, videos, rate-limit headers and deliveries.

Serves the subset of the API the integration's client uses, over real HTTP on loopback. Two
accounts (production and sandbox) are told apart by the API key, as on the real service.

The delivery sender (:meth:`ApiVideoSimulator.emit`) posts signed, vendor-shaped event bodies
to every matching subscription and retries failures three times, as api.video does.

Test-only control API (never part of the vendor's API; no authentication):

- ``POST /_sim/emit`` ``{"type": ..., "environment"?: "production", "duplicate"?: false,
  "bad_signature"?: false, "fields"?: {...}}`` → ``{"attempts": [...]}``, one item per POST.
- ``POST /_sim/throttle`` ``{"retry_after": 5, "times"?: 1}``: answer the next requests with 429.
- ``POST /_sim/live-streams`` ``{"name": ..., "broadcasting"?: false, "environment"?: ...}``
  → the created live stream.
- ``POST /_sim/videos`` ``{"title": ..., "created_at"?: ISO, "mp4"?: true, "public"?: true,
  "environment"?: ...}`` → the created video.
- ``GET /_sim/state``: the subscriptions, live streams and videos of both accounts.

A video's assets point back at the simulator (``/_sim/vod/{videoId}/...``), where a short HLS
playlist, a stub MP4 and a PNG thumbnail are served without authentication, like a CDN.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
import hashlib
import hmac
import itertools
import json
from typing import Any, Final

import aiohttp
from aiohttp import web

from .basic_auth import basic_credentials
from .png import solid_png
from .server import Exchange, LoopbackServer, exchange_log

DOCS: Final = "https://docs.api.video/reference/"
EVENT_TYPES: Final = (
    "video.encoding.quality.completed",
    "live-stream.broadcast.started",
    "live-stream.broadcast.ended",
    "video.source.recorded",
    "video.caption.generated",
    "video.summary.generated",
)
# Example values for each event's fields (the vendor's event table); emit() overrides them.
EVENT_FIELDS: Final[dict[str, dict[str, str]]] = {
    "video.encoding.quality.completed": {
        "videoId": "vi0000000000000000000000",
        "encoding": "hls",
        "quality": "720p",
    },
    "live-stream.broadcast.started": {"liveStreamId": "li0000000000000000000000"},
    "live-stream.broadcast.ended": {"liveStreamId": "li0000000000000000000000"},
    "video.source.recorded": {
        "liveStreamId": "li0000000000000000000000",
        "videoId": "vi0000000000000000000000",
    },
    "video.caption.generated": {
        "videoId": "vi0000000000000000000000",
        "captionId": "caption_0000000000000000",
        "generationMode": "transcript",
        "language": "en",
    },
    "video.summary.generated": {
        "videoId": "vi0000000000000000000000",
        "summaryId": "summary_0000000000000000",
    },
}
# PROPOSED: how the real API answers a subscription over the account's limit. The notes only
# say the error reads "webhook limit reached"; the status and exact title are our guess.
WEBHOOK_LIMIT_STATUS: Final = 400
WEBHOOK_LIMIT_TITLE: Final = "Webhook limit reached."

Sleep = Callable[[float], Awaitable[None]]


def _problem(status: int, title: str, name: str | None = None, **extra: Any) -> web.Response:
    body: dict[str, Any] = {"type": DOCS + title.lower().replace(" ", "-"), "title": title}
    if name:
        body["name"] = name
    body["status"] = status
    body.update(extra)
    return web.json_response(body, status=status)


def _now_iso(now: datetime) -> str:
    """Format like the vendor's example: milliseconds and a Z."""
    return now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


@dataclass
class SimWebhook:
    """A webhook subscription."""

    webhook_id: str
    created_at: str
    events: list[str]
    url: str
    signature_secret: str

    def as_json(self) -> dict[str, Any]:
        """The subscription as the API returns it."""
        return {
            "webhookId": self.webhook_id,
            "createdAt": self.created_at,
            "events": list(self.events),
            "url": self.url,
            "signatureSecret": self.signature_secret,
        }


@dataclass
class SimLiveStream:
    """A live stream."""

    live_stream_id: str
    name: str
    broadcasting: bool = False
    created_at: str = "2026-01-01T00:00:00+00:00"

    def as_json(self) -> dict[str, Any]:
        """The live stream as the API returns it."""
        return {
            "liveStreamId": self.live_stream_id,
            "name": self.name,
            "streamKey": f"key-{self.live_stream_id}",
            "public": True,
            "broadcasting": self.broadcasting,
            "restreams": [],
            "createdAt": self.created_at,
            "updatedAt": self.created_at,
        }


VIDEO_SORT_KEYS: Final = ("title", "createdAt", "publishedAt", "updatedAt")
# A stub MP4 (one ftyp box): enough for a player to recognise the type, not a playable picture.
STUB_MP4: Final = bytes.fromhex("00000018667479706d703432000000006d70343269736f6d")


@dataclass
class SimVideo:
    """An uploaded video."""

    video_id: str
    title: str
    created_at: str
    mp4_support: bool = True
    public: bool = True

    def as_json(self, origin: str) -> dict[str, Any]:
        """The video as the API returns it, its assets served by the simulator at ``origin``."""
        vod = f"{origin}/_sim/vod/{self.video_id}"
        assets = {
            "hls": f"{vod}/hls/manifest.m3u8",
            "iframe": f'<iframe src="{vod}/player" width="100%" height="100%"></iframe>',
            "player": f"{vod}/player",
            "thumbnail": f"{vod}/thumbnail.png",
        }
        if self.mp4_support:
            assets["mp4"] = f"{vod}/mp4/source.mp4"
        return {
            "videoId": self.video_id,
            "title": self.title,
            "description": "",
            "createdAt": self.created_at,
            "publishedAt": self.created_at,
            "updatedAt": self.created_at,
            "discarded": False,
            "tags": [],
            "metadata": [],
            "assets": assets,
            "public": self.public,
            "panoramic": False,
            "mp4Support": self.mp4_support,
        }


@dataclass
class Account:
    """What one API key can see."""

    webhooks: dict[str, SimWebhook] = field(default_factory=dict)
    live_streams: dict[str, SimLiveStream] = field(default_factory=dict)
    videos: dict[str, SimVideo] = field(default_factory=dict)


@dataclass(frozen=True)
class DeliveryAttempt:
    """One POST of one delivery to one subscription."""

    webhook_id: str
    url: str
    attempt: int  # 1 for the first try, up to 4 with the three retries
    status: int | None  # None when the receiver could not be reached
    error: str | None
    body: bytes
    signature: str

    @property
    def ok(self) -> bool:
        """Whether the receiver accepted it (any status up to 299)."""
        return self.status is not None and self.status <= 299

    def as_json(self) -> dict[str, Any]:
        """The attempt as the control API reports it."""
        return {
            "webhookId": self.webhook_id,
            "url": self.url,
            "attempt": self.attempt,
            "status": self.status,
            "error": self.error,
        }


class ApiVideoSimulator(LoopbackServer):
    """Both api.video accounts behind one real HTTP server on loopback."""

    def __init__(
        self,
        *,
        keys: Mapping[str, str] | None = None,
        webhook_limit: int = 10,
        rate_limit: int = 500,
        retry_delay: float = 3.0,
        sleep: Sleep = asyncio.sleep,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        # API key -> environment ("production" or "sandbox").
        self.keys: dict[str, str] = dict(
            keys or {"sim-production-key": "production", "sim-sandbox-key": "sandbox"}
        )
        self.accounts: dict[str, Account] = {env: Account() for env in set(self.keys.values())}
        self.webhook_limit = webhook_limit
        self.rate_limit = rate_limit
        self.retry_delay = retry_delay
        self._sleep = sleep
        self._now = now or (lambda: datetime.now(UTC))
        self._ids = itertools.count(1)
        self._requests_seen = 0
        self.throttle_remaining = 0  # how many more requests get a 429
        self.throttle_retry_after = 0.0
        self.exchanges: deque[Exchange] = exchange_log()
        self.deliveries: list[DeliveryAttempt] = []
        super().__init__()

    # Model ------------------------------------------------------------------------------

    def _new_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):022d}"

    def account(self, environment: str = "production") -> Account:
        """The account of one environment."""
        return self.accounts.setdefault(environment, Account())

    def add_webhook(
        self, events: list[str], url: str, environment: str = "production"
    ) -> SimWebhook:
        """Create a subscription directly (no limit check)."""
        webhook = SimWebhook(
            webhook_id=self._new_id("webhook_"),
            created_at=self._now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00"),
            events=list(events),
            url=url,
            signature_secret=self._new_id("sig_sec_"),
        )
        self.account(environment).webhooks[webhook.webhook_id] = webhook
        return webhook

    def add_live_stream(
        self, name: str, *, broadcasting: bool = False, environment: str = "production"
    ) -> SimLiveStream:
        """Create a live stream."""
        stream = SimLiveStream(self._new_id("li"), name, broadcasting)
        self.account(environment).live_streams[stream.live_stream_id] = stream
        return stream

    def add_video(
        self,
        title: str,
        *,
        created_at: datetime | None = None,
        mp4: bool = True,
        public: bool = True,
        environment: str = "production",
    ) -> SimVideo:
        """Upload a video (created now unless ``created_at`` says otherwise)."""
        created = (created_at or self._now()).astimezone(UTC)
        video = SimVideo(
            self._new_id("vi"), title, created.strftime("%Y-%m-%dT%H:%M:%S+00:00"), mp4, public
        )
        self.account(environment).videos[video.video_id] = video
        return video

    def throttle(self, retry_after: float, times: int = 1) -> None:
        """Answer the next ``times`` API requests with 429 and this ``X-RateLimit-Retry-After``."""
        self.throttle_remaining = times
        self.throttle_retry_after = retry_after

    # Deliveries -------------------------------------------------------------------------

    def build_payload(self, event_type: str, **fields: Any) -> dict[str, Any]:
        """Build a vendor-shaped event body: type, emittedAt, the event's ids, then ``fields``."""
        payload: dict[str, Any] = {"type": event_type, "emittedAt": _now_iso(self._now())}
        payload.update(EVENT_FIELDS.get(event_type, {}))
        payload.update(fields)
        return payload

    async def emit(
        self,
        event_type: str,
        *,
        environment: str = "production",
        duplicate: bool = False,
        bad_signature: bool = False,
        **fields: Any,
    ) -> list[DeliveryAttempt]:
        """Deliver one event to every subscription of ``environment`` that wants it.

        Each subscription gets the same raw body signed with its own secret; a status above
        299 (or no answer) is retried three times, ``retry_delay`` apart. ``duplicate`` sends
        the whole delivery a second time; ``bad_signature`` signs with a wrong secret.
        """
        body = json.dumps(self.build_payload(event_type, **fields), separators=(",", ":")).encode()
        targets = [
            hook
            for hook in self.account(environment).webhooks.values()
            if event_type in hook.events
        ]
        attempts: list[DeliveryAttempt] = []
        async with aiohttp.ClientSession() as session:
            for hook in targets:
                for _ in range(2 if duplicate else 1):
                    attempts += await self._deliver(session, hook, body, bad_signature)
        self.deliveries += attempts
        return attempts

    async def _deliver(
        self, session: aiohttp.ClientSession, hook: SimWebhook, body: bytes, bad_signature: bool
    ) -> list[DeliveryAttempt]:
        secret = hook.signature_secret + ("-wrong" if bad_signature else "")
        signature = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        headers = {
            "Content-Type": "application/json",
            "X-Api-Video-WebhookID": hook.webhook_id,
            "X-Api-Video-Signature": signature,
        }
        attempts: list[DeliveryAttempt] = []
        for number in range(1, 5):
            if number > 1:
                await self._sleep(self.retry_delay)
            status: int | None = None
            error: str | None = None
            try:
                async with session.post(
                    hook.url, data=body, headers=headers, timeout=aiohttp.ClientTimeout(total=10)
                ) as response:
                    status = response.status
            except (aiohttp.ClientError, TimeoutError) as err:
                error = f"{type(err).__name__}: {err}"
            attempt = DeliveryAttempt(
                hook.webhook_id, hook.url, number, status, error, body, signature
            )
            attempts.append(attempt)
            if attempt.ok:
                break
        return attempts

    # HTTP -------------------------------------------------------------------------------

    def build_app(self) -> web.Application:
        """The aiohttp application serving the API and the test controls."""
        app = web.Application(middlewares=[self._middleware])
        app.router.add_get("/webhooks", self._list_webhooks)
        app.router.add_post("/webhooks", self._create_webhook)
        app.router.add_get("/webhooks/{webhook_id}", self._get_webhook)
        app.router.add_delete("/webhooks/{webhook_id}", self._delete_webhook)
        app.router.add_get("/live-streams", self._list_live_streams)
        app.router.add_get("/live-streams/{live_stream_id}", self._get_live_stream)
        app.router.add_get("/videos", self._list_videos)
        app.router.add_get("/videos/{video_id}", self._get_video)
        app.router.add_post("/_sim/emit", self._sim_emit)
        app.router.add_post("/_sim/throttle", self._sim_throttle)
        app.router.add_post("/_sim/live-streams", self._sim_add_live_stream)
        app.router.add_post("/_sim/videos", self._sim_add_video)
        app.router.add_get("/_sim/vod/{video_id}/{asset:.+}", self._sim_asset)
        app.router.add_get("/_sim/state", self._sim_state)
        return app

    def _environment(self, request: web.Request) -> str | None:
        """The environment the request's Basic credentials (key, empty password) unlock."""
        auth = basic_credentials(request.headers.get("Authorization", ""))
        return self.keys.get(auth[0]) if auth else None

    @web.middleware
    async def _middleware(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        if request.path.startswith("/_sim/"):
            return await handler(request)
        request_body = await request.read()
        response = await self._answer(request, handler)
        self._requests_seen += 1
        remaining = max(0, self.rate_limit - self._requests_seen)
        retry_after = self.throttle_retry_after if response.status == 429 else 60
        response.headers["X-RateLimit-Limit"] = str(self.rate_limit)
        response.headers["X-RateLimit-Remaining"] = str(remaining)
        response.headers["X-RateLimit-Retry-After"] = f"{retry_after:g}"
        self.exchanges.append(Exchange.of(request, request_body, response))
        return response

    async def _answer(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        if self.throttle_remaining > 0:
            self.throttle_remaining -= 1
            return _problem(429, "Too many requests")
        environment = self._environment(request)
        if environment is None:
            return _problem(401, "Unauthorized request")
        request["environment"] = environment
        try:
            return await handler(request)
        except web.HTTPNotFound:
            return _problem(404, "The requested resource was not found.")

    def _page(self, request: web.Request, items: list[dict[str, Any]]) -> web.Response:
        """Answer a paginated list the way the API does (data + pagination with links)."""
        try:
            page = int(request.query.get("currentPage", "1"))
            size = int(request.query.get("pageSize", "25"))
        except ValueError:
            return _problem(400, "This parameter must be an integer.", "currentPage")
        if not 1 <= size <= 100:
            return _problem(400, "This parameter must be between 1 and 100.", "pageSize")
        if page < 1:
            return _problem(400, "This parameter must be greater than 0.", "currentPage")
        total_pages = max(1, -(-len(items) // size))
        data = items[(page - 1) * size : page * size]
        base = request.url.with_query(None)

        def link(rel: str, number: int) -> dict[str, str]:
            query = {**request.query, "currentPage": str(number), "pageSize": str(size)}
            return {"rel": rel, "uri": str(base.with_query(query))}

        links = [link("self", page), link("first", 1)]
        if page > 1:
            links.append(link("previous", page - 1))
        if page < total_pages:
            links.append(link("next", page + 1))
        links.append(link("last", total_pages))
        pagination = {
            "itemsTotal": len(items),
            "pagesTotal": total_pages,
            "pageSize": size,
            "currentPage": page,
            "currentPageItems": len(data),
            "links": links,
        }
        return web.json_response({"data": data, "pagination": pagination})

    # API handlers -------------------------------------------------------------------------

    async def _list_webhooks(self, request: web.Request) -> web.Response:
        hooks = self.account(request["environment"]).webhooks.values()
        wanted = request.query.getall("events", [])
        items = [
            hook.as_json()
            for hook in hooks
            if not wanted or any(event in hook.events for event in wanted)
        ]
        return self._page(request, items)

    async def _create_webhook(self, request: web.Request) -> web.Response:
        try:
            body = await request.json()
        except ValueError:
            return _problem(400, "The request body is not valid JSON.")
        if not isinstance(body, dict):
            return _problem(400, "The request body must be an object.")
        events, url = body.get("events"), body.get("url")
        if (
            not isinstance(events, list)
            or not events
            or any(event not in EVENT_TYPES for event in events)
        ):
            return _problem(400, "This field must contain known webhook events.", "events")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            return _problem(400, "This field must be an http or https URL.", "url")
        account = self.account(request["environment"])
        if len(account.webhooks) >= self.webhook_limit:
            return _problem(WEBHOOK_LIMIT_STATUS, WEBHOOK_LIMIT_TITLE, "webhook")
        webhook = self.add_webhook(events, url, request["environment"])
        return web.json_response(webhook.as_json(), status=201)

    async def _get_webhook(self, request: web.Request) -> web.Response:
        webhooks = self.account(request["environment"]).webhooks
        webhook = webhooks.get(request.match_info["webhook_id"])
        if webhook is None:
            return _problem(404, "The requested resource was not found.", "webhookId")
        return web.json_response(webhook.as_json())

    async def _delete_webhook(self, request: web.Request) -> web.Response:
        webhooks = self.account(request["environment"]).webhooks
        if webhooks.pop(request.match_info["webhook_id"], None) is None:
            return _problem(404, "The requested resource was not found.", "webhookId")
        return web.Response(status=204)

    async def _list_live_streams(self, request: web.Request) -> web.Response:
        streams = self.account(request["environment"]).live_streams.values()
        return self._page(request, [stream.as_json() for stream in streams])

    async def _get_live_stream(self, request: web.Request) -> web.Response:
        streams = self.account(request["environment"]).live_streams
        stream = streams.get(request.match_info["live_stream_id"])
        if stream is None:
            return _problem(404, "The requested resource was not found.", "liveStreamId")
        return web.json_response(stream.as_json())

    async def _list_videos(self, request: web.Request) -> web.Response:
        videos = list(self.account(request["environment"]).videos.values())
        sort_by = request.query.get("sortBy")
        order = request.query.get("sortOrder", "asc")
        if sort_by is not None and sort_by not in VIDEO_SORT_KEYS:
            return _problem(400, "This parameter must be one of the documented values.", "sortBy")
        if order not in ("asc", "desc"):
            return _problem(400, "This parameter must be asc or desc.", "sortOrder")
        if sort_by is not None:
            # Every date the simulator writes has the same format, so text order is time order.
            key = "title" if sort_by == "title" else "created_at"
            videos.sort(key=lambda video: str(getattr(video, key)), reverse=order == "desc")
        origin = str(request.url.origin())
        return self._page(request, [video.as_json(origin) for video in videos])

    async def _get_video(self, request: web.Request) -> web.Response:
        videos = self.account(request["environment"]).videos
        video = videos.get(request.match_info["video_id"])
        if video is None:
            return _problem(404, "The requested resource was not found.", "videoId")
        return web.json_response(video.as_json(str(request.url.origin())))

    # Control handlers ---------------------------------------------------------------------

    async def _sim_emit(self, request: web.Request) -> web.Response:
        try:
            body = await request.json()
            event_type = body["type"]
            fields = dict(body.get("fields") or {})
        except (ValueError, KeyError, TypeError, AttributeError):
            return web.json_response({"error": "expected {type, fields?, ...}"}, status=400)
        if not isinstance(event_type, str) or not all(isinstance(k, str) for k in fields):
            return web.json_response({"error": "type and field names must be strings"}, status=400)
        attempts = await self.emit(
            event_type,
            environment=str(body.get("environment", "production")),
            duplicate=bool(body.get("duplicate", False)),
            bad_signature=bool(body.get("bad_signature", False)),
            **fields,
        )
        return web.json_response({"attempts": [attempt.as_json() for attempt in attempts]})

    async def _sim_throttle(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.throttle(float(body["retry_after"]), int(body.get("times", 1)))
        return web.json_response({"ok": True})

    async def _sim_add_live_stream(self, request: web.Request) -> web.Response:
        body = await request.json()
        stream = self.add_live_stream(
            str(body["name"]),
            broadcasting=bool(body.get("broadcasting", False)),
            environment=str(body.get("environment", "production")),
        )
        return web.json_response(stream.as_json(), status=201)

    async def _sim_add_video(self, request: web.Request) -> web.Response:
        body = await request.json()
        created = body.get("created_at")
        video = self.add_video(
            str(body["title"]),
            created_at=datetime.fromisoformat(created) if created else None,
            mp4=bool(body.get("mp4", True)),
            public=bool(body.get("public", True)),
            environment=str(body.get("environment", "production")),
        )
        return web.json_response(video.as_json(str(request.url.origin())), status=201)

    async def _sim_asset(self, request: web.Request) -> web.Response:
        """Serve a video's assets like the CDN (no authentication; unknown videos are 404)."""
        video_id, asset = request.match_info["video_id"], request.match_info["asset"]
        video = next(
            (a.videos[video_id] for a in self.accounts.values() if video_id in a.videos), None
        )
        if video is None:
            raise web.HTTPNotFound
        if asset == "hls/manifest.m3u8":
            playlist = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n#EXT-X-ENDLIST\n"
            return web.Response(text=playlist, content_type="application/vnd.apple.mpegurl")
        if asset == "mp4/source.mp4" and video.mp4_support:
            return web.Response(body=STUB_MP4, content_type="video/mp4")
        if asset == "thumbnail.png":
            return web.Response(body=solid_png(16, 9, (40, 90, 160)), content_type="image/png")
        raise web.HTTPNotFound

    async def _sim_state(self, request: web.Request) -> web.Response:
        origin = str(request.url.origin())
        return web.json_response(
            {
                env: {
                    "webhooks": [hook.as_json() for hook in account.webhooks.values()],
                    "liveStreams": [s.as_json() for s in account.live_streams.values()],
                    "videos": [video.as_json(origin) for video in account.videos.values()],
                }
                for env, account in self.accounts.items()
            }
        )
