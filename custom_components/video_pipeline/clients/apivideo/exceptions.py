"""Exceptions raised by the api.video client, and which status raises which."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from .. import errors


class ApiVideoError(errors.ClientError):
    """Base class for every error the client raises."""


class ApiVideoConnectionError(ApiVideoError, errors.ClientConnectionError):
    """api.video could not be reached, or it did not answer in time."""


class ApiVideoResponseError(ApiVideoError, errors.ClientResponseError):
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
        super().__init__(message, status)
        self.title = title
        self.name = name


class ApiVideoAuthenticationError(ApiVideoResponseError, errors.ClientAuthenticationError):
    """The API key was rejected (HTTP 401)."""


class ApiVideoNotFoundError(ApiVideoResponseError, errors.ClientNotFoundError):
    """The webhook or stream asked for does not exist (HTTP 404)."""


class ApiVideoRateLimitedError(ApiVideoResponseError, errors.ClientRateLimitedError):
    """Too many requests (HTTP 429); wait ``retry_after`` seconds before trying again."""

    def __init__(self, message: str, retry_after: float | None, **kwargs: str | None) -> None:
        super().__init__(message, 429, **kwargs)
        self.retry_after = retry_after


class ApiVideoWebhookLimitError(ApiVideoResponseError):
    """The account already has as many webhook subscriptions as it may have."""


# 429 and the webhook limit are told apart by the client (they need the answer's headers and body).
BY_STATUS: Final[Mapping[int, type[ApiVideoResponseError]]] = {
    401: ApiVideoAuthenticationError,
    404: ApiVideoNotFoundError,
}
ERRORS: Final = errors.ErrorFamily(
    connection=ApiVideoConnectionError, response=ApiVideoResponseError, by_status=BY_STATUS
)
