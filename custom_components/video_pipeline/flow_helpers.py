"""Shared pieces of the providers' config flow steps."""

from __future__ import annotations

from collections.abc import Awaitable, Mapping
from typing import Any, Final

from homeassistant.data_entry_flow import section
from homeassistant.helpers.selector import TextSelector, TextSelectorConfig, TextSelectorType
import voluptuous as vol

from .const import LOGGER

# Every provider stores its optional API address under this key.
CONF_BASE_URL: Final = "base_url"
# The collapsed form section that holds it.
SECTION_ADVANCED: Final = "advanced"
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


def with_api_address(fields: dict[Any, Any], *, defaults: Mapping[str, Any]) -> vol.Schema:
    """``fields``, plus the optional API address (for a proxy or a simulator).

    The address sits in a collapsed "Advanced options" section, so most users never see it;
    the section opens by itself when the entry already has an address. Entry data keeps the
    address at its top level (``api_address`` flattens the section), as before sections.
    """
    current = str(defaults.get(CONF_BASE_URL) or "")
    fields[vol.Optional(SECTION_ADVANCED)] = section(
        vol.Schema(
            {vol.Optional(CONF_BASE_URL, description={"suggested_value": current}): _URL_SELECTOR}
        ),
        {"collapsed": not current},
    )
    return vol.Schema(fields)


def api_address(data: Mapping[str, Any]) -> dict[str, str]:
    """The entry data for an entered API address: nothing when it was left blank.

    Reads the form's advanced section when there is one (even a blank one clears the address),
    else a top-level address, which is how entries store it.
    """
    advanced = data.get(SECTION_ADVANCED)
    source: Mapping[str, Any] = advanced if isinstance(advanced, Mapping) else data
    base_url = str(source.get(CONF_BASE_URL) or "").strip()
    return {CONF_BASE_URL: base_url} if base_url else {}


def with_flat_address(data: Mapping[str, Any]) -> dict[str, Any]:
    """Form input as entry data would hold it: the section's address at the top level."""
    flat = {k: v for k, v in data.items() if k not in (CONF_BASE_URL, SECTION_ADVANCED)}
    return {**flat, **api_address(data)}


def replaced_entry_data(current: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """``current`` updated with ``new``, where ``new`` alone decides the API address.

    A validated ``new`` carries the address exactly when one is set, so a cleared field in a
    reconfigure form removes the stored address instead of silently keeping it.
    """
    kept = {key: value for key, value in current.items() if key != CONF_BASE_URL}
    return {**kept, **new}
