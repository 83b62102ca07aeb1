"""Registers the integration's actions once, in ``async_setup``, from each provider's table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from homeassistant.core import HomeAssistant, callback

from .apivideo.services import ACTIONS as API_VIDEO_ACTIONS
from .capturecast.services import ACTIONS as CAPTURECAST_ACTIONS
from .clevercast.services import ACTIONS as CLEVERCAST_ACTIONS
from .cognitive3d.services import ACTIONS as COGNITIVE3D_ACTIONS
from .const import DOMAIN, Provider
from .contentgroove.services import ACTIONS as CONTENTGROOVE_ACTIONS
from .service_helpers import Action

# Each provider's actions by name.
ACTIONS: Final[Mapping[Provider, Mapping[str, Action]]] = {
    Provider.CAPTURECAST: CAPTURECAST_ACTIONS,
    Provider.API_VIDEO: API_VIDEO_ACTIONS,
    Provider.CONTENTGROOVE: CONTENTGROOVE_ACTIONS,
    Provider.CLEVERCAST: CLEVERCAST_ACTIONS,
    Provider.COGNITIVE3D: COGNITIVE3D_ACTIONS,
}


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register every provider's actions."""
    for actions in ACTIONS.values():
        for name, action in actions.items():
            hass.services.async_register(
                DOMAIN,
                name,
                action.handler,
                schema=action.schema,
                supports_response=action.response,
            )
