"""Exceptions raised by the Clevercast client."""

from __future__ import annotations


class ClevercastError(Exception):
    """Base class for every error the client raises."""


class ClevercastConnectionError(ClevercastError):
    """Clevercast could not be reached, or it did not answer in time."""


class ClevercastResponseError(ClevercastError):
    """Clevercast answered with an unexpected status or a body we cannot read."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class ClevercastAuthenticationError(ClevercastResponseError):
    """The e-mail or password was rejected (401)."""


class ClevercastPermissionError(ClevercastResponseError):
    """The user's role lacks the "Access API" permission, or API access is off (403)."""


class ClevercastNotFoundError(ClevercastResponseError):
    """The item does not exist (404)."""
