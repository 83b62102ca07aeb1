"""How the vendor clients' exceptions read in Home Assistant: one mapping, each vendor as data.

During setup, refused credentials become ``ConfigEntryAuthFailed`` (HA starts re-authentication)
and any other client error ``ConfigEntryNotReady`` (HA retries); during a refresh the latter is
``UpdateFailed``. An action turns a client error into a translated ``HomeAssistantError`` chosen
by the vendor's table, or into a ``ServiceValidationError`` when the vendor does not know what
the user named. What differs between vendors (classes, translation keys, placeholders) is a
``ClientErrors`` record below; the code that reads it is shared.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final

from homeassistant.exceptions import (
    ConfigEntryAuthFailed,
    ConfigEntryNotReady,
    HomeAssistantError,
    ServiceValidationError,
)
from homeassistant.helpers.update_coordinator import UpdateFailed

from .clients.apivideo import ApiVideoError, ApiVideoWebhookLimitError
from .clients.capturecast import CaptureCastError
from .clients.clevercast import ClevercastError
from .clients.cognitive3d import Cognitive3DError
from .clients.contentgroove import ContentGrooveError, ContentGrooveQuotaError
from .clients.errors import (
    ClientAuthenticationError,
    ClientConnectionError,
    ClientNotFoundError,
    ClientPermissionError,
    ClientRateLimitedError,
    ClientResponseError,
)
from .const import DOMAIN

type Placeholders = Callable[[Exception], Mapping[str, str]]


def error_text(err: Exception) -> Mapping[str, str]:
    """The placeholders of most messages: what the client said went wrong."""
    return {"error": str(err)}


def no_placeholders(err: Exception) -> Mapping[str, str]:
    """For messages that say everything themselves."""
    return {}


def retry_after(unknown: str) -> Placeholders:
    """The seconds a rate-limited vendor asked us to wait (``unknown`` when it did not say)."""

    def placeholders(err: Exception) -> Mapping[str, str]:
        seconds: float | None = getattr(err, "retry_after", None)
        return {"retry_after": f"{seconds:g}" if seconds is not None else unknown}

    return placeholders


@dataclass(frozen=True, slots=True)
class ActionError:
    """How an action reports one kind of client error."""

    error: type[Exception]
    key: str
    placeholders: Placeholders = error_text
    # Only responses with this HTTP status (the client's ``status``), when set.
    status: int | None = None

    def matches(self, err: Exception) -> bool:
        """Whether ``err`` is this kind of error."""
        return isinstance(err, self.error) and (
            self.status is None or getattr(err, "status", None) == self.status
        )


@dataclass(frozen=True, slots=True)
class ClientErrors:
    """One vendor's client errors and the translation keys they become."""

    # The client's base error: what setup, refresh and actions catch. The other classes are the
    # shared kinds of ``clients/errors.py``: a record only ever sees its own vendor's errors.
    base: type[Exception]
    auth_key: str
    # An action's error: the first row that matches, else ``action_failed``.
    actions: tuple[ActionError, ...]
    action_failed: str
    # The credentials are refused: re-authentication.
    auth: tuple[type[Exception], ...] = (ClientAuthenticationError,)
    # The vendor does not know what an action named.
    not_found: type[Exception] = ClientNotFoundError
    # Setup could not talk to the vendor (HA retries); None where setup is a first refresh.
    not_ready_key: str | None = None
    # A refresh of a polled provider failed; None for push-only accounts.
    update_failed_key: str | None = None


def _auth_failed_or(
    errors: ClientErrors,
    err: Exception,
    other: type[ConfigEntryNotReady | UpdateFailed],
    key: str | None,
) -> HomeAssistantError:
    """``ConfigEntryAuthFailed`` for refused credentials, else ``other`` with ``key``."""
    if isinstance(err, errors.auth):
        return ConfigEntryAuthFailed(translation_domain=DOMAIN, translation_key=errors.auth_key)
    return other(
        translation_domain=DOMAIN, translation_key=key, translation_placeholders={"error": str(err)}
    )


def setup_error(errors: ClientErrors, err: Exception) -> HomeAssistantError:
    """Why setup failed: re-authenticate, or ``ConfigEntryNotReady`` (HA retries the setup)."""
    return _auth_failed_or(errors, err, ConfigEntryNotReady, errors.not_ready_key)


def refresh_error(errors: ClientErrors, err: Exception) -> HomeAssistantError:
    """Why a refresh failed: re-authenticate, or ``UpdateFailed`` (the entities go unavailable)."""
    return _auth_failed_or(errors, err, UpdateFailed, errors.update_failed_key)


def action_error(
    errors: ClientErrors,
    err: Exception,
    *,
    not_found: tuple[str, Mapping[str, str]] | None = None,
    **context: str,
) -> HomeAssistantError:
    """The translated error an action raises for ``err``.

    ``not_found`` (translation key and placeholders) reports a not-found answer as the user's
    mistake; ``context`` are placeholders every message of the vendor gets (a unit's name).
    """
    if not_found is not None and isinstance(err, errors.not_found):
        key, placeholders = not_found
        return ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key=key,
            translation_placeholders=dict(placeholders),
        )
    row = next((row for row in errors.actions if row.matches(err)), None)
    if row is None:
        row = ActionError(Exception, errors.action_failed)
    return HomeAssistantError(
        translation_domain=DOMAIN,
        translation_key=row.key,
        translation_placeholders={**context, **row.placeholders(err)},
    )


API_VIDEO_ERRORS: Final = ClientErrors(
    base=ApiVideoError,
    auth_key="api_video_auth_failed",
    actions=(
        ActionError(ClientRateLimitedError, "api_video_rate_limited", retry_after("?")),
        ActionError(ApiVideoWebhookLimitError, "api_video_webhook_limit", no_placeholders),
    ),
    action_failed="api_video_request_failed",
    not_ready_key="api_video_unavailable",
)
CONTENTGROOVE_ERRORS: Final = ClientErrors(
    base=ContentGrooveError,
    auth_key="contentgroove_auth_failed",
    actions=(
        ActionError(ContentGrooveQuotaError, "contentgroove_quota", no_placeholders),
        ActionError(ClientRateLimitedError, "contentgroove_rate_limited", retry_after("60")),
    ),
    action_failed="contentgroove_request_failed",
    not_ready_key="contentgroove_unavailable",
)
CLEVERCAST_ERRORS: Final = ClientErrors(
    base=ClevercastError,
    # A 403 means the user's role lacks "Access API": fixed by signing in again, like a 401.
    auth=(ClientAuthenticationError, ClientPermissionError),
    auth_key="clevercast_auth_failed",
    actions=(),
    action_failed="clevercast_request_failed",
    not_ready_key="clevercast_unavailable",
)
COGNITIVE3D_ERRORS: Final = ClientErrors(
    base=Cognitive3DError,
    auth_key="cognitive3d_invalid_auth",
    actions=(),
    action_failed="cognitive3d_query_failed",
    update_failed_key="cognitive3d_update_failed",
)
CAPTURECAST_ERRORS: Final = ClientErrors(
    base=CaptureCastError,
    auth_key="capturecast_invalid_auth",
    actions=(
        ActionError(ClientAuthenticationError, "capturecast_action_invalid_auth"),
        ActionError(ClientPermissionError, "capturecast_action_permission_denied"),
        ActionError(ClientNotFoundError, "capturecast_action_not_found"),
        ActionError(ClientConnectionError, "capturecast_action_cannot_connect"),
        ActionError(ClientResponseError, "capturecast_action_conflict", status=409),
    ),
    action_failed="capturecast_action_failed",
    not_ready_key="capturecast_cannot_connect",
    update_failed_key="capturecast_update_failed",
)
