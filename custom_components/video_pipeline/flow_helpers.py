"""Shared pieces of the providers' config flow steps.

Every provider's add, re-authenticate and reconfigure steps have one shape: show a form, check
what the user entered against the vendor (a FormError names what to fix), then add the entry
once or update the existing one. ``ProviderFlow`` holds that shape; the providers' mixins say
what to check and what to store.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Final

from homeassistant.config_entries import ConfigEntry, ConfigFlow, ConfigFlowResult
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import section
from homeassistant.helpers.selector import TextSelector, TextSelectorConfig, TextSelectorType
import voluptuous as vol

from .const import LOGGER

# Every provider stores its optional API address under this key.
CONF_BASE_URL: Final = "base_url"
# The collapsed form section that holds it.
SECTION_ADVANCED: Final = "advanced"
_URL_SELECTOR = TextSelector(TextSelectorConfig(type=TextSelectorType.URL))
# A password or API key field.
SECRET_SELECTOR: Final = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))


class FormError(Exception):
    """A form error to show the user, by its translation key (config.error.<key>)."""

    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


type FormErrors = tuple[tuple[type[Exception], str], ...]


async def form_errors_of[T](call: Awaitable[T], errors: FormErrors) -> T:
    """Await a client ``call``; the first listed exception it raises becomes that form error.

    ``errors`` pairs exception classes with form error keys, most specific first.
    """
    try:
        return await call
    except tuple(kind for kind, _ in errors) as err:
        raise FormError(next(key for kind, key in errors if isinstance(err, kind))) from err


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


def input_check[T](
    hass: HomeAssistant,
    validate: Callable[[HomeAssistant, Mapping[str, Any]], Awaitable[T]],
    current: Mapping[str, Any] | None = None,
) -> Callable[[Mapping[str, Any]], Awaitable[T]]:
    """``validate`` for a form's input, laid over ``current`` (the entry's data) when given."""

    async def check(user_input: Mapping[str, Any]) -> T:
        return await validate(hass, {**(current or {}), **user_input})

    return check


class ProviderFlow(ConfigFlow):
    """The steps' shared shape: a checked form, then a new entry or an updated one."""

    async def _async_checked_form[T](
        self,
        step_id: str,
        schema: vol.Schema,
        user_input: Mapping[str, Any] | None,
        check: Callable[[Mapping[str, Any]], Awaitable[T]],
        done: Callable[[T], Awaitable[ConfigFlowResult]],
        *,
        what: str,
        placeholders: Mapping[str, str] | None = None,
    ) -> ConfigFlowResult:
        """Show ``schema``; once ``check`` accepts the input, finish with what it returned.

        ``what`` names the checked thing in the log when ``check`` fails unexpectedly.
        """
        errors: dict[str, str] = {}
        if user_input is not None:
            checked = await validate_into(errors, check(user_input), what)
            if checked is not None:
                return await done(checked)
        return self.async_show_form(
            step_id=step_id,
            data_schema=schema,
            description_placeholders=dict(placeholders) if placeholders else None,
            errors=errors,
        )

    async def _async_create_once(
        self,
        unique_id: str,
        title: str,
        data: Mapping[str, Any],
        *,
        updates: dict[str, Any] | None = None,
    ) -> ConfigFlowResult:
        """Add the entry unless one has ``unique_id`` (that one gets ``updates``)."""
        await self.async_set_unique_id(unique_id)
        self._abort_if_unique_id_configured(updates=updates)
        return self.async_create_entry(title=title, data=dict(data))

    async def _async_update_entry(
        self,
        entry: ConfigEntry[Any],
        data: Mapping[str, Any],
        *,
        unique_id: str | None = None,
        reason: str = "unique_id_mismatch",
    ) -> ConfigFlowResult:
        """Store ``data`` in ``entry`` and reload it.

        With ``unique_id``, only when it is the entry's own; else abort with ``reason``.
        """
        if unique_id is not None:
            await self.async_set_unique_id(unique_id)
            self._abort_if_unique_id_mismatch(reason=reason)
        return self.async_update_reload_and_abort(entry, data=replaced_entry_data(entry.data, data))
