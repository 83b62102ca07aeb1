"""Async client for the part of the api.video API the integration needs."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any, Final, Literal

import aiohttp
from yarl import URL

from ..http_auth import basic_authorization
from ..transport import Reply, VendorClient
from . import paths
from .exceptions import (
    BY_STATUS,
    ERRORS,
    ApiVideoRateLimitedError,
    ApiVideoResponseError,
    ApiVideoWebhookLimitError,
)
from .models import LiveStream, RateLimit, Video, VideoPage, Webhook
from .webhooks import EVENT_TYPES

DEFAULT_TIMEOUT: Final = 10.0
# A 429 asking us to wait this long or less is waited out and retried once; longer raises.
MAX_RETRY_WAIT: Final = 2.0
PAGE_SIZE: Final = 100  # the largest page the API allows
MAX_PAGES: Final = 1000  # a guard against a server whose "next" link never ends
# PROPOSED: the problem-details title/name that marks the subscription limit. The notes only
# quote the text "webhook limit reached"; we match it case-insensitively in title or name.
WEBHOOK_LIMIT_MARKER: Final = "webhook limit"

Environment = Literal["production", "sandbox"]
Sleep = Callable[[float], Awaitable[None]]


def _retry_after(reply: Reply) -> float | None:
    """The wait the answer's rate-limit headers ask for, if any."""
    rate_limit = RateLimit.from_headers(reply.headers)
    return None if rate_limit is None else rate_limit.retry_after


def _problem(body: Any) -> tuple[str | None, str | None]:
    """Read title and name from a problem-details body, leniently (any shape accepted)."""
    if not isinstance(body, dict):
        return None, None
    title, name = body.get("title"), body.get("name")
    return (title if isinstance(title, str) else None, name if isinstance(name, str) else None)


class ApiVideoClient(VendorClient):
    """Talks to api.video with Basic auth (key as username, empty password).

    Basic auth is what the vendor's own SDKs send on every call; it needs no token refresh,
    so the client stays stateless apart from the last rate-limit headers it saw.
    """

    errors = ERRORS

    def __init__(
        self,
        session: aiohttp.ClientSession,
        api_key: str,
        *,
        environment: Environment = "production",
        base_url: str | None = None,
        request_timeout: float = DEFAULT_TIMEOUT,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if environment not in paths.HOSTS:
            raise ValueError(f"unknown api.video environment {environment!r}")
        # api.video takes the API key as the Basic user name, with an empty password.
        base = URL(base_url or paths.HOSTS[environment])
        headers = {"Authorization": basic_authorization(api_key, ""), "Accept": "application/json"}
        super().__init__(session, base, headers, timeout=request_timeout)
        self._sleep = sleep
        self.environment = environment
        self.rate_limit: RateLimit | None = None

    def _url(self, path: str) -> URL:
        return self._base.with_path(self._base.path.rstrip("/") + path)

    async def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        json: Any = None,
    ) -> tuple[int, Any]:
        """Send a request (retrying one short 429); return status and decoded JSON body."""
        reply = await self._attempt(method, path, params, json)
        retry_after = _retry_after(reply)
        if reply.status == 429 and retry_after is not None and retry_after <= MAX_RETRY_WAIT:
            await self._sleep(retry_after)
            reply = await self._attempt(method, path, params, json)
        return reply.status, self._checked_json(f"{method} {path}", reply)

    async def _attempt(
        self, method: str, path: str, params: Mapping[str, str] | None, json: Any
    ) -> Reply:
        """Send the request once, and keep the rate-limit headers of the answer."""
        where = f"{method} {path}"
        reply = await self._send(method, self._url(path), where=where, params=params, json=json)
        rate_limit = RateLimit.from_headers(reply.headers)
        if rate_limit is not None:
            self.rate_limit = rate_limit
        return reply

    def _raise_for_status(self, where: str, reply: Reply, body: Any) -> None:
        """Problem details name the error; 429 carries its wait, the webhook limit its marker."""
        if reply.ok:
            return
        status = reply.status
        title, name = _problem(body)
        message = f"{where}: HTTP {status}" + (f" ({title})" if title else "")
        if status == 429:
            raise ApiVideoRateLimitedError(message, _retry_after(reply), title=title, name=name)
        kind = BY_STATUS.get(status)
        if kind is None and any(
            WEBHOOK_LIMIT_MARKER in (text or "").lower() for text in (title, name)
        ):
            kind = ApiVideoWebhookLimitError
        raise (kind or ApiVideoResponseError)(message, status, title=title, name=name)

    async def _get_object(self, path: str) -> dict[str, Any]:
        _, body = await self._request("GET", path)
        if not isinstance(body, dict):
            raise ApiVideoResponseError(f"GET {path}: expected an object", 200)
        return body

    async def _list_all(
        self, path: str, params: Mapping[str, str] | None = None
    ) -> list[dict[str, Any]]:
        """GET every page of a paginated list and return all items."""
        query = {"currentPage": "1", "pageSize": str(PAGE_SIZE), **(params or {})}
        items: list[dict[str, Any]] = []
        for _ in range(MAX_PAGES):
            _, body = await self._request("GET", path, params=query)
            if not isinstance(body, dict) or not isinstance(body.get("data"), list):
                raise ApiVideoResponseError(f"GET {path}: expected a paginated list", 200)
            items.extend(item for item in body["data"] if isinstance(item, dict))
            next_page = _next_page(body.get("pagination"), int(query["currentPage"]))
            if next_page is None:
                return items
            query = {**query, "currentPage": str(next_page)}
        raise ApiVideoResponseError(f"GET {path}: more than {MAX_PAGES} pages")

    # Account ------------------------------------------------------------------------------

    async def validate(self) -> None:
        """Check the key with the cheapest authenticated read (one live stream)."""
        await self._request("GET", paths.LIVE_STREAMS, params={"pageSize": "1"})

    # Webhooks -----------------------------------------------------------------------------

    async def create_webhook(self, events: Iterable[str], url: str) -> Webhook:
        """Subscribe ``url`` to ``events``; the answer carries the signature secret."""
        wanted = list(events)
        unknown = [event for event in wanted if event not in EVENT_TYPES]
        if not wanted or unknown:
            # The API only accepts the six documented events; fail before the round trip.
            raise ValueError(f"not api.video webhook events: {unknown or wanted}")
        path = paths.WEBHOOKS
        _, body = await self._request("POST", path, json={"events": wanted, "url": url})
        if not isinstance(body, dict):
            raise ApiVideoResponseError(f"POST {path}: expected the created webhook", 201)
        return Webhook.from_dict(body)

    async def ensure_webhook(self, events: Iterable[str], url: str) -> Webhook:
        """Return the subscription of ``url`` to exactly ``events``, creating it if missing.

        api.video has no update call, so a subscription with other events is left alone and a
        new one is created; the caller decides whether to delete the old one.
        """
        wanted = list(events)
        for webhook in await self.list_webhooks():
            if webhook.url == url and set(webhook.events) == set(wanted):
                return webhook
        return await self.create_webhook(wanted, url)

    async def list_webhooks(self, events: str | None = None) -> list[Webhook]:
        """Return every subscription (optionally only those for one event type)."""
        params = {"events": events} if events else None
        return [Webhook.from_dict(item) for item in await self._list_all(paths.WEBHOOKS, params)]

    async def get_webhook(self, webhook_id: str) -> Webhook:
        """Return one subscription."""
        path = paths.WEBHOOK.format(webhook_id=_segment(webhook_id))
        return Webhook.from_dict(await self._get_object(path))

    async def delete_webhook(self, webhook_id: str) -> None:
        """Delete one subscription (404 raises ApiVideoNotFoundError)."""
        await self._request("DELETE", paths.WEBHOOK.format(webhook_id=_segment(webhook_id)))

    # Live streams -------------------------------------------------------------------------

    async def list_live_streams(self) -> list[LiveStream]:
        """Return every live stream (for names and broadcasting state)."""
        return [LiveStream.from_dict(item) for item in await self._list_all(paths.LIVE_STREAMS)]

    async def get_live_stream(self, live_stream_id: str) -> LiveStream:
        """Return one live stream."""
        path = paths.LIVE_STREAM.format(live_stream_id=_segment(live_stream_id))
        return LiveStream.from_dict(await self._get_object(path))

    # Videos -------------------------------------------------------------------------------

    async def list_videos(self, page: int = 1, page_size: int = 25) -> VideoPage:
        """Return one page of the account's videos, newest first (the API's own paging)."""
        if page < 1 or not 1 <= page_size <= PAGE_SIZE:
            raise ValueError(f"not a valid api.video page: {page} of size {page_size}")
        query = {"currentPage": str(page), "pageSize": str(page_size), **paths.NEWEST_FIRST}
        _, body = await self._request("GET", paths.VIDEOS, params=query)
        if not isinstance(body, dict) or not isinstance(body.get("data"), list):
            raise ApiVideoResponseError(f"GET {paths.VIDEOS}: expected a paginated list", 200)
        return VideoPage.from_dict(body, page)

    async def get_video(self, video_id: str) -> Video:
        """Return one video with its current asset URLs."""
        path = paths.VIDEO.format(video_id=_segment(video_id))
        return Video.from_dict(await self._get_object(path))


def _segment(value: str) -> str:
    """Refuse ids that would change the path (they come from users and deliveries)."""
    if not value or "/" in value or value in (".", ".."):
        raise ValueError(f"not a valid api.video id: {value!r}")
    return value


def _next_page(pagination: Any, current: int) -> int | None:
    """Find the page after ``current``: the ``next`` link, or else ``pagesTotal``."""
    if not isinstance(pagination, dict):
        return None
    links = pagination.get("links")
    if isinstance(links, list):
        for link in links:
            if isinstance(link, dict) and link.get("rel") == "next":
                page = URL(str(link.get("uri", ""))).query.get("currentPage", "")
                if page.isdigit() and int(page) > current:
                    return int(page)
                return None
    total = pagination.get("pagesTotal")
    if isinstance(total, int) and current < total:
        return current + 1
    return None
