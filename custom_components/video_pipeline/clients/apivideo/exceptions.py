"""Exceptions raised by the api.video client."""

from __future__ import annotations


class ApiVideoError(Exception):
    """Base class for every error the client raises."""


class ApiVideoConnectionError(ApiVideoError):
    """api.video could not be reached, or it did not answer in time."""


class ApiVideoResponseError(ApiVideoError):
    """api.video answered with an unexpected status or a body we cannot read.

    ``title`` and ``name`` come from the problem-details body when there is one.
    """

    def __init__(
        self,
        message: str,
        status: int | None = None,
        *,
        title: str | None = None,
        name: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.title = title
        self.name = name


class ApiVideoAuthenticationError(ApiVideoResponseError):
    """The API key was rejected (HTTP 401)."""


class ApiVideoNotFoundError(ApiVideoResponseError):
    """The webhook or stream asked for does not exist (HTTP 404)."""


class ApiVideoRateLimitedError(ApiVideoResponseError):
    """Too many requests (HTTP 429); wait ``retry_after`` seconds before trying again."""

    def __init__(self, message: str, retry_after: float | None, **kwargs: str | None) -> None:
        super().__init__(message, 429, **kwargs)
        self.retry_after = retry_after


class ApiVideoWebhookLimitError(ApiVideoResponseError):
    """The account already has as many webhook subscriptions as it may have."""
