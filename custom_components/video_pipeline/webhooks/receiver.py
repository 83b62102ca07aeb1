"""The vendor-neutral webhook request handler: limits, status codes, dedupe and publishing.

Every vendor plugs in an adapter that turns a checked request into accepted deliveries or a
rejection; the receiver owns everything else, so all accounts answer the same way.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
import logging
import time
from typing import Any, Final

from aiohttp import web
from homeassistant.core import HomeAssistant
from homeassistant.util.json import json_loads

from ..const import LOGGER, Provider
from .dedupe import DedupeStore, DedupeUnavailableError
from .events import AcceptedDelivery, async_publish

MAX_BODY_BYTES: Final = 256 * 1024
REJECTION_LOG_INTERVAL_SECONDS: Final = 60.0
_READ_CHUNK: Final = 64 * 1024


@dataclass(frozen=True, slots=True)
class WebhookRequest:
    """A delivery that passed the generic checks: JSON, size, content type."""

    body: bytes = field(repr=False)
    data: Any = field(repr=False)
    headers: Mapping[str, str]
    query: Mapping[str, str]
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why an adapter refused a delivery; becomes the HTTP status and one log line."""

    status: HTTPStatus
    reason: str

    @classmethod
    def unverified(cls, reason: str) -> Rejection:
        """Refuse a delivery whose signature or sender check failed (401)."""
        return cls(HTTPStatus.UNAUTHORIZED, reason)

    @classmethod
    def invalid(cls, reason: str) -> Rejection:
        """Refuse valid JSON that is not shaped like the vendor's deliveries (422)."""
        return cls(HTTPStatus.UNPROCESSABLE_ENTITY, reason)


type AdapterResult = Sequence[AcceptedDelivery] | Rejection
type DeliveryAdapter = Callable[[WebhookRequest], Awaitable[AdapterResult]]


class RateLimitedLog:
    """Log at most one line per interval; count what was held back, so floods stay quiet."""

    def __init__(
        self,
        interval: float = REJECTION_LOG_INTERVAL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._interval = interval
        self._clock = clock
        self._last: float | None = None
        self._suppressed = 0

    def log(self, level: int, msg: str, *args: object) -> None:
        """Log ``msg`` unless a line was logged less than the interval ago."""
        now = self._clock()
        if self._last is not None and now - self._last < self._interval:
            self._suppressed += 1
            return
        if self._suppressed:
            msg += " (%d similar rejections not logged)"
            args = (*args, self._suppressed)
        LOGGER.log(level, msg, *args)
        self._last = now
        self._suppressed = 0


def media_type(headers: Mapping[str, str]) -> str | None:
    """Return the lower-case media type of a Content-Type header, without parameters."""
    value = headers.get("Content-Type")
    if not value:
        return None
    return value.split(";", 1)[0].strip().lower() or None


def is_json_media_type(value: str | None) -> bool:
    """Whether a media type is JSON (``application/json`` or a ``+json`` type)."""
    return value is not None and (value == "application/json" or value.endswith("+json"))


async def read_capped(read: Callable[[int], Awaitable[bytes]], limit: int) -> bytes | None:
    """Read the whole body, or None as soon as it is longer than ``limit`` bytes."""
    buf = bytearray()
    while len(buf) <= limit:
        chunk = await read(min(_READ_CHUNK, limit + 1 - len(buf)))
        if not chunk:
            return bytes(buf)
        buf += chunk
    return None


class DeliveryReceiver:
    """Answer one account's webhook requests: check, adapt, dedupe, publish, reply.

    With a dedupe store, a delivery is answered 200 only once its key is on disk and its event
    has fired; 503 when the key cannot be written, so the vendor retries later.
    """

    def __init__(
        self,
        *,
        entry_id: str,
        provider: Provider,
        adapter: DeliveryAdapter,
        dedupe: DedupeStore | None,
        max_body_bytes: int = MAX_BODY_BYTES,
        allow_missing_content_type: bool = False,
        rejection_log: RateLimitedLog | None = None,
    ) -> None:
        self._entry_id = entry_id
        self._provider = provider
        self._adapter = adapter
        self._dedupe = dedupe
        self._max_body = max_body_bytes
        self._allow_missing_content_type = allow_missing_content_type
        self._log = rejection_log or RateLimitedLog()

    def handler_for(
        self, kind: str | None
    ) -> Callable[[HomeAssistant, str, web.Request], Awaitable[web.Response]]:
        """Return the HA webhook handler for one hook kind (None: the account's only hook)."""

        async def handle(
            hass: HomeAssistant, webhook_id: str, request: web.Request
        ) -> web.Response:
            return await self.async_handle(hass, request, kind)

        return handle

    async def async_handle(
        self, hass: HomeAssistant, request: web.Request, kind: str | None = None
    ) -> web.Response:
        """Handle one POST; every outcome is a status code, never an exception.

        ``request`` is aiohttp's, or HA cloud's MockRequest for cloudhooks: only ``headers``,
        ``query`` and ``content.read`` are used, which both offer.
        """
        ctype = media_type(request.headers)
        if not is_json_media_type(ctype) and not (
            ctype is None and self._allow_missing_content_type
        ):
            return self._reject(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"content type {ctype!r}")
        declared = request.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self._max_body:
            return self._reject(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"{declared} bytes declared")
        body = await read_capped(request.content.read, self._max_body)
        if body is None:
            return self._reject(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"body over {self._max_body} bytes"
            )
        try:
            data = json_loads(body)
        except ValueError:
            return self._reject(HTTPStatus.BAD_REQUEST, "body is not valid JSON")
        result = await self._adapter(
            WebhookRequest(
                body=body,
                data=data,
                headers=request.headers,
                query=request.query,
                kind=kind,
            )
        )
        if isinstance(result, Rejection):
            return self._reject(result.status, result.reason)
        keys = [d.dedupe_key for d in result if d.dedupe_key is not None]
        if self._dedupe is None or not keys:
            self._publish(hass, result, ())
            return web.Response(status=HTTPStatus.OK)
        try:
            # Resolves after the keys are on disk and the new deliveries' events have fired.
            await self._dedupe.async_claim(keys, lambda new: self._publish(hass, result, new))
        except DedupeUnavailableError:
            return web.Response(
                status=HTTPStatus.SERVICE_UNAVAILABLE, text=HTTPStatus.SERVICE_UNAVAILABLE.phrase
            )
        return web.Response(status=HTTPStatus.OK)

    def _publish(
        self, hass: HomeAssistant, deliveries: Sequence[AcceptedDelivery], new: Sequence[bool]
    ) -> None:
        """Fire the deliveries; ``new`` tells, per delivery with a key, whether it is new."""
        flags = iter(new)
        for delivery in deliveries:
            if delivery.dedupe_key is not None and not next(flags, True):
                LOGGER.debug(
                    "Ignoring a repeated %s delivery %s", self._provider, delivery.dedupe_key
                )
                continue
            async_publish(hass, self._entry_id, self._provider, delivery)

    def _reject(self, status: HTTPStatus, reason: str) -> web.Response:
        self._log.log(
            logging.WARNING,
            "Rejected a %s webhook delivery for entry %s with HTTP %d: %s",
            self._provider,
            self._entry_id,
            status,
            reason,
        )
        return web.Response(status=status, text=status.phrase)
