"""Config flow: a menu of the services the integration connects, one step family per provider."""

from __future__ import annotations

from homeassistant.config_entries import ConfigFlow, ConfigFlowResult

from .const import DOMAIN, Provider


class VideoPipelineConfigFlow(ConfigFlow, domain=DOMAIN):
    """Add a CaptureCast unit or a video platform account."""

    VERSION = 1

    async def async_step_user(
        self, user_input: dict[str, object] | None = None
    ) -> ConfigFlowResult:
        """Let the user pick what to connect."""
        return self.async_show_menu(step_id="user", menu_options=[Provider.CAPTURECAST.value])
