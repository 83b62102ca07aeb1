"""Config flow steps for a Clevercast account (mixed into the integration's flow).

Clevercast's hooks cannot be set up through its API, so the last step shows the three URLs
to paste into Clevercast; the options flow shows them again whenever the user needs them.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any, Final

from homeassistant.components import webhook
from homeassistant.config_entries import ConfigEntry, ConfigFlowResult, OptionsFlow
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
    SECRET_SELECTOR,
    ProviderFlow,
    api_address,
    form_errors_of,
    input_check,
    with_api_address,
)
from ..webhooks import async_public_url, kind_webhook_id
from .client_factory import create_client
from .const import CONF_EMAIL, CONF_PASSWORD, HOOK_KINDS

_EMAIL_SELECTOR = TextSelector(TextSelectorConfig(type=TextSelectorType.EMAIL))
_WHAT: Final = "a Clevercast user"
_FORM_ERRORS: Final = (
    (ClevercastAuthenticationError, "invalid_auth"),
    (ClevercastPermissionError, "no_api_access"),
    (ClevercastError, "cannot_connect"),
)
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


async def _validate(hass: HomeAssistant, data: Mapping[str, Any]) -> dict[str, Any]:
    """Check the user and its API permission; return the entry data."""
    entry_data: dict[str, Any] = {
        CONF_PROVIDER: Provider.CLEVERCAST.value,
        CONF_EMAIL: str(data[CONF_EMAIL]).strip(),
        CONF_PASSWORD: str(data[CONF_PASSWORD]),
    }
    entry_data.update(api_address(data))
    await form_errors_of(create_client(hass, entry_data).validate(), _FORM_ERRORS)
    return entry_data


def _schema(defaults: Mapping[str, Any]) -> vol.Schema:
    fields: dict[Any, Any] = {
        vol.Required(CONF_EMAIL, default=defaults.get(CONF_EMAIL, "")): _EMAIL_SELECTOR,
        vol.Required(CONF_PASSWORD): SECRET_SELECTOR,
    }
    return with_api_address(fields, defaults=defaults)


class ClevercastFlowMixin(ProviderFlow):
    """Steps that add, re-authenticate and reconfigure a Clevercast account."""

    _clevercast_data: dict[str, Any]

    async def async_step_clevercast(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the e-mail and password of a user with the "Access API" permission."""

        async def done(data: dict[str, Any]) -> ConfigFlowResult:
            await self.async_set_unique_id(data[CONF_EMAIL].casefold())
            self._abort_if_unique_id_configured()
            self._clevercast_data = {**data, CONF_WEBHOOK_ID: webhook.async_generate_id()}
            return await self.async_step_clevercast_urls()

        return await self._async_checked_form(
            "clevercast",
            _schema(user_input or {}),
            user_input,
            input_check(self.hass, _validate),
            done,
            what=_WHAT,
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
        return await self._async_checked_form(
            "clevercast_reauth_confirm",
            vol.Schema({vol.Required(CONF_PASSWORD): SECRET_SELECTOR}),
            user_input,
            input_check(self.hass, _validate, entry.data),
            partial(self._async_update_entry, entry),
            what=_WHAT,
            placeholders={"email": entry.data[CONF_EMAIL]},
        )

    async def async_step_clevercast_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change the password or (under Advanced options) the API address of the same user."""
        entry = self._get_reconfigure_entry()

        async def done(data: dict[str, Any]) -> ConfigFlowResult:
            return await self._async_update_entry(
                entry, data, unique_id=data[CONF_EMAIL].casefold(), reason="wrong_account"
            )

        return await self._async_checked_form(
            "clevercast_reconfigure",
            _schema(entry.data),
            user_input,
            input_check(self.hass, _validate, entry.data),
            done,
            what=_WHAT,
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
