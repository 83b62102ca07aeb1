"""Registers the integration's actions once, in ``async_setup``; each provider adds its own."""

from __future__ import annotations

from homeassistant.core import HomeAssistant, callback

from .apivideo.services import async_register_services as register_api_video
from .capturecast.services import async_register_services as register_capturecast
from .clevercast.services import async_register_services as register_clevercast
from .cognitive3d.services import async_register_services as register_cognitive3d
from .contentgroove.services import async_register_services as register_contentgroove


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register every provider's actions."""
    register_capturecast(hass)
    register_api_video(hass)
    register_contentgroove(hass)
    register_clevercast(hass)
    register_cognitive3d(hass)
