"""Exceptions raised by the Cognitive3D client."""

from __future__ import annotations


class Cognitive3DError(Exception):
    """Base class for every error the client raises."""


class Cognitive3DConnectionError(Cognitive3DError):
    """The API could not be reached, or it did not answer in time."""


class Cognitive3DResponseError(Cognitive3DError):
    """The API answered with an unexpected status or a body we cannot read."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class Cognitive3DAuthenticationError(Cognitive3DResponseError):
    """The API key was rejected (401 or 403)."""


class Cognitive3DNotFoundError(Cognitive3DResponseError):
    """The organization, project or scene does not exist for this key (404)."""


class Cognitive3DRateLimitedError(Cognitive3DResponseError):
    """The API kept answering 429 or 5xx after every retry."""
