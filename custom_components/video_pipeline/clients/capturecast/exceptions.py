"""Exceptions raised by the CaptureCast client, and which status raises which."""

from __future__ import annotations

from typing import Final

from .. import errors


class CaptureCastError(errors.ClientError):
    """Base class for every error the client raises."""


class CaptureCastConnectionError(CaptureCastError, errors.ClientConnectionError):
    """The unit could not be reached, or it did not answer in time."""


class CaptureCastResponseError(CaptureCastError, errors.ClientResponseError):
    """The unit answered with an unexpected status or a body we cannot read."""


class CaptureCastAuthenticationError(CaptureCastResponseError, errors.ClientAuthenticationError):
    """The unit rejected the username or password (HTTP 401)."""


class CaptureCastPermissionError(CaptureCastResponseError, errors.ClientPermissionError):
    """The user's role lacks the permission the call needs (HTTP 403)."""


class CaptureCastNotFoundError(CaptureCastResponseError, errors.ClientNotFoundError):
    """The thing asked for does not exist on the unit (HTTP 404)."""


ERRORS: Final = errors.ErrorFamily(
    connection=CaptureCastConnectionError,
    response=CaptureCastResponseError,
    by_status={
        401: CaptureCastAuthenticationError,
        403: CaptureCastPermissionError,
        404: CaptureCastNotFoundError,
    },
)
