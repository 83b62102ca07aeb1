"""Turn api.video webhook requests into accepted deliveries: verify the signature, then parse.

api.video signs each delivery with the secret of the subscription named in
``X-Api-Video-WebhookID``. The entry knows the secret of the subscription it created; a
delivery from another subscription of the same account (made by hand or by the
``create_webhook`` action) is verified by fetching that subscription's secret once.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable, Sequence
from http import HTTPStatus
import re
import time
from typing import Final

from ..clients.apivideo import (
    ApiVideoClient,
    ApiVideoError,
    ApiVideoNotFoundError,
    InvalidDeliveryError,
    parse_delivery,
    verify,
)
from ..clients.apivideo.webhooks import SIGNATURE_HEADER, WEBHOOK_ID_HEADER, parse_payload
from ..const import LOGGER
from ..webhooks import AcceptedDelivery, Rejection, WebhookRequest

# Ids the account does not have are remembered for a while, so forged ids cost one lookup.
UNKNOWN_ID_TTL_SECONDS: Final = 600.0
MAX_REMEMBERED_IDS: Final = 100
MAX_ID_LENGTH: Final = 64
# HA's decoder (orjson) keeps integers exact within 64 bits (every one of up to 18 digits) and
# turns longer ones into floats. In valid JSON a number starts after ``[``, ``:``, ``,`` or
# white space, so a body with 19 digits in a row there (a string may match too: harmless) is
# parsed again by Python's exact parser; the scan costs about a microsecond, that parse about 15.
_LONG_INTEGER: Final = re.compile(rb"(?:^|[\[:,\s])-?\d{19}")


def might_hold_long_integer(body: bytes) -> bool:
    """Whether ``body`` may hold an integer that HA's decoder would not keep exact."""
    return _LONG_INTEGER.search(body) is not None


class SecretBook:
    """The signature secrets of the account's subscriptions, looked up at most once each."""

    def __init__(
        self,
        client: ApiVideoClient,
        known: dict[str, str] | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._secrets: dict[str, str] = dict(known or {})
        self._unknown: OrderedDict[str, float] = OrderedDict()
        self._pending: dict[str, asyncio.Future[str | None]] = {}
        self._clock = clock

    def remember(self, webhook_id: str, secret: str) -> None:
        """Record a subscription's secret (one the entry or an action created)."""
        self._secrets[webhook_id] = secret
        self._unknown.pop(webhook_id, None)

    def forget(self, webhook_id: str) -> None:
        """Drop a deleted subscription's secret."""
        self._secrets.pop(webhook_id, None)

    @property
    def known_ids(self) -> list[str]:
        """The subscriptions whose secret is known (for diagnostics)."""
        return sorted(self._secrets)

    def cached(self, webhook_id: str) -> str | None:
        """The secret of a subscription if it is known, without asking the API."""
        return self._secrets.get(webhook_id)

    async def async_secret(self, webhook_id: str) -> str | None:
        """The secret of ``webhook_id``; None when the account has no such subscription.

        Raises ApiVideoError when the API cannot say now (the delivery should be retried).
        """
        if (secret := self._secrets.get(webhook_id)) is not None:
            return secret
        seen = self._unknown.get(webhook_id)
        if seen is not None and self._clock() - seen < UNKNOWN_ID_TTL_SECONDS:
            return None
        if (pending := self._pending.get(webhook_id)) is not None:
            return await asyncio.shield(pending)
        future: asyncio.Future[str | None] = asyncio.get_running_loop().create_future()
        self._pending[webhook_id] = future
        try:
            secret = await self._async_fetch(webhook_id)
        except BaseException as err:
            future.set_exception(err)
            future.exception()  # retrieved here; waiters re-raise it themselves
            raise
        else:
            future.set_result(secret)
            return secret
        finally:
            del self._pending[webhook_id]

    async def _async_fetch(self, webhook_id: str) -> str | None:
        try:
            webhook = await self._client.get_webhook(webhook_id)
        except (ApiVideoNotFoundError, ValueError):
            webhook = None
        if webhook is None or not webhook.signature_secret:
            self._unknown[webhook_id] = self._clock()
            while len(self._unknown) > MAX_REMEMBERED_IDS:
                self._unknown.popitem(last=False)
            return None
        LOGGER.info("Learned the signature secret of api.video webhook %s", webhook_id)
        self.remember(webhook_id, webhook.signature_secret)
        return webhook.signature_secret


class ApiVideoAdapter:
    """The api.video delivery adapter of one account."""

    def __init__(self, secrets: SecretBook) -> None:
        self._secrets = secrets

    async def __call__(self, request: WebhookRequest) -> Sequence[AcceptedDelivery] | Rejection:
        """Verify, parse and describe one delivery."""
        signature = request.headers.get(SIGNATURE_HEADER)
        if not signature:
            return Rejection.unverified(f"no {SIGNATURE_HEADER} header")
        webhook_id = (request.headers.get(WEBHOOK_ID_HEADER) or "").strip()
        if not webhook_id or len(webhook_id) > MAX_ID_LENGTH:
            return Rejection.unverified(f"no usable {WEBHOOK_ID_HEADER} header")
        secret = self._secrets.cached(webhook_id)
        if secret is None:
            try:
                secret = await self._secrets.async_secret(webhook_id)
            except ApiVideoError as err:
                # api.video retries a failed delivery; by then the API may answer.
                return Rejection(
                    HTTPStatus.SERVICE_UNAVAILABLE, f"cannot look up webhook {webhook_id}: {err}"
                )
        if secret is None:
            return Rejection.unverified(f"webhook {webhook_id} is not this account's")
        if not verify(secret, request.body, signature):
            return Rejection.unverified("the signature does not match the body")
        try:
            if might_hold_long_integer(request.body):
                delivery = parse_delivery(request.body)
            else:
                delivery = parse_payload(request.data)
        except InvalidDeliveryError as err:
            return Rejection.invalid(str(err))
        return [
            AcceptedDelivery(
                event_type=delivery.type,
                payload=delivery.payload,
                dedupe_key=delivery.dedupe_key(webhook_id),
                video_id=delivery.video_id,
                live_stream_id=delivery.live_stream_id,
            )
        ]
