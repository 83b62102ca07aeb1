"""Run a command on a unit and turn client errors into translated Home Assistant errors.

Shared by the switches, select, buttons and actions (services), so every way of controlling a
unit reports failures the same way.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TYPE_CHECKING

from homeassistant.exceptions import HomeAssistantError

from ..clients.capturecast import (
    CaptureCastAuthenticationError,
    CaptureCastConnectionError,
    CaptureCastError,
    CaptureCastNotFoundError,
    CaptureCastPermissionError,
    CaptureCastResponseError,
)
from ..const import DOMAIN

if TYPE_CHECKING:
    from .coordinator import CaptureCastCoordinator


def translated_error(err: CaptureCastError, unit: str) -> HomeAssistantError:
    """The HomeAssistantError that explains ``err`` to a user."""
    placeholders = {"unit": unit, "error": str(err)}
    if isinstance(err, CaptureCastAuthenticationError):
        key = "action_invalid_auth"
    elif isinstance(err, CaptureCastPermissionError):
        key = "action_permission_denied"
    elif isinstance(err, CaptureCastNotFoundError):
        key = "action_not_found"
    elif isinstance(err, CaptureCastConnectionError):
        key = "action_cannot_connect"
    elif isinstance(err, CaptureCastResponseError) and err.status == 409:
        key = "action_conflict"
    else:
        key = "action_failed"
    return HomeAssistantError(
        translation_domain=DOMAIN, translation_key=key, translation_placeholders=placeholders
    )


async def run_unit_command[T](
    coordinator: CaptureCastCoordinator,
    command: Awaitable[T],
    *,
    refresh: bool = True,
    slow_state_changed: bool = False,
) -> T:
    """Await ``command``; raise a translated error on failure; then refresh the unit's state.

    A rejected password also starts re-authentication, as a failed poll would.
    """
    try:
        result = await command
    except CaptureCastError as err:
        if isinstance(err, CaptureCastAuthenticationError):
            coordinator.config_entry.async_start_reauth(coordinator.hass)
        raise translated_error(err, coordinator.info.unit_name) from err
    if slow_state_changed:
        coordinator.invalidate_slow_state()
    if refresh:
        # Refresh now rather than through the debouncer: a user who just flipped the pause
        # switch should see it flip, not wait out the debouncer's cooldown.
        await coordinator.async_refresh()
    return result
