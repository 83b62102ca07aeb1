"""The kinds of failure every vendor client reports, and the table that maps statuses to them.

Each vendor's ``exceptions`` module subclasses these bases under its own names (the integration
catches those), so a vendor class says both whose error it is and what kind it is, and the
shared transport (``transport.py``) raises the right vendor class from an ``ErrorFamily``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


class ClientError(Exception):
    """Base class of every error a vendor client raises."""


class ClientConnectionError(ClientError):
    """The vendor could not be reached, or it did not answer in time."""


class ClientResponseError(ClientError):
    """The vendor answered with an unexpected status or a body we cannot read.

    ``status`` is the answer's HTTP status, or None where no status applies.
    """

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class ClientAuthenticationError(ClientResponseError):
    """The vendor rejected the credentials."""


class ClientPermissionError(ClientResponseError):
    """The credentials are valid but lack a permission the call needs (HTTP 403)."""


class ClientNotFoundError(ClientResponseError):
    """What was asked for does not exist (HTTP 404)."""


class ClientRateLimitedError(ClientResponseError):
    """The vendor asks us to slow down; ``retry_after`` is its wait in seconds, when it says."""

    retry_after: float | None = None


@dataclass(frozen=True, slots=True)
class ErrorFamily:
    """One vendor's exception classes, by what went wrong."""

    connection: type[ClientConnectionError]
    response: type[ClientResponseError]
    # The failed statuses with a class of their own; any other failed status raises ``response``.
    by_status: Mapping[int, type[ClientResponseError]] = field(default_factory=dict)
