"""Async client for one ContentGroove account (an API key sent as a bearer token)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

import aiohttp
from yarl import URL

from ..transport import Reply, VendorClient, header_number
from . import paths
from .exceptions import (
    BY_STATUS,
    ERRORS,
    ContentGrooveQuotaError,
    ContentGrooveRateLimitedError,
    ContentGrooveResponseError,
)
from .models import Clip, Media, WebhookSubscription, resource_id
from .webhooks import MEDIA_PROCESSING_FINISHED

DEFAULT_TIMEOUT: Final = 10.0
DEFAULT_BASE_URL: Final = paths.DEFAULT_BASE_URL


def _error_detail(body: Any) -> str | None:
    """The vendor's explanation: ``errors[].detail``, ``title`` or ``message``.

    ContentGroove OpenAPI, vendor_specs/contentgroove-openapi.yaml, every operation's 401
    example: ``{"errors": [{"message": "You need to sign in or sign up before continuing."}]}``
    (``message`` inside ``errors[]``, no ``detail``/``title``); its 404, 429 and 402 examples
    carry ``detail`` (null on 404) and ``title``. A top-level ``message`` is still read, in case.
    """
    if not isinstance(body, dict):
        return None
    errors = body.get("errors")
    if isinstance(errors, list):
        texts = []
        for error in errors:
            if isinstance(error, dict):
                text = error.get("detail") or error.get("title") or error.get("message")
                if isinstance(text, str) and text:
                    texts.append(text)
        if texts:
            return "; ".join(texts)
    message = body.get("message")
    return message if isinstance(message, str) and message else None


def _segment(value: str) -> str:
    """Refuse ids that would change the path (they come from users and deliveries)."""
    segment = str(value).strip()
    if not segment or "/" in segment or segment in (".", ".."):
        raise ValueError(f"not a ContentGroove id: {value!r}")
    return segment


class ContentGrooveClient(VendorClient):
    """Talks to the ContentGroove Developer API with ``Authorization: Bearer <key>``."""

    errors = ERRORS

    def __init__(
        self,
        session: aiohttp.ClientSession,
        api_key: str,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        base = URL(base_url if base_url.endswith("/") else f"{base_url}/")
        headers = {"Authorization": f"Bearer {api_key}", "Accept": "application/json"}
        super().__init__(session, base, headers, timeout=timeout)

    def _url(self, path: str) -> URL:
        return self._base.join(URL(path))

    async def _request(self, method: str, url: URL, json: Any = None) -> Any:
        """Send one request; return the decoded JSON body (None when empty) or raise."""
        where = f"{method} {url.path}"
        return self._checked_json(where, await self._send(method, url, where=where, json=json))

    def _raise_for_status(self, where: str, reply: Reply, body: Any) -> None:
        """The vendor's ``detail`` goes into every error; 402 and 429 have classes of their own."""
        if reply.ok:
            return
        status = reply.status
        detail = _error_detail(body)
        if status == 402:
            raise ContentGrooveQuotaError(
                f"{where}: the ContentGroove usage quota is exhausted (HTTP 402: "
                f"{detail or 'no details'})",
                status,
                detail=detail,
            )
        message = f"{where}: HTTP {status}: {detail or 'no details'}"
        if status == 429:
            # PROPOSED: ContentGroove OpenAPI, vendor_specs/contentgroove-openapi.yaml, every
            # 429: only the body (``errors[].detail`` "You have exceeded the maximum number of
            # requests…") is documented, no header; without one the caller waits its own default.
            retry_after = header_number(reply.headers.get("Retry-After"))
            raise ContentGrooveRateLimitedError(message, retry_after, detail=detail)
        kind = BY_STATUS.get(status, ContentGrooveResponseError)
        raise kind(message, status, detail=detail)

    async def _resource(self, method: str, path: str, *, json: Any = None) -> dict[str, Any]:
        """A single-resource document's ``data``, which must carry an id."""
        body = await self._request(method, self._url(path), json=json)
        data = body.get("data") if isinstance(body, dict) else None
        if not isinstance(data, dict) or resource_id(data) is None:
            raise ContentGrooveResponseError(f"{method} /{path}: expected a resource document", 200)
        return data

    async def _list_all(
        self, path: str, filters: Mapping[str, str] | None = None
    ) -> list[dict[str, Any]]:
        """Every resource of a list, asking ``page[number]`` 1, 2, … in turn.

        ContentGroove OpenAPI, vendor_specs/contentgroove-openapi.yaml, the 200 examples of
        GET /api/v1/medias, /clips and /webhook_subscriptions: a list document's ``links`` are
        ``{current: …?page[number]=1, self: …}``, with no ``next`` (nor a total), so links say
        nothing about more pages and are not read. The list ends at an empty page, a page
        shorter than the first one (the server may cap ``page[size]`` below what we ask, so the
        first page's length is the page size), or a page bringing no new resource (a server
        ignoring ``page[number]``); ``paths.MAX_PAGES`` bounds the walk.
        """
        resources: dict[str, dict[str, Any]] = {}
        page_size: int | None = None
        for number in range(1, paths.MAX_PAGES + 1):
            body = await self._request("GET", self._page_url(path, number, filters))
            data = body.get("data") if isinstance(body, dict) else None
            if not isinstance(data, list):
                raise ContentGrooveResponseError(f"GET /{path}: expected a list document", 200)
            fresh = {
                key: item
                for item in data
                if (key := resource_id(item)) is not None and key not in resources
            }
            resources.update(fresh)
            if page_size is None:
                page_size = len(data)
            if not fresh or len(data) < page_size:
                break
        return list(resources.values())

    def _page_url(self, path: str, number: int, filters: Mapping[str, str] | None) -> URL:
        return self._url(path).with_query(
            {**(filters or {}), "page[number]": str(number), "page[size]": str(paths.PAGE_SIZE)}
        )

    # Account ------------------------------------------------------------------------------

    async def validate(self) -> None:
        """Check the API key with one cheap authenticated read (one media).

        ContentGroove OpenAPI, vendor_specs/contentgroove-openapi.yaml, /api/v1/medias GET:
        ``page`` documented; security BearerHeader (``Authorization``); a wrong key is 401.
        """
        await self._request(
            "GET", self._url(paths.MEDIAS).with_query({"page[number]": "1", "page[size]": "1"})
        )

    # Webhook subscriptions ----------------------------------------------------------------

    async def list_webhook_subscriptions(self) -> list[WebhookSubscription]:
        """Every webhook subscription of the account (all pages)."""
        resources = await self._list_all(paths.WEBHOOK_SUBSCRIPTIONS)
        return [WebhookSubscription.from_resource(item) for item in resources]

    async def create_webhook_subscription(
        self, url: str, events: Iterable[str] = (MEDIA_PROCESSING_FINISHED,)
    ) -> WebhookSubscription:
        """Subscribe ``url`` to ``events``.

        ContentGroove OpenAPI, vendor_specs/contentgroove-openapi.yaml,
        /api/v1/webhook_subscriptions POST requestBody: ``data.attributes`` with ``url``
        (required) and ``subscribed_events``; the answer is 200 with the resource. Finding: the
        spec documents no answer for a refused attribute; the simulator's 422 follows the
        vendor's JSON:API error object (the 402 example's ``status: "422"``, ``source``).
        """
        body = {"data": {"attributes": {"url": url, "subscribed_events": list(events)}}}
        data = await self._resource("POST", paths.WEBHOOK_SUBSCRIPTIONS, json=body)
        return WebhookSubscription.from_resource(data)

    async def get_webhook_subscription(self, subscription_id: str) -> WebhookSubscription:
        """One subscription."""
        path = paths.WEBHOOK_SUBSCRIPTION.format(id=_segment(subscription_id))
        return WebhookSubscription.from_resource(await self._resource("GET", path))

    async def delete_webhook_subscription(self, subscription_id: str) -> None:
        """Delete one subscription (a missing one raises ContentGrooveNotFoundError)."""
        path = paths.WEBHOOK_SUBSCRIPTION.format(id=_segment(subscription_id))
        await self._request("DELETE", self._url(path))

    async def ensure_webhook_subscription(
        self, url: str, events: Iterable[str] = (MEDIA_PROCESSING_FINISHED,)
    ) -> WebhookSubscription:
        """Return the active subscription of ``url`` to exactly ``events``, creating it if missing.

        There is no update call, so a subscription with other events (or an inactive one) is
        left alone and a new one is created; the caller decides whether to delete the old one.
        """
        wanted = list(events)
        for subscription in await self.list_webhook_subscriptions():
            if (
                subscription.url == url
                and set(subscription.events) == set(wanted)
                and subscription.active is not False
            ):
                return subscription
        return await self.create_webhook_subscription(url, wanted)

    # Media --------------------------------------------------------------------------------

    async def submit_media(
        self, source_url: str, name: str | None = None, description: str | None = None
    ) -> Media:
        """Ask ContentGroove to fetch and process the video or audio at ``source_url``.

        ContentGroove OpenAPI, vendor_specs/contentgroove-openapi.yaml, /api/v1/medias POST
        requestBody: ``data.attributes`` ``source_url`` (or ``upload_id``, not used here),
        ``name``, ``description``; 200 with the media, 402 when the quota is exhausted (its
        example's error object says ``status: "422"``; the HTTP status is what counts).
        """
        attributes = {"source_url": source_url}
        if name is not None:
            attributes["name"] = name
        if description is not None:
            attributes["description"] = description
        data = await self._resource("POST", paths.MEDIAS, json={"data": {"attributes": attributes}})
        return Media.from_resource(data)

    async def get_media(self, media_id: str) -> Media:
        """One media (``is_processing`` turns false when its clips are ready)."""
        path = paths.MEDIA.format(id=_segment(media_id))
        return Media.from_resource(await self._resource("GET", path))

    # Clips --------------------------------------------------------------------------------

    async def create_clip(
        self, media_id: str, name: str, start_time: float, end_time: float
    ) -> Clip:
        """Cut a clip of ``media_id`` from ``start_time`` to ``end_time`` (seconds).

        ContentGroove OpenAPI, vendor_specs/contentgroove-openapi.yaml, /api/v1/clips POST
        requestBody: ``data.attributes`` with ``name``, ``media_id`` (string), ``start_time``
        and ``end_time`` (numbers), all four required; the answer is 200 with the clip, 402
        when the account's clip quota is exhausted. The spec documents no answer for an unknown
        media or a bad window (the simulator answers 422, like a refused attribute).
        """
        attributes = {
            "name": name,
            "media_id": _segment(media_id),
            "start_time": start_time,
            "end_time": end_time,
        }
        data = await self._resource("POST", paths.CLIPS, json={"data": {"attributes": attributes}})
        return Clip.from_resource(data)

    async def list_clips(self, media_id: str | None = None) -> list[Clip]:
        """Every clip of the account (all pages), or only those of one media.

        ContentGroove OpenAPI, vendor_specs/contentgroove-openapi.yaml, /api/v1/clips GET:
        ``filter`` and ``page`` (deepObject). The media filter is ``paths.CLIP_MEDIA_FILTER``
        (a guess); clips whose ``relationships.media`` names another media are dropped.
        """
        if media_id is None:
            resources = await self._list_all(paths.CLIPS)
            return [Clip.from_resource(item) for item in resources]
        wanted = _segment(media_id)
        resources = await self._list_all(paths.CLIPS, {paths.CLIP_MEDIA_FILTER: wanted})
        clips = [Clip.from_resource(item) for item in resources]
        return [clip for clip in clips if clip.media_id in (None, wanted)]

    async def get_clip(self, clip_id: str) -> Clip:
        """One clip (a missing one raises ContentGrooveNotFoundError)."""
        path = paths.CLIP.format(id=_segment(clip_id))
        return Clip.from_resource(await self._resource("GET", path))

    async def delete_clip(self, clip_id: str) -> None:
        """Delete one clip (a missing one raises ContentGrooveNotFoundError)."""
        path = paths.CLIP.format(id=_segment(clip_id))
        await self._request("DELETE", self._url(path))
