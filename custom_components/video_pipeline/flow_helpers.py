"""Shared pieces of the providers' config flow steps."""

from __future__ import annotations

from collections.abc import Awaitable

from .const import LOGGER


class FormError(Exception):
    """A form error to show the user, by its translation key (config.error.<key>)."""

    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


async def validate_into[T](errors: dict[str, str], check: Awaitable[T], what: str) -> T | None:
    """Await ``check``; on failure put the form error into ``errors`` and return None.

    An unexpected exception is logged with its traceback (it is a bug) and shown as "unknown",
    so the flow never fails with a raw error.
    """
    try:
        return await check
    except FormError as err:
        errors["base"] = err.error
    except Exception:  # noqa: BLE001 - a form shows "unknown" instead of failing the flow
        LOGGER.exception("Unexpected error while checking %s", what)
        errors["base"] = "unknown"
    return None
