"""Config flow steps for a ContentGroove account (mixed into the integration's flow)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from homeassistant.config_entries import ConfigFlowResult
from homeassistant.core import HomeAssistant
import voluptuous as vol

from ..clients.contentgroove import ContentGrooveAuthenticationError, ContentGrooveError
from ..const import CONF_PROVIDER, Provider
from ..flow_helpers import SECRET_SELECTOR, api_address, form_errors_of, with_api_address
from ..keyed_account_flow import KeyedAccount, KeyedAccountFlow
from .client_factory import account_fingerprint, create_client
from .const import CONF_API_KEY

_FORM_ERRORS: Final = (
    (ContentGrooveAuthenticationError, "invalid_api_key"),
    (ContentGrooveError, "cannot_connect"),
)


async def _validate(hass: HomeAssistant, data: Mapping[str, Any]) -> dict[str, Any]:
    """Check the key against the API; return the entry data."""
    entry_data: dict[str, Any] = {
        CONF_PROVIDER: Provider.CONTENTGROOVE.value,
        CONF_API_KEY: str(data[CONF_API_KEY]).strip(),
    }
    entry_data.update(api_address(data))
    await form_errors_of(create_client(hass, entry_data).validate(), _FORM_ERRORS)
    return entry_data


def _schema(defaults: Mapping[str, Any]) -> vol.Schema:
    return with_api_address({vol.Required(CONF_API_KEY): SECRET_SELECTOR}, defaults=defaults)


ACCOUNT: Final = KeyedAccount(
    user_step_id="contentgroove",
    reauth_step_id="contentgroove_reauth_confirm",
    reconfigure_step_id="contentgroove_reconfigure",
    schema=_schema,
    validate=_validate,
    fingerprint=account_fingerprint,
    title=lambda data: "ContentGroove",
    what="a ContentGroove key",
)


class ContentGrooveFlowMixin(KeyedAccountFlow):
    """Steps that add, re-authenticate and reconfigure a ContentGroove account."""

    async def async_step_contentgroove(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the account's API key."""
        return await self._async_keyed_user(ACCOUNT, user_input)

    async def async_step_contentgroove_reauth_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for a new key of the same account."""
        return await self._async_keyed_reauth(ACCOUNT, user_input)

    async def async_step_contentgroove_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change the key or (under Advanced options) the API address."""
        return await self._async_keyed_reconfigure(ACCOUNT, user_input)
