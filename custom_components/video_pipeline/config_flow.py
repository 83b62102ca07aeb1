"""Config flow: a menu of the services the integration connects, one step family per provider.

Each provider contributes a mixin with its own steps (``<provider>``, ``<provider>_reauth_confirm``,
``<provider>_reconfigure``); this class adds the menu and routes re-authentication,
reconfiguration and options to the provider that owns the entry, through the tables at the end.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from homeassistant.config_entries import ConfigEntry, ConfigFlowResult, OptionsFlow
from homeassistant.core import callback

from .apivideo.config_flow import ApiVideoFlowMixin, options_flow_for as api_video_options
from .capturecast.config_flow import CaptureCastFlowMixin
from .clevercast.config_flow import ClevercastFlowMixin, options_flow_for as clevercast_options
from .cognitive3d.config_flow import Cognitive3DFlowMixin, options_flow_for as cognitive3d_options
from .const import DOMAIN, Provider
from .contentgroove.config_flow import ContentGrooveFlowMixin
from .providers import provider_of

# The menu, in the order users see it.
MENU: tuple[Provider, ...] = (
    Provider.CAPTURECAST,
    Provider.API_VIDEO,
    Provider.CONTENTGROOVE,
    Provider.CLEVERCAST,
    Provider.COGNITIVE3D,
)
OPTIONS_FLOWS = {
    Provider.API_VIDEO: api_video_options,
    Provider.CLEVERCAST: clevercast_options,
    Provider.COGNITIVE3D: cognitive3d_options,
}


class VideoPipelineConfigFlow(
    CaptureCastFlowMixin,
    ApiVideoFlowMixin,
    ContentGrooveFlowMixin,
    ClevercastFlowMixin,
    Cognitive3DFlowMixin,
    domain=DOMAIN,
):
    """Add a CaptureCast unit or a video platform account."""

    VERSION = 1

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Let the user pick what to connect."""
        return self.async_show_menu(step_id="user", menu_options=[p.value for p in MENU])

    async def async_step_reauth(self, entry_data: Mapping[str, Any]) -> ConfigFlowResult:
        """Re-authenticate through the owning provider's confirm step."""
        return await REAUTH_STEPS[provider_of(self._get_reauth_entry())](self)

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Reconfigure through the owning provider's step."""
        return await RECONFIGURE_STEPS[provider_of(self._get_reconfigure_entry())](self)

    @classmethod
    @callback
    def async_supports_options_flow(cls, config_entry: ConfigEntry[Any]) -> bool:
        """Only some providers have options."""
        return provider_of(config_entry) in OPTIONS_FLOWS

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: ConfigEntry[Any]) -> OptionsFlow:
        """The owning provider's options flow."""
        return OPTIONS_FLOWS[provider_of(config_entry)](config_entry)


type FlowStep = Callable[[VideoPipelineConfigFlow], Awaitable[ConfigFlowResult]]

# Each provider's own steps, by table: the entry's provider picks its step, no name is built.
REAUTH_STEPS: dict[Provider, FlowStep] = {
    Provider.CAPTURECAST: VideoPipelineConfigFlow.async_step_capturecast_reauth_confirm,
    Provider.API_VIDEO: VideoPipelineConfigFlow.async_step_api_video_reauth_confirm,
    Provider.CONTENTGROOVE: VideoPipelineConfigFlow.async_step_contentgroove_reauth_confirm,
    Provider.CLEVERCAST: VideoPipelineConfigFlow.async_step_clevercast_reauth_confirm,
    Provider.COGNITIVE3D: VideoPipelineConfigFlow.async_step_cognitive3d_reauth_confirm,
}
RECONFIGURE_STEPS: dict[Provider, FlowStep] = {
    Provider.CAPTURECAST: VideoPipelineConfigFlow.async_step_capturecast_reconfigure,
    Provider.API_VIDEO: VideoPipelineConfigFlow.async_step_api_video_reconfigure,
    Provider.CONTENTGROOVE: VideoPipelineConfigFlow.async_step_contentgroove_reconfigure,
    Provider.CLEVERCAST: VideoPipelineConfigFlow.async_step_clevercast_reconfigure,
    Provider.COGNITIVE3D: VideoPipelineConfigFlow.async_step_cognitive3d_reconfigure,
}
