"""Config flow steps shared by accounts known only by their API key (api.video, ContentGroove).

Neither vendor tells a key which account it belongs to, so the entry's unique id is a
fingerprint of the key, and a new key moves the unique id with it. Each provider describes its
accounts in a ``KeyedAccount``: its step ids, its form, how to check a key and fingerprint it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from homeassistant.config_entries import ConfigEntry, ConfigFlowResult
from homeassistant.const import CONF_API_KEY
from homeassistant.core import HomeAssistant
import voluptuous as vol

from .flow_helpers import SECRET_SELECTOR, ProviderFlow, input_check, replaced_entry_data

# A new key of the same account is all re-authentication asks for.
_REAUTH_SCHEMA: Final = vol.Schema({vol.Required(CONF_API_KEY): SECRET_SELECTOR})

type Validate = Callable[[HomeAssistant, Mapping[str, Any]], Awaitable[dict[str, Any]]]
type Fingerprint = Callable[[Mapping[str, Any]], str]


@dataclass(frozen=True, slots=True)
class KeyedAccount:
    """One vendor's key-only accounts, as the shared steps need them."""

    user_step_id: str
    reauth_step_id: str
    reconfigure_step_id: str
    # The whole form (key, settings, API address), filled from an entry's or the input's data.
    schema: Callable[[Mapping[str, Any]], vol.Schema]
    # Checks the key against the API (a FormError says what is wrong); returns the entry data.
    validate: Validate
    fingerprint: Fingerprint
    # The new entry's title, from its data.
    title: Callable[[Mapping[str, Any]], str]
    # Names a key in the log when checking it fails unexpectedly.
    what: str


class KeyedAccountFlow(ProviderFlow):
    """Add, re-authenticate or reconfigure an account whose unique id follows its key."""

    async def _async_keyed_user(
        self, account: KeyedAccount, user_input: dict[str, Any] | None
    ) -> ConfigFlowResult:
        """Ask for a key (and the account's settings); add the account it belongs to."""

        async def done(data: dict[str, Any]) -> ConfigFlowResult:
            return await self._async_create_once(
                account.fingerprint(data), account.title(data), data
            )

        return await self._async_checked_form(
            account.user_step_id,
            account.schema(user_input or {}),
            user_input,
            input_check(self.hass, account.validate),
            done,
            what=account.what,
        )

    async def _async_keyed_reauth(
        self, account: KeyedAccount, user_input: dict[str, Any] | None
    ) -> ConfigFlowResult:
        """Ask for a new key of the same account; the other settings stay."""
        entry = self._get_reauth_entry()
        return await self._async_keyed_account_step(
            account.reauth_step_id,
            entry,
            user_input,
            _REAUTH_SCHEMA,
            account,
            placeholders={"account": entry.title},
        )

    async def _async_keyed_reconfigure(
        self, account: KeyedAccount, user_input: dict[str, Any] | None
    ) -> ConfigFlowResult:
        """Change anything the account's form holds."""
        entry = self._get_reconfigure_entry()
        return await self._async_keyed_account_step(
            account.reconfigure_step_id, entry, user_input, account.schema(entry.data), account
        )

    async def _async_keyed_account_step(
        self,
        step_id: str,
        entry: ConfigEntry[Any],
        user_input: Mapping[str, Any] | None,
        schema: vol.Schema,
        account: KeyedAccount,
        *,
        placeholders: Mapping[str, str] | None = None,
    ) -> ConfigFlowResult:
        """Show ``schema``; on valid input store it in ``entry`` and reload it."""

        async def done(data: dict[str, Any]) -> ConfigFlowResult:
            return self._async_update_keyed_account(entry, data, account.fingerprint(data))

        return await self._async_checked_form(
            step_id,
            schema,
            user_input,
            input_check(self.hass, account.validate, entry.data),
            done,
            what=account.what,
            placeholders=placeholders,
        )

    def _async_update_keyed_account(
        self, entry: ConfigEntry[Any], data: dict[str, Any], unique_id: str
    ) -> ConfigFlowResult:
        """Store the new key unless it is another entry's; the stored subscription stays.

        The subscription belongs to the account, whichever of its keys reads it.
        """
        if unique_id != entry.unique_id and any(
            other.unique_id == unique_id
            for other in self._async_current_entries(include_ignore=False)
        ):
            return self.async_abort(reason="already_configured")
        return self.async_update_reload_and_abort(
            entry, unique_id=unique_id, data=replaced_entry_data(entry.data, data)
        )
