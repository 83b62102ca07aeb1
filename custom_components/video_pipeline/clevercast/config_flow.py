"""Config flow steps for a Clevercast account (mixed into the integration's flow).

Clevercast's hooks cannot be set up through its API, so the last step shows the three URLs
to paste into Clevercast; the options flow shows them again whenever the user needs them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.components import webhook
from homeassistant.config_entries import ConfigEntry, ConfigFlow, ConfigFlowResult, OptionsFlow
from homeassistant.const import CONF_WEBHOOK_ID
from homeassistant.core import HomeAssistant
from homeassistant.helpers.selector import TextSelector, TextSelectorConfig, TextSelectorType
import voluptuous as vol

from ..clients.clevercast import (
    ClevercastAuthenticationError,
    ClevercastError,
    ClevercastPermissionError,
)
from ..const import CONF_PROVIDER, Provider
from ..flow_helpers import (
    FormError,
    api_address,
    replaced_entry_data,
    validate_into,
    with_api_address,
)
from ..webhooks import async_public_url, kind_webhook_id
from .client_factory import create_client
from .const import CONF_EMAIL, CONF_PASSWORD, HOOK_KINDS

_PASSWORD_SELECTOR = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))
_EMAIL_SELECTOR = TextSelector(TextSelectorConfig(type=TextSelectorType.EMAIL))
# Placeholders of the URL steps, one per hook kind.
_PLACEHOLDERS = {
    "item.updated": "item_updated",
    "item.deleted": "item_deleted",
    "workflow": "workflow",
}


async def async_hook_urls(hass: HomeAssistant, secret: str) -> dict[str, str]:
    """The URL to paste into Clevercast for each hook kind, as placeholders of a step."""
    urls: dict[str, str] = {}
    for kind in HOOK_KINDS:
        url, _ = await async_public_url(hass, kind_webhook_id(secret, kind))
        urls[_PLACEHOLDERS[kind]] = url or "-"
    return urls


class ClevercastFlowMixin(ConfigFlow):
    """Steps that add, re-authenticate and reconfigure a Clevercast account."""

    _clevercast_data: dict[str, Any]

    async def _clevercast_validate(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """Check the user and its API permission; return the entry data."""
        entry_data: dict[str, Any] = {
            CONF_PROVIDER: Provider.CLEVERCAST.value,
            CONF_EMAIL: str(data[CONF_EMAIL]).strip(),
            CONF_PASSWORD: str(data[CONF_PASSWORD]),
        }
        entry_data.update(api_address(data))
        try:
            await create_client(self.hass, entry_data).validate()
        except ClevercastAuthenticationError as err:
            raise FormError("invalid_auth") from err
        except ClevercastPermissionError as err:
            raise FormError("no_api_access") from err
        except ClevercastError as err:
            raise FormError("cannot_connect") from err
        return entry_data

    async def _clevercast_try(
        self, data: Mapping[str, Any], errors: dict[str, str]
    ) -> dict[str, Any] | None:
        return await validate_into(errors, self._clevercast_validate(data), "a Clevercast user")

    def _clevercast_schema(self, defaults: Mapping[str, Any]) -> vol.Schema:
        fields: dict[Any, Any] = {
            vol.Required(CONF_EMAIL, default=defaults.get(CONF_EMAIL, "")): _EMAIL_SELECTOR,
            vol.Required(CONF_PASSWORD): _PASSWORD_SELECTOR,
        }
        return with_api_address(fields, defaults=defaults)

    async def async_step_clevercast(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the e-mail and password of a user with the "Access API" permission."""
        errors: dict[str, str] = {}
        if user_input is not None:
            data = await self._clevercast_try(user_input, errors)
            if data is not None:
                await self.async_set_unique_id(data[CONF_EMAIL].casefold())
                self._abort_if_unique_id_configured()
                self._clevercast_data = {**data, CONF_WEBHOOK_ID: webhook.async_generate_id()}
                return await self.async_step_clevercast_urls()
        return self.async_show_form(
            step_id="clevercast",
            data_schema=self._clevercast_schema(user_input or {}),
            errors=errors,
        )

    async def async_step_clevercast_urls(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show the hook URLs to paste into Clevercast, then add the account."""
        data = self._clevercast_data
        if user_input is not None:
            return self.async_create_entry(title=f"Clevercast {data[CONF_EMAIL]}", data=data)
        return self.async_show_form(
            step_id="clevercast_urls",
            data_schema=vol.Schema({}),
            description_placeholders=await async_hook_urls(self.hass, data[CONF_WEBHOOK_ID]),
        )

    async def async_step_clevercast_reauth_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the user's new password."""
        entry = self._get_reauth_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            data = await self._clevercast_try({**entry.data, **user_input}, errors)
            if data is not None:
                return self.async_update_reload_and_abort(
                    entry, data=replaced_entry_data(entry.data, data)
                )
        return self.async_show_form(
            step_id="clevercast_reauth_confirm",
            data_schema=vol.Schema({vol.Required(CONF_PASSWORD): _PASSWORD_SELECTOR}),
            description_placeholders={"email": entry.data[CONF_EMAIL]},
            errors=errors,
        )

    async def async_step_clevercast_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change the password or (under Advanced options) the API address of the same user."""
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            data = await self._clevercast_try({**entry.data, **user_input}, errors)
            if data is not None:
                await self.async_set_unique_id(data[CONF_EMAIL].casefold())
                self._abort_if_unique_id_mismatch(reason="wrong_account")
                return self.async_update_reload_and_abort(
                    entry, data=replaced_entry_data(entry.data, data)
                )
        return self.async_show_form(
            step_id="clevercast_reconfigure",
            data_schema=self._clevercast_schema(entry.data),
            errors=errors,
        )


class ClevercastOptionsFlow(OptionsFlow):
    """Shows the account's hook URLs again (Clevercast has nothing else to choose)."""

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Go to the URL step (its own step id, so its texts are Clevercast's)."""
        return await self.async_step_clevercast_hook_urls(user_input)

    async def async_step_clevercast_hook_urls(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show the three URLs; submitting keeps the options as they are."""
        if user_input is not None:
            return self.async_create_entry(data=dict(self.config_entry.options))
        return self.async_show_form(
            step_id="clevercast_hook_urls",
            data_schema=vol.Schema({}),
            description_placeholders=await async_hook_urls(
                self.hass, self.config_entry.data[CONF_WEBHOOK_ID]
            ),
        )


def options_flow_for(entry: ConfigEntry[Any]) -> OptionsFlow:
    """The options flow of a Clevercast entry."""
    return ClevercastOptionsFlow()
