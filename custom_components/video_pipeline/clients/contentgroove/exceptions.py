"""Exceptions raised by the ContentGroove client."""

from __future__ import annotations


class ContentGrooveError(Exception):
    """Base class for every error the client raises."""


class ContentGrooveConnectionError(ContentGrooveError):
    """ContentGroove could not be reached, or it did not answer in time."""


class ContentGrooveResponseError(ContentGrooveError):
    """ContentGroove answered with an unexpected status or a body we cannot read.

    ``detail`` is the vendor's own explanation (``errors[].detail``, ``title`` or ``message``).
    """

    def __init__(self, message: str, status: int | None = None, *, detail: str | None = None):
        super().__init__(message)
        self.status = status
        self.detail = detail


class ContentGrooveAuthenticationError(ContentGrooveResponseError):
    """The API key was rejected (HTTP 401)."""


class ContentGrooveNotFoundError(ContentGrooveResponseError):
    """The media or subscription asked for does not exist (HTTP 404)."""


class ContentGrooveQuotaError(ContentGrooveResponseError):
    """The account's usage quota is exhausted (HTTP 402)."""


class ContentGrooveRateLimitedError(ContentGrooveResponseError):
    """Too many requests (HTTP 429); wait ``retry_after`` seconds (when known) and try again."""

    def __init__(
        self, message: str, retry_after: float | None = None, *, detail: str | None = None
    ) -> None:
        super().__init__(message, 429, detail=detail)
        self.retry_after = retry_after
