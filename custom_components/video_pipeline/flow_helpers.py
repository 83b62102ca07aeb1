"""Shared pieces of the providers' config flow steps."""

from __future__ import annotations

from collections.abc import Awaitable, Mapping
from typing import Any, Final

from homeassistant.helpers.selector import TextSelector, TextSelectorConfig, TextSelectorType
import voluptuous as vol

from .const import LOGGER

# Every provider stores its optional API address under this key.
CONF_BASE_URL: Final = "base_url"
_URL_SELECTOR = TextSelector(TextSelectorConfig(type=TextSelectorType.URL))


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


def with_api_address(
    fields: dict[Any, Any], *, advanced: bool, defaults: Mapping[str, Any]
) -> vol.Schema:
    """``fields``, plus in advanced mode the optional API address (for a proxy or a simulator)."""
    if advanced:
        fields[
            vol.Optional(
                CONF_BASE_URL, description={"suggested_value": defaults.get(CONF_BASE_URL)}
            )
        ] = _URL_SELECTOR
    return vol.Schema(fields)


def api_address(data: Mapping[str, Any]) -> dict[str, str]:
    """The entry data for an entered API address: nothing when it was left blank."""
    base_url = str(data.get(CONF_BASE_URL) or "").strip()
    return {CONF_BASE_URL: base_url} if base_url else {}
