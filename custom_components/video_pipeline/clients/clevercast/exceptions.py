"""Exceptions raised by the Clevercast client, and which status raises which."""

from __future__ import annotations

from typing import Final

from .. import errors


class ClevercastError(errors.ClientError):
    """Base class for every error the client raises."""


class ClevercastConnectionError(ClevercastError, errors.ClientConnectionError):
    """Clevercast could not be reached, or it did not answer in time."""


class ClevercastResponseError(ClevercastError, errors.ClientResponseError):
    """Clevercast answered with an unexpected status or a body we cannot read."""


class ClevercastAuthenticationError(ClevercastResponseError, errors.ClientAuthenticationError):
    """The e-mail or password was rejected (401)."""


class ClevercastPermissionError(ClevercastResponseError, errors.ClientPermissionError):
    """The user's role lacks the "Access API" permission, or API access is off (403)."""


class ClevercastNotFoundError(ClevercastResponseError, errors.ClientNotFoundError):
    """The item does not exist (404)."""


ERRORS: Final = errors.ErrorFamily(
    connection=ClevercastConnectionError,
    response=ClevercastResponseError,
    by_status={
        401: ClevercastAuthenticationError,
        403: ClevercastPermissionError,
        404: ClevercastNotFoundError,
    },
)
