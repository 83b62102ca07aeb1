"""Exceptions raised by the ContentGroove client, and which status raises which."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from .. import errors


class ContentGrooveError(errors.ClientError):
    """Base class for every error the client raises."""


class ContentGrooveConnectionError(ContentGrooveError, errors.ClientConnectionError):
    """ContentGroove could not be reached, or it did not answer in time."""


class ContentGrooveResponseError(ContentGrooveError, errors.ClientResponseError):
    """ContentGroove answered with an unexpected status or a body we cannot read.

    ``detail`` is the vendor's own explanation (``errors[].detail``, ``title`` or ``message``).
    """

    def __init__(self, message: str, status: int | None = None, *, detail: str | None = None):
        super().__init__(message, status)
        self.detail = detail


class ContentGrooveAuthenticationError(
    ContentGrooveResponseError, errors.ClientAuthenticationError
):
    """The API key was rejected (HTTP 401)."""


class ContentGrooveNotFoundError(ContentGrooveResponseError, errors.ClientNotFoundError):
    """The media or subscription asked for does not exist (HTTP 404)."""


class ContentGrooveQuotaError(ContentGrooveResponseError):
    """The account's usage quota is exhausted (HTTP 402)."""


class ContentGrooveRateLimitedError(ContentGrooveResponseError, errors.ClientRateLimitedError):
    """Too many requests (HTTP 429); wait ``retry_after`` seconds (when known) and try again."""

    def __init__(
        self, message: str, retry_after: float | None = None, *, detail: str | None = None
    ) -> None:
        super().__init__(message, 429, detail=detail)
        self.retry_after = retry_after


# 402 and 429 are raised by the client (their message and ``Retry-After`` need the answer).
BY_STATUS: Final[Mapping[int, type[ContentGrooveResponseError]]] = {
    401: ContentGrooveAuthenticationError,
    404: ContentGrooveNotFoundError,
}
ERRORS: Final = errors.ErrorFamily(
    connection=ContentGrooveConnectionError,
    response=ContentGrooveResponseError,
    by_status=BY_STATUS,
)
