"""Config flow steps for a CaptureCast unit (mixed into the integration's flow)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from homeassistant.config_entries import ConfigFlow, ConfigFlowResult
from homeassistant.const import (
    CONF_HOST,
    CONF_PASSWORD,
    CONF_PORT,
    CONF_SSL,
    CONF_USERNAME,
    CONF_VERIFY_SSL,
)
from homeassistant.helpers.selector import (
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)
import voluptuous as vol
from yarl import URL

from ..clients.capturecast import (
    CaptureCastAuthenticationError,
    CaptureCastClient,
    CaptureCastError,
    UnitInfo,
)
from ..const import CONF_PROVIDER, LOGGER, Provider
from ..flow_helpers import FormError, validate_into
from .client_factory import create_client

_PASSWORD = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))
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


class CaptureCastFlowMixin(ConfigFlow):
    """Steps that add, re-authenticate and reconfigure a CaptureCast unit."""

    async def _capturecast_validate(self, data: Mapping[str, Any]) -> UnitInfo:
        """Check that the unit answers and accepts the credentials; then, advisory, the role.

        Only confirmed calls decide: the unit's identity (``/api/1/status/unit``) and Basic auth
        not being refused (401). The role check on ``/api/1/users`` (path and shape unconfirmed)
        refuses the unit only when that call answers in the shape we know and the user clearly
        lacks a role that may capture; any other answer adds the unit anyway.
        """
        client = create_client(self.hass, data)
        try:
            info = await client.get_unit_info()
        except CaptureCastAuthenticationError as err:
            raise FormError("invalid_auth") from err
        except CaptureCastError as err:
            raise FormError("cannot_connect") from err
        await _check_role(client, str(data[CONF_USERNAME]), info)
        return info

    async def _capturecast_try(
        self, data: Mapping[str, Any], errors: dict[str, str]
    ) -> UnitInfo | None:
        return await validate_into(errors, self._capturecast_validate(data), "a CaptureCast unit")

    @staticmethod
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

    @staticmethod
    def _address_fields(defaults: Mapping[str, Any]) -> dict[Any, Any]:
        return {
            vol.Required(CONF_HOST, default=defaults.get(CONF_HOST, vol.UNDEFINED)): str,
            vol.Optional(
                CONF_PORT, description={"suggested_value": defaults.get(CONF_PORT)}
            ): _PORT,
            vol.Optional(CONF_SSL, default=defaults.get(CONF_SSL, False)): bool,
            vol.Optional(CONF_VERIFY_SSL, default=defaults.get(CONF_VERIFY_SSL, False)): bool,
        }

    async def async_step_capturecast(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask where the unit is and which user to log in as."""
        errors: dict[str, str] = {}
        if user_input is not None:
            try:
                data = {
                    CONF_PROVIDER: Provider.CAPTURECAST.value,
                    **self._address_data(user_input),
                    CONF_USERNAME: user_input[CONF_USERNAME],
                    CONF_PASSWORD: user_input[CONF_PASSWORD],
                }
            except FormError as err:
                errors["base"] = err.error
            else:
                info = await self._capturecast_try(data, errors)
                if info is not None:
                    await self.async_set_unique_id(info.identity)
                    self._abort_if_unique_id_configured(
                        updates={key: data[key] for key in (CONF_HOST, CONF_PORT, CONF_SSL)}
                    )
                    return self.async_create_entry(title=info.unit_name, data=data)
        defaults = user_input or {}
        return self.async_show_form(
            step_id="capturecast",
            data_schema=vol.Schema(
                {
                    **self._address_fields(defaults),
                    vol.Required(
                        CONF_USERNAME, default=defaults.get(CONF_USERNAME, vol.UNDEFINED)
                    ): str,
                    vol.Required(CONF_PASSWORD): _PASSWORD,
                }
            ),
            errors=errors,
        )

    async def async_step_capturecast_reauth_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the unit's new password (or another user)."""
        entry = self._get_reauth_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            data = {**entry.data, **user_input}
            info = await self._capturecast_try(data, errors)
            if info is not None:
                await self.async_set_unique_id(info.identity)
                self._abort_if_unique_id_mismatch(reason="wrong_unit")
                return self.async_update_reload_and_abort(entry, data_updates=user_input)
        return self.async_show_form(
            step_id="capturecast_reauth_confirm",
            data_schema=vol.Schema(
                {
                    vol.Required(CONF_USERNAME, default=entry.data[CONF_USERNAME]): str,
                    vol.Required(CONF_PASSWORD): _PASSWORD,
                }
            ),
            description_placeholders={"name": entry.title, "host": entry.data[CONF_HOST]},
            errors=errors,
        )

    async def async_step_capturecast_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Move the unit to a new address (the same unit, recognised by its identity)."""
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            try:
                updates = self._address_data(user_input)
            except FormError as err:
                errors["base"] = err.error
            else:
                info = await self._capturecast_try({**entry.data, **updates}, errors)
                if info is not None:
                    await self.async_set_unique_id(info.identity)
                    self._abort_if_unique_id_mismatch(reason="wrong_unit")
                    return self.async_update_reload_and_abort(entry, data_updates=updates)
        return self.async_show_form(
            step_id="capturecast_reconfigure",
            data_schema=vol.Schema(self._address_fields(user_input or entry.data)),
            description_placeholders={"name": entry.title},
            errors=errors,
        )
