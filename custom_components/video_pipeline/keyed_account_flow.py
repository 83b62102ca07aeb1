"""Config flow steps shared by accounts known only by their API key (api.video, ContentGroove).

Neither vendor tells a key which account it belongs to, so the entry's unique id is a
fingerprint of the key, and a new key moves the unique id with it. Each provider supplies
how to check a key (``validate``) and how to fingerprint the result.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from homeassistant.config_entries import ConfigEntry, ConfigFlow, ConfigFlowResult
import voluptuous as vol

from .flow_helpers import replaced_entry_data

type Validate = Callable[[Mapping[str, Any], dict[str, str]], Awaitable[dict[str, Any] | None]]
type Fingerprint = Callable[[Mapping[str, Any]], str]


class KeyedAccountFlow(ConfigFlow):
    """Re-authenticate or reconfigure an account whose unique id follows its key."""

    async def _async_keyed_account_step(
        self,
        *,
        step_id: str,
        entry: ConfigEntry[Any],
        user_input: Mapping[str, Any] | None,
        schema: vol.Schema,
        validate: Validate,
        fingerprint: Fingerprint,
        placeholders: Mapping[str, str] | None = None,
    ) -> ConfigFlowResult:
        """Show ``schema``; on valid input store it in ``entry`` and reload it."""
        errors: dict[str, str] = {}
        if user_input is not None:
            data = await validate({**entry.data, **user_input}, errors)
            if data is not None:
                return self._async_update_keyed_account(entry, data, fingerprint(data))
        return self.async_show_form(
            step_id=step_id,
            data_schema=schema,
            description_placeholders=dict(placeholders) if placeholders else None,
            errors=errors,
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
