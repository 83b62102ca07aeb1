"""Config flow steps for a Cognitive3D organization (mixed into the integration's flow)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.config_entries import (
    ConfigEntry,
    ConfigFlow,
    ConfigFlowResult,
    OptionsFlow,
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

from ..clients.cognitive3d import (
    Cognitive3DAuthenticationError,
    Cognitive3DError,
    Cognitive3DNotFoundError,
    Organization,
)
from ..compat import ReloadingOptionsFlow
from ..const import CONF_PROVIDER, Provider
from ..flow_helpers import (
    FormError,
    api_address,
    replaced_entry_data,
    validate_into,
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

_KEY_SELECTOR = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))


def _parse_org_id(raw: object) -> int | None:
    text = str(raw or "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise FormError("invalid_organization_id")
    return int(text)


class Cognitive3DFlowMixin(ConfigFlow):
    """Steps that add, re-authenticate and reconfigure a Cognitive3D organization."""

    async def _cognitive3d_validate(
        self, data: Mapping[str, Any]
    ) -> tuple[Organization, dict[str, Any]]:
        """Check the key against the API; return the organization and the entry data."""
        client = create_client(self.hass, with_flat_address(data))
        try:
            org_id = _parse_org_id(data.get(CONF_ORGANIZATION_ID))
            if org_id is None:
                org_id = await client.discover_organization_id()
                if org_id is None:
                    raise FormError("organization_id_required")
            organization = await client.get_organization(org_id)
        except Cognitive3DAuthenticationError as err:
            raise FormError("invalid_auth") from err
        except Cognitive3DNotFoundError as err:
            raise FormError("invalid_organization_id") from err
        except Cognitive3DError as err:
            raise FormError("cannot_connect") from err
        entry_data = {
            CONF_PROVIDER: Provider.COGNITIVE3D.value,
            CONF_API_KEY: str(data[CONF_API_KEY]).strip(),
            CONF_ORGANIZATION_ID: organization.id or org_id,
        }
        entry_data.update(api_address(data))
        return organization, entry_data

    async def _cognitive3d_try(
        self, data: Mapping[str, Any], errors: dict[str, str]
    ) -> tuple[Organization, dict[str, Any]] | None:
        return await validate_into(errors, self._cognitive3d_validate(data), "a Cognitive3D key")

    def _cognitive3d_schema(self, defaults: Mapping[str, Any], *, with_org: bool) -> vol.Schema:
        fields: dict[Any, Any] = {vol.Required(CONF_API_KEY): _KEY_SELECTOR}
        if with_org:
            fields[
                vol.Optional(
                    CONF_ORGANIZATION_ID,
                    description={"suggested_value": defaults.get(CONF_ORGANIZATION_ID)},
                )
            ] = str
        return with_api_address(fields, defaults=defaults)

    async def async_step_cognitive3d(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for an organization API key (and its id when it cannot be discovered)."""
        errors: dict[str, str] = {}
        if user_input is not None:
            result = await self._cognitive3d_try(user_input, errors)
            if result is not None:
                organization, data = result
                await self.async_set_unique_id(str(data[CONF_ORGANIZATION_ID]))
                self._abort_if_unique_id_configured()
                return self.async_create_entry(title=organization.name, data=data)
        return self.async_show_form(
            step_id="cognitive3d",
            data_schema=self._cognitive3d_schema(user_input or {}, with_org=True),
            errors=errors,
        )

    async def async_step_cognitive3d_reauth_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for a new key for the same organization."""
        entry = self._get_reauth_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            data = {**entry.data, CONF_API_KEY: user_input[CONF_API_KEY]}
            result = await self._cognitive3d_try(data, errors)
            if result is not None:
                return self.async_update_reload_and_abort(
                    entry, data=replaced_entry_data(entry.data, result[1])
                )
        return self.async_show_form(
            step_id="cognitive3d_reauth_confirm",
            data_schema=vol.Schema({vol.Required(CONF_API_KEY): _KEY_SELECTOR}),
            description_placeholders={"organization": entry.title},
            errors=errors,
        )

    async def async_step_cognitive3d_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change the key (or, under Advanced options, the API address) of an organization."""
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            data = {**entry.data, **user_input}
            result = await self._cognitive3d_try(data, errors)
            if result is not None:
                await self.async_set_unique_id(str(result[1][CONF_ORGANIZATION_ID]))
                self._abort_if_unique_id_mismatch(reason="wrong_organization")
                return self.async_update_reload_and_abort(
                    entry, data=replaced_entry_data(entry.data, result[1])
                )
        return self.async_show_form(
            step_id="cognitive3d_reconfigure",
            data_schema=self._cognitive3d_schema(entry.data, with_org=False),
            errors=errors,
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
