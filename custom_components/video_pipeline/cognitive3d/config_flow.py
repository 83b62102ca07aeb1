"""Config flow steps for a Cognitive3D organization (mixed into the integration's flow)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from homeassistant.config_entries import ConfigEntry, ConfigFlowResult, OptionsFlow
from homeassistant.core import HomeAssistant
from homeassistant.helpers.selector import NumberSelector, NumberSelectorConfig, NumberSelectorMode
import voluptuous as vol

from ..clients.cognitive3d import (
    Cognitive3DAuthenticationError,
    Cognitive3DError,
    Cognitive3DNotFoundError,
    Organization,
)
from ..compat import ReloadingOptionsFlow
from ..const import CONF_PROVIDER, Provider
from ..flow_helpers import (
    SECRET_SELECTOR,
    FormError,
    ProviderFlow,
    api_address,
    form_errors_of,
    input_check,
    with_api_address,
    with_flat_address,
)
from .client_factory import create_client
from .const import (
    CONF_API_KEY,
    CONF_ORGANIZATION_ID,
    CONF_SCAN_INTERVAL_MINUTES,
    DEFAULT_SCAN_INTERVAL_MINUTES,
)

_REAUTH_SCHEMA: Final = vol.Schema({vol.Required(CONF_API_KEY): SECRET_SELECTOR})
_WHAT: Final = "a Cognitive3D key"
_FORM_ERRORS: Final = (
    (Cognitive3DAuthenticationError, "invalid_auth"),
    (Cognitive3DNotFoundError, "invalid_organization_id"),
    (Cognitive3DError, "cannot_connect"),
)


def _parse_org_id(raw: object) -> int | None:
    text = str(raw or "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise FormError("invalid_organization_id")
    return int(text)


async def _validate(
    hass: HomeAssistant, data: Mapping[str, Any]
) -> tuple[Organization, dict[str, Any]]:
    """Check the key against the API; return the organization and the entry data."""
    client = create_client(hass, with_flat_address(data))
    org_id = _parse_org_id(data.get(CONF_ORGANIZATION_ID))
    if org_id is None:
        org_id = await form_errors_of(client.discover_organization_id(), _FORM_ERRORS)
        if org_id is None:
            raise FormError("organization_id_required")
    organization = await form_errors_of(client.get_organization(org_id), _FORM_ERRORS)
    entry_data = {
        CONF_PROVIDER: Provider.COGNITIVE3D.value,
        CONF_API_KEY: str(data[CONF_API_KEY]).strip(),
        CONF_ORGANIZATION_ID: organization.id or org_id,
    }
    entry_data.update(api_address(data))
    return organization, entry_data


def _schema(defaults: Mapping[str, Any], *, with_org: bool) -> vol.Schema:
    fields: dict[Any, Any] = {vol.Required(CONF_API_KEY): SECRET_SELECTOR}
    if with_org:
        fields[
            vol.Optional(
                CONF_ORGANIZATION_ID,
                description={"suggested_value": defaults.get(CONF_ORGANIZATION_ID)},
            )
        ] = str
    return with_api_address(fields, defaults=defaults)


class Cognitive3DFlowMixin(ProviderFlow):
    """Steps that add, re-authenticate and reconfigure a Cognitive3D organization."""

    async def async_step_cognitive3d(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for an organization API key (and its id when it cannot be discovered)."""

        async def done(checked: tuple[Organization, dict[str, Any]]) -> ConfigFlowResult:
            organization, data = checked
            return await self._async_create_once(
                str(data[CONF_ORGANIZATION_ID]), organization.name, data
            )

        return await self._async_checked_form(
            "cognitive3d",
            _schema(user_input or {}, with_org=True),
            user_input,
            input_check(self.hass, _validate),
            done,
            what=_WHAT,
        )

    async def async_step_cognitive3d_reauth_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for a new key for the same organization."""
        entry = self._get_reauth_entry()

        async def done(checked: tuple[Organization, dict[str, Any]]) -> ConfigFlowResult:
            return await self._async_update_entry(entry, checked[1])

        return await self._async_checked_form(
            "cognitive3d_reauth_confirm",
            _REAUTH_SCHEMA,
            user_input,
            input_check(self.hass, _validate, entry.data),
            done,
            what=_WHAT,
            placeholders={"organization": entry.title},
        )

    async def async_step_cognitive3d_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change the key (or, under Advanced options, the API address) of an organization."""
        entry = self._get_reconfigure_entry()

        async def done(checked: tuple[Organization, dict[str, Any]]) -> ConfigFlowResult:
            data = checked[1]
            return await self._async_update_entry(
                entry,
                data,
                unique_id=str(data[CONF_ORGANIZATION_ID]),
                reason="wrong_organization",
            )

        return await self._async_checked_form(
            "cognitive3d_reconfigure",
            _schema(entry.data, with_org=False),
            user_input,
            input_check(self.hass, _validate, entry.data),
            done,
            what=_WHAT,
        )


class Cognitive3DOptionsFlow(ReloadingOptionsFlow):
    """How often to poll the organization."""

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Show the polling interval."""
        if user_input is not None:
            return self.async_create_entry(
                data={CONF_SCAN_INTERVAL_MINUTES: int(user_input[CONF_SCAN_INTERVAL_MINUTES])}
            )
        current = self.config_entry.options.get(
            CONF_SCAN_INTERVAL_MINUTES, DEFAULT_SCAN_INTERVAL_MINUTES
        )
        return self.async_show_form(
            step_id="init",
            data_schema=vol.Schema(
                {
                    vol.Required(CONF_SCAN_INTERVAL_MINUTES, default=current): NumberSelector(
                        NumberSelectorConfig(
                            min=5,
                            max=1440,
                            step=1,
                            mode=NumberSelectorMode.BOX,
                            unit_of_measurement="min",
                        )
                    )
                }
            ),
        )


def options_flow_for(entry: ConfigEntry[Any]) -> OptionsFlow:
    """The options flow of a Cognitive3D entry."""
    return Cognitive3DOptionsFlow()
