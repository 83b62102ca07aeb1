"""Exceptions raised by the CaptureCast client."""

from __future__ import annotations


class CaptureCastError(Exception):
    """Base class for every error the client raises."""


class CaptureCastConnectionError(CaptureCastError):
    """The unit could not be reached, or it did not answer in time."""


class CaptureCastResponseError(CaptureCastError):
    """The unit answered with an unexpected status or a body we cannot read."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class CaptureCastAuthenticationError(CaptureCastResponseError):
    """The unit rejected the username or password (HTTP 401)."""


class CaptureCastPermissionError(CaptureCastResponseError):
    """The user's role lacks the permission the call needs (HTTP 403)."""


class CaptureCastNotFoundError(CaptureCastResponseError):
    """The thing asked for does not exist on the unit (HTTP 404)."""
