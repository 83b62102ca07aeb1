"""Config flow steps for a ContentGroove account (mixed into the integration's flow)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.config_entries import ConfigFlowResult
from homeassistant.helpers.selector import TextSelector, TextSelectorConfig, TextSelectorType
import voluptuous as vol

from ..clients.contentgroove import ContentGrooveAuthenticationError, ContentGrooveError
from ..const import CONF_PROVIDER, Provider
from ..flow_helpers import FormError, api_address, validate_into, with_api_address
from ..keyed_account_flow import KeyedAccountFlow
from .client_factory import account_fingerprint, create_client
from .const import CONF_API_KEY

_KEY_SELECTOR = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))


class ContentGrooveFlowMixin(KeyedAccountFlow):
    """Steps that add, re-authenticate and reconfigure a ContentGroove account."""

    async def _contentgroove_validate(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """Check the key against the API; return the entry data."""
        entry_data: dict[str, Any] = {
            CONF_PROVIDER: Provider.CONTENTGROOVE.value,
            CONF_API_KEY: str(data[CONF_API_KEY]).strip(),
        }
        entry_data.update(api_address(data))
        try:
            await create_client(self.hass, entry_data).validate()
        except ContentGrooveAuthenticationError as err:
            raise FormError("invalid_api_key") from err
        except ContentGrooveError as err:
            raise FormError("cannot_connect") from err
        return entry_data

    async def _contentgroove_try(
        self, data: Mapping[str, Any], errors: dict[str, str]
    ) -> dict[str, Any] | None:
        return await validate_into(
            errors, self._contentgroove_validate(data), "a ContentGroove key"
        )

    def _contentgroove_schema(self, defaults: Mapping[str, Any]) -> vol.Schema:
        fields: dict[Any, Any] = {vol.Required(CONF_API_KEY): _KEY_SELECTOR}
        return with_api_address(fields, defaults=defaults)

    async def async_step_contentgroove(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the account's API key."""
        errors: dict[str, str] = {}
        if user_input is not None:
            data = await self._contentgroove_try(user_input, errors)
            if data is not None:
                await self.async_set_unique_id(account_fingerprint(data))
                self._abort_if_unique_id_configured()
                return self.async_create_entry(title="ContentGroove", data=data)
        return self.async_show_form(
            step_id="contentgroove",
            data_schema=self._contentgroove_schema(user_input or {}),
            errors=errors,
        )

    async def async_step_contentgroove_reauth_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for a new key of the same account."""
        entry = self._get_reauth_entry()
        return await self._async_keyed_account_step(
            step_id="contentgroove_reauth_confirm",
            entry=entry,
            user_input=user_input,
            schema=vol.Schema({vol.Required(CONF_API_KEY): _KEY_SELECTOR}),
            validate=self._contentgroove_try,
            fingerprint=account_fingerprint,
            placeholders={"account": entry.title},
        )

    async def async_step_contentgroove_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change the key or (under Advanced options) the API address."""
        entry = self._get_reconfigure_entry()
        return await self._async_keyed_account_step(
            step_id="contentgroove_reconfigure",
            entry=entry,
            user_input=user_input,
            schema=self._contentgroove_schema(entry.data),
            validate=self._contentgroove_try,
            fingerprint=account_fingerprint,
        )
