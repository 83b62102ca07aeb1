"""Config flow steps for an api.video account (mixed into the integration's flow)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from homeassistant.config_entries import ConfigEntry, ConfigFlowResult, OptionsFlow
from homeassistant.core import HomeAssistant
from homeassistant.helpers.selector import SelectSelector, SelectSelectorConfig, SelectSelectorMode
import voluptuous as vol

from ..clients.apivideo import ApiVideoAuthenticationError, ApiVideoError
from ..compat import ReloadingOptionsFlow
from ..const import CONF_PROVIDER, Provider
from ..flow_helpers import SECRET_SELECTOR, api_address, form_errors_of, with_api_address
from ..keyed_account_flow import KeyedAccount, KeyedAccountFlow
from ..webhooks.event_entity import entity_event_type
from .client_factory import account_fingerprint, create_client
from .const import CONF_API_KEY, CONF_ENVIRONMENT, CONF_EVENTS, DEFAULT_EVENTS, ENVIRONMENTS
from .subscription import wanted_events

# Selector options need slug values to be translatable; the entry stores api.video's names.
_EVENT_BY_OPTION = {entity_event_type(event): event for event in DEFAULT_EVENTS}

_FORM_ERRORS: Final = (
    (ApiVideoAuthenticationError, "invalid_api_key"),
    (ApiVideoError, "cannot_connect"),
)
_ENVIRONMENT_SELECTOR = SelectSelector(
    SelectSelectorConfig(
        options=list(ENVIRONMENTS),
        mode=SelectSelectorMode.LIST,
        translation_key="api_video_environment",
    )
)


async def _validate(hass: HomeAssistant, data: Mapping[str, Any]) -> dict[str, Any]:
    """Check the key against the API; return the entry data."""
    entry_data: dict[str, Any] = {
        CONF_PROVIDER: Provider.API_VIDEO.value,
        CONF_API_KEY: str(data[CONF_API_KEY]).strip(),
        CONF_ENVIRONMENT: data.get(CONF_ENVIRONMENT, "production"),
    }
    entry_data.update(api_address(data))
    await form_errors_of(create_client(hass, entry_data).validate(), _FORM_ERRORS)
    return entry_data


def _schema(defaults: Mapping[str, Any]) -> vol.Schema:
    fields: dict[Any, Any] = {
        vol.Required(CONF_API_KEY): SECRET_SELECTOR,
        vol.Required(
            CONF_ENVIRONMENT, default=defaults.get(CONF_ENVIRONMENT, "production")
        ): _ENVIRONMENT_SELECTOR,
    }
    return with_api_address(fields, defaults=defaults)


def _title(data: Mapping[str, Any]) -> str:
    return "api.video" if data[CONF_ENVIRONMENT] == "production" else "api.video sandbox"


ACCOUNT: Final = KeyedAccount(
    user_step_id="api_video",
    reauth_step_id="api_video_reauth_confirm",
    reconfigure_step_id="api_video_reconfigure",
    schema=_schema,
    validate=_validate,
    fingerprint=account_fingerprint,
    title=_title,
    what="an api.video key",
)


class ApiVideoFlowMixin(KeyedAccountFlow):
    """Steps that add, re-authenticate and reconfigure an api.video account."""

    async def async_step_api_video(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for an API key and its environment."""
        return await self._async_keyed_user(ACCOUNT, user_input)

    async def async_step_api_video_reauth_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for a new key of the same account and environment."""
        return await self._async_keyed_reauth(ACCOUNT, user_input)

    async def async_step_api_video_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change the key, environment or (under Advanced options) the API address."""
        return await self._async_keyed_reconfigure(ACCOUNT, user_input)


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
