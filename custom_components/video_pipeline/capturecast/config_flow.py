"""Config flow steps for a CaptureCast unit (mixed into the integration's flow)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from homeassistant.config_entries import ConfigEntry, ConfigFlowResult
from homeassistant.const import (
    CONF_HOST,
    CONF_PASSWORD,
    CONF_PORT,
    CONF_SSL,
    CONF_USERNAME,
    CONF_VERIFY_SSL,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.selector import NumberSelector, NumberSelectorConfig, NumberSelectorMode
import voluptuous as vol
from yarl import URL

from ..clients.capturecast import (
    CaptureCastAuthenticationError,
    CaptureCastClient,
    CaptureCastError,
    UnitInfo,
)
from ..const import CONF_PROVIDER, LOGGER, Provider
from ..flow_helpers import SECRET_SELECTOR, FormError, ProviderFlow, form_errors_of, input_check
from .client_factory import create_client

_WHAT: Final = "a CaptureCast unit"
_FORM_ERRORS: Final = (
    (CaptureCastAuthenticationError, "invalid_auth"),
    (CaptureCastError, "cannot_connect"),
)
_PORT = NumberSelector(NumberSelectorConfig(min=1, max=65535, mode=NumberSelectorMode.BOX))


@dataclass(frozen=True, slots=True)
class Address:
    """Where a unit is: host, optional port, and whether to use HTTPS."""

    host: str
    port: int | None
    ssl: bool


def parse_address(raw_host: str, port: object, ssl: bool) -> Address:
    """Accept ``host``, ``host:port`` or a URL such as ``https://host:8443/``.

    A scheme or port written in the host field wins over the separate fields, since it is what
    the user pasted last from the unit's address bar.
    """
    text = raw_host.strip()
    if not text:
        raise FormError("invalid_host")
    if "://" not in text:
        text = f"{'https' if ssl else 'http'}://{text}"
    try:
        url = URL(text)
    except ValueError as err:
        raise FormError("invalid_host") from err
    if url.scheme not in ("http", "https") or not url.host or url.path not in ("", "/"):
        raise FormError("invalid_host")
    if url.user or url.query_string:
        raise FormError("invalid_host")
    explicit_port = url.explicit_port
    if explicit_port is None and port not in (None, ""):
        explicit_port = int(float(str(port)))
    return Address(host=url.host, port=explicit_port, ssl=url.scheme == "https")


async def _check_role(client: CaptureCastClient, username: str, info: UnitInfo) -> None:
    """Refuse a user the unit clearly lists without a role that may capture; else let it pass."""
    try:
        users = await client.get_users()
    except CaptureCastAuthenticationError as err:
        raise FormError("invalid_auth") from err
    except CaptureCastError as err:
        LOGGER.info(
            "%s: could not read the user's roles (%s); adding the unit without checking them",
            info.unit_name,
            err,
        )
        return
    wanted = username.casefold()
    me = next((user for user in users if user.username.casefold() == wanted), None)
    if me is None or not me.roles_listed:
        LOGGER.info(
            "%s: the user list does not show the roles of %s; adding the unit without checking",
            info.unit_name,
            username,
        )
        return
    if not me.can_capture:
        raise FormError("insufficient_permissions")


async def _check_unit(
    hass: HomeAssistant, data: Mapping[str, Any]
) -> tuple[UnitInfo, Mapping[str, Any]]:
    """Check that the unit answers and accepts the credentials; then, advisory, the role.

    Only confirmed calls decide: the unit's identity (``/api/1/status/unit``) and Basic auth
    not being refused (401). The role check on ``/api/1/users`` (path and shape unconfirmed)
    refuses the unit only when that call answers in the shape we know and the user clearly
    lacks a role that may capture; any other answer adds the unit anyway. Returns the unit's
    identity and the data it was checked with.
    """
    client = create_client(hass, data)
    info = await form_errors_of(client.get_unit_info(), _FORM_ERRORS)
    await _check_role(client, str(data[CONF_USERNAME]), info)
    return info, data


def _address_data(user_input: Mapping[str, Any]) -> dict[str, Any]:
    address = parse_address(
        str(user_input.get(CONF_HOST, "")),
        user_input.get(CONF_PORT),
        bool(user_input.get(CONF_SSL, False)),
    )
    return {
        CONF_HOST: address.host,
        CONF_PORT: address.port,
        CONF_SSL: address.ssl,
        CONF_VERIFY_SSL: bool(user_input.get(CONF_VERIFY_SSL, False)),
    }


def _address_fields(defaults: Mapping[str, Any]) -> dict[Any, Any]:
    return {
        vol.Required(CONF_HOST, default=defaults.get(CONF_HOST, vol.UNDEFINED)): str,
        vol.Optional(CONF_PORT, description={"suggested_value": defaults.get(CONF_PORT)}): _PORT,
        vol.Optional(CONF_SSL, default=defaults.get(CONF_SSL, False)): bool,
        vol.Optional(CONF_VERIFY_SSL, default=defaults.get(CONF_VERIFY_SSL, False)): bool,
    }


class CaptureCastFlowMixin(ProviderFlow):
    """Steps that add, re-authenticate and reconfigure a CaptureCast unit."""

    async def async_step_capturecast(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask where the unit is and which user to log in as."""

        async def check(user_input: Mapping[str, Any]) -> tuple[UnitInfo, Mapping[str, Any]]:
            data = {
                CONF_PROVIDER: Provider.CAPTURECAST.value,
                **_address_data(user_input),
                CONF_USERNAME: user_input[CONF_USERNAME],
                CONF_PASSWORD: user_input[CONF_PASSWORD],
            }
            return await _check_unit(self.hass, data)

        async def done(checked: tuple[UnitInfo, Mapping[str, Any]]) -> ConfigFlowResult:
            info, data = checked
            return await self._async_create_once(
                info.identity,
                info.unit_name,
                data,
                updates={key: data[key] for key in (CONF_HOST, CONF_PORT, CONF_SSL)},
            )

        defaults = user_input or {}
        schema = vol.Schema(
            {
                **_address_fields(defaults),
                vol.Required(
                    CONF_USERNAME, default=defaults.get(CONF_USERNAME, vol.UNDEFINED)
                ): str,
                vol.Required(CONF_PASSWORD): SECRET_SELECTOR,
            }
        )
        return await self._async_checked_form(
            "capturecast", schema, user_input, check, done, what=_WHAT
        )

    async def async_step_capturecast_reauth_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the unit's new password (or another user)."""
        entry = self._get_reauth_entry()
        schema = vol.Schema(
            {
                vol.Required(CONF_USERNAME, default=entry.data[CONF_USERNAME]): str,
                vol.Required(CONF_PASSWORD): SECRET_SELECTOR,
            }
        )
        return await self._async_checked_form(
            "capturecast_reauth_confirm",
            schema,
            user_input,
            input_check(self.hass, _check_unit, entry.data),
            self._same_unit(entry),
            what=_WHAT,
            placeholders={"name": entry.title, "host": entry.data[CONF_HOST]},
        )

    async def async_step_capturecast_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Move the unit to a new address (the same unit, recognised by its identity)."""
        entry = self._get_reconfigure_entry()

        async def check(user_input: Mapping[str, Any]) -> tuple[UnitInfo, Mapping[str, Any]]:
            return await _check_unit(self.hass, {**entry.data, **_address_data(user_input)})

        return await self._async_checked_form(
            "capturecast_reconfigure",
            vol.Schema(_address_fields(user_input or entry.data)),
            user_input,
            check,
            self._same_unit(entry),
            what=_WHAT,
            placeholders={"name": entry.title},
        )

    def _same_unit(
        self, entry: ConfigEntry[Any]
    ) -> Callable[[tuple[UnitInfo, Mapping[str, Any]]], Awaitable[ConfigFlowResult]]:
        """Store the checked data in ``entry``, if it is the same unit."""

        async def update(checked: tuple[UnitInfo, Mapping[str, Any]]) -> ConfigFlowResult:
            info, data = checked
            return await self._async_update_entry(
                entry, data, unique_id=info.identity, reason="wrong_unit"
            )

        return update
