"""Run a command on a unit and turn client errors into translated Home Assistant errors.

Shared by the switches, select, buttons and actions (services), so every way of controlling a
unit reports failures the same way.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TYPE_CHECKING, Final

from homeassistant.const import CONF_USERNAME
from homeassistant.exceptions import HomeAssistantError

from ..client_errors import CAPTURECAST_ERRORS, action_error
from ..clients.capturecast import (
    CAPTURE_ROLE_NAMES,
    CaptureCastAuthenticationError,
    CaptureCastError,
    CaptureCastPermissionError,
)
from ..issues import async_close_issue, async_open_issue

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .coordinator import CaptureCastCoordinator

# The repair issue shown while the unit refuses the configured user its capture or maintenance
# commands (HTTP 403); one per unit, gone after the next such command succeeds.
PERMISSION_ISSUE: Final = "capturecast_permission_denied"
# Issue ids keep their first spelling, so an issue raised before a key rename is still found.
_PERMISSION_ISSUE_ID_PREFIX: Final = "capture_permission_denied"


def permission_issue_id(entry_id: str) -> str:
    """The id of a unit's permission repair issue."""
    return f"{_PERMISSION_ISSUE_ID_PREFIX}_{entry_id}"


def _open_permission_issue(coordinator: CaptureCastCoordinator) -> None:
    entry = coordinator.config_entry
    async_open_issue(
        coordinator.hass,
        permission_issue_id(entry.entry_id),
        PERMISSION_ISSUE,
        {
            "unit": coordinator.info.unit_name,
            "username": str(entry.data.get(CONF_USERNAME, "")),
            "roles": " or ".join(CAPTURE_ROLE_NAMES),
            "url": coordinator.client.base_url,
        },
    )


def delete_permission_issue(hass: HomeAssistant, entry_id: str) -> None:
    """Remove a unit's permission repair issue, if there is one."""
    async_close_issue(hass, permission_issue_id(entry_id))


def translated_error(err: CaptureCastError, unit: str) -> HomeAssistantError:
    """The HomeAssistantError that explains ``err`` to a user, naming the unit."""
    return action_error(CAPTURECAST_ERRORS, err, unit=unit)


async def run_unit_command[T](
    coordinator: CaptureCastCoordinator,
    command: Awaitable[T],
    *,
    refresh: bool = True,
    slow_state_changed: bool = False,
    control: bool = False,
) -> T:
    """Await ``command``; raise a translated error on failure; then refresh the unit's state.

    A rejected password also starts re-authentication, as a failed poll would. For a capture or
    maintenance command (``control``), a refusal for lack of permission (403) also opens a repair
    issue naming the roles that may capture, and success removes it.
    """
    try:
        result = await command
    except CaptureCastError as err:
        if isinstance(err, CaptureCastAuthenticationError):
            coordinator.config_entry.async_start_reauth(coordinator.hass)
        elif control and isinstance(err, CaptureCastPermissionError):
            _open_permission_issue(coordinator)
        raise translated_error(err, coordinator.info.unit_name) from err
    if control:
        delete_permission_issue(coordinator.hass, coordinator.config_entry.entry_id)
    if slow_state_changed:
        coordinator.invalidate_slow_state()
    if refresh:
        # Refresh now rather than through the debouncer: a user who just flipped the pause
        # switch should see it flip, not wait out the debouncer's cooldown.
        await coordinator.async_refresh()
    return result
