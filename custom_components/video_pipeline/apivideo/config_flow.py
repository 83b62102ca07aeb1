"""Config flow steps for an api.video account (mixed into the integration's flow)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.config_entries import ConfigEntry, ConfigFlowResult, OptionsFlow
from homeassistant.helpers.selector import (
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)
import voluptuous as vol

from ..clients.apivideo import ApiVideoAuthenticationError, ApiVideoError
from ..compat import ReloadingOptionsFlow
from ..const import CONF_PROVIDER, Provider
from ..flow_helpers import FormError, api_address, validate_into, with_api_address
from ..keyed_account_flow import KeyedAccountFlow
from ..webhooks.event_entity import entity_event_type
from .client_factory import account_fingerprint, create_client
from .const import (
    CONF_API_KEY,
    CONF_ENVIRONMENT,
    CONF_EVENTS,
    DEFAULT_EVENTS,
    ENVIRONMENTS,
)
from .subscription import wanted_events

# Selector options need slug values to be translatable; the entry stores api.video's names.
_EVENT_BY_OPTION = {entity_event_type(event): event for event in DEFAULT_EVENTS}

_KEY_SELECTOR = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))
_ENVIRONMENT_SELECTOR = SelectSelector(
    SelectSelectorConfig(
        options=list(ENVIRONMENTS),
        mode=SelectSelectorMode.LIST,
        translation_key="api_video_environment",
    )
)


class ApiVideoFlowMixin(KeyedAccountFlow):
    """Steps that add, re-authenticate and reconfigure an api.video account."""

    async def _api_video_validate(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """Check the key against the API; return the entry data."""
        entry_data: dict[str, Any] = {
            CONF_PROVIDER: Provider.API_VIDEO.value,
            CONF_API_KEY: str(data[CONF_API_KEY]).strip(),
            CONF_ENVIRONMENT: data.get(CONF_ENVIRONMENT, "production"),
        }
        entry_data.update(api_address(data))
        try:
            await create_client(self.hass, entry_data).validate()
        except ApiVideoAuthenticationError as err:
            raise FormError("invalid_api_key") from err
        except ApiVideoError as err:
            raise FormError("cannot_connect") from err
        return entry_data

    async def _api_video_try(
        self, data: Mapping[str, Any], errors: dict[str, str]
    ) -> dict[str, Any] | None:
        return await validate_into(errors, self._api_video_validate(data), "an api.video key")

    def _api_video_schema(self, defaults: Mapping[str, Any]) -> vol.Schema:
        fields: dict[Any, Any] = {
            vol.Required(CONF_API_KEY): _KEY_SELECTOR,
            vol.Required(
                CONF_ENVIRONMENT, default=defaults.get(CONF_ENVIRONMENT, "production")
            ): _ENVIRONMENT_SELECTOR,
        }
        return with_api_address(fields, defaults=defaults)

    async def async_step_api_video(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for an API key and its environment."""
        errors: dict[str, str] = {}
        if user_input is not None:
            data = await self._api_video_try(user_input, errors)
            if data is not None:
                await self.async_set_unique_id(account_fingerprint(data))
                self._abort_if_unique_id_configured()
                title = (
                    "api.video" if data[CONF_ENVIRONMENT] == "production" else "api.video sandbox"
                )
                return self.async_create_entry(title=title, data=data)
        return self.async_show_form(
            step_id="api_video",
            data_schema=self._api_video_schema(user_input or {}),
            errors=errors,
        )

    async def async_step_api_video_reauth_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for a new key of the same account and environment."""
        entry = self._get_reauth_entry()
        return await self._async_keyed_account_step(
            step_id="api_video_reauth_confirm",
            entry=entry,
            user_input=user_input,
            schema=vol.Schema({vol.Required(CONF_API_KEY): _KEY_SELECTOR}),
            validate=self._api_video_try,
            fingerprint=account_fingerprint,
            placeholders={"account": entry.title},
        )

    async def async_step_api_video_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change the key, environment or (under Advanced options) the API address."""
        entry = self._get_reconfigure_entry()
        return await self._async_keyed_account_step(
            step_id="api_video_reconfigure",
            entry=entry,
            user_input=user_input,
            schema=self._api_video_schema(entry.data),
            validate=self._api_video_try,
            fingerprint=account_fingerprint,
        )


class ApiVideoOptionsFlow(ReloadingOptionsFlow):
    """Which api.video events the account's webhook asks for."""

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Go to the event choice (its own step id, so its texts are api.video's)."""
        return await self.async_step_api_video_events(user_input)

    async def async_step_api_video_events(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show the six event types as a multiple choice."""
        errors: dict[str, str] = {}
        if user_input is not None:
            chosen = [_EVENT_BY_OPTION[option] for option in user_input.get(CONF_EVENTS) or ()]
            if chosen:
                return self.async_create_entry(data={CONF_EVENTS: chosen})
            errors[CONF_EVENTS] = "no_events"
        return self.async_show_form(
            step_id="api_video_events",
            data_schema=vol.Schema(
                {
                    vol.Required(
                        CONF_EVENTS,
                        default=[entity_event_type(e) for e in wanted_events(self.config_entry)],
                    ): SelectSelector(
                        SelectSelectorConfig(
                            options=list(_EVENT_BY_OPTION),
                            multiple=True,
                            mode=SelectSelectorMode.LIST,
                            translation_key="api_video_events",
                        )
                    )
                }
            ),
            errors=errors,
        )


def options_flow_for(entry: ConfigEntry[Any]) -> OptionsFlow:
    """The options flow of an api.video entry."""
    return ApiVideoOptionsFlow()
