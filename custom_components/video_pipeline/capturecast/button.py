"""Maintenance buttons of a CaptureCast unit."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from homeassistant.components.button import ButtonDeviceClass, ButtonEntity, ButtonEntityDescription
from homeassistant.const import EntityCategory
from homeassistant.exceptions import HomeAssistantError

from ..clients.capturecast import CaptureCastClient
from ..const import DOMAIN
from ..providers import PlatformSetup, entities_platform
from .commands import run_unit_command
from .data import CaptureCastRuntimeData
from .entity import CaptureCastEntity


@dataclass(frozen=True, kw_only=True)
class CaptureCastButtonDescription(ButtonEntityDescription):
    """A button, what it does, and whether it would cut a running capture short."""

    press_fn: Callable[[CaptureCastClient], Awaitable[None]]
    interrupts_capture: bool = False
    changes_slow_state: bool = False


def _restart(
    key: str, press_fn: Callable[[CaptureCastClient], Awaitable[None]]
) -> CaptureCastButtonDescription:
    """A button that restarts (part of) the unit: hidden until enabled, refused mid-capture."""
    return CaptureCastButtonDescription(
        key=key,
        translation_key=f"capturecast_{key}",
        device_class=ButtonDeviceClass.RESTART,
        entity_category=EntityCategory.CONFIG,
        entity_registry_enabled_default=False,
        interrupts_capture=True,
        press_fn=press_fn,
    )


BUTTONS: tuple[CaptureCastButtonDescription, ...] = (
    _restart("reboot", lambda client: client.reboot()),
    _restart("restart_capturecast", lambda client: client.restart()),
    _restart("restart_media", lambda client: client.restart_media()),
    CaptureCastButtonDescription(
        key="redetect_devices",
        translation_key="capturecast_redetect_devices",
        entity_category=EntityCategory.CONFIG,
        changes_slow_state=True,
        press_fn=lambda client: client.redetect_devices(),
    ),
)


class CaptureCastButton(CaptureCastEntity, ButtonEntity):
    """Runs one maintenance command on the unit."""

    entity_description: CaptureCastButtonDescription

    async def async_press(self) -> None:
        """Run the command; refuse one that would end a running capture and lose it."""
        description = self.entity_description
        if description.interrupts_capture and self.coordinator.data.capture.is_capturing:
            raise HomeAssistantError(
                translation_domain=DOMAIN,
                translation_key="capturecast_capture_in_progress",
                translation_placeholders={"unit": self.coordinator.info.unit_name},
            )
        await run_unit_command(
            self.coordinator,
            description.press_fn(self.coordinator.client),
            slow_state_changed=description.changes_slow_state,
            control=True,
        )


# Add the unit's buttons.
async_setup_entry: PlatformSetup[CaptureCastRuntimeData] = entities_platform(
    lambda runtime: (CaptureCastButton(runtime.coordinator, d) for d in BUTTONS)
)
