"""Exceptions raised by the Cognitive3D client, and which status raises which."""

from __future__ import annotations

from typing import Final

from .. import errors


class Cognitive3DError(errors.ClientError):
    """Base class for every error the client raises."""


class Cognitive3DConnectionError(Cognitive3DError, errors.ClientConnectionError):
    """The API could not be reached, or it did not answer in time."""


class Cognitive3DResponseError(Cognitive3DError, errors.ClientResponseError):
    """The API answered with an unexpected status or a body we cannot read."""


class Cognitive3DAuthenticationError(Cognitive3DResponseError, errors.ClientAuthenticationError):
    """The API key was rejected (401 or 403)."""


class Cognitive3DNotFoundError(Cognitive3DResponseError, errors.ClientNotFoundError):
    """The organization, project or scene does not exist for this key (404)."""


class Cognitive3DRateLimitedError(Cognitive3DResponseError, errors.ClientRateLimitedError):
    """The API kept answering 429 or 5xx after every retry (it names no wait)."""


# The retried statuses (429 and 5xx) raise Cognitive3DRateLimitedError from the client's retry loop.
ERRORS: Final = errors.ErrorFamily(
    connection=Cognitive3DConnectionError,
    response=Cognitive3DResponseError,
    by_status={
        401: Cognitive3DAuthenticationError,
        403: Cognitive3DAuthenticationError,
        404: Cognitive3DNotFoundError,
    },
)
