"""Switches of a CaptureCast unit: record and pause."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.components.switch import SwitchEntity, SwitchEntityDescription

from ..clients.capturecast import CaptureRequest, CaptureState
from ..providers import PlatformSetup, entities_platform
from .commands import run_unit_command
from .coordinator import CaptureCastData
from .data import CaptureCastRuntimeData
from .entity import CaptureCastEntity
from .templates import template_for_capture


async def _start(runtime: CaptureCastRuntimeData) -> None:
    template = template_for_capture(runtime)
    await runtime.client.start_capture(CaptureRequest(template_id=template.id))


async def _stop(runtime: CaptureCastRuntimeData) -> None:
    await runtime.client.stop_capture()


async def _pause(runtime: CaptureCastRuntimeData) -> None:
    await runtime.client.pause_capture()


async def _resume(runtime: CaptureCastRuntimeData) -> None:
    await runtime.client.resume_capture()


@dataclass(frozen=True, kw_only=True)
class CaptureCastSwitchDescription(SwitchEntityDescription):
    """A switch: its state, when it can be used, and what on and off do."""

    is_on_fn: Callable[[CaptureCastData], bool]
    available_fn: Callable[[CaptureCastData], bool] = lambda _: True
    turn_on_fn: Callable[[CaptureCastRuntimeData], Awaitable[None]]
    turn_off_fn: Callable[[CaptureCastRuntimeData], Awaitable[None]]


SWITCHES: tuple[CaptureCastSwitchDescription, ...] = (
    CaptureCastSwitchDescription(
        key="recording",
        translation_key="capturecast_recording",
        is_on_fn=lambda data: data.capture.is_capturing,
        turn_on_fn=_start,
        turn_off_fn=_stop,
    ),
    CaptureCastSwitchDescription(
        key="paused",
        translation_key="capturecast_paused",
        is_on_fn=lambda data: data.capture.state is CaptureState.PAUSED,
        available_fn=lambda data: data.capture.is_capturing,
        turn_on_fn=_pause,
        turn_off_fn=_resume,
    ),
)


class CaptureCastSwitch(CaptureCastEntity, SwitchEntity):
    """Controls the unit's capture."""

    entity_description: CaptureCastSwitchDescription

    def __init__(
        self, runtime: CaptureCastRuntimeData, description: CaptureCastSwitchDescription
    ) -> None:
        super().__init__(runtime.coordinator, description)
        self._runtime = runtime

    def _has_part(self, data: CaptureCastData) -> bool:
        """Whether the switch has something to act on (a capture to pause)."""
        return self.entity_description.available_fn(data)

    @property
    def is_on(self) -> bool:
        """State from the latest poll."""
        return self.entity_description.is_on_fn(self.coordinator.data)

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Start (or pause) the capture."""
        await run_unit_command(
            self.coordinator, self.entity_description.turn_on_fn(self._runtime), control=True
        )

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Stop (or resume) the capture."""
        await run_unit_command(
            self.coordinator, self.entity_description.turn_off_fn(self._runtime), control=True
        )


# Add the unit's switches.
async_setup_entry: PlatformSetup[CaptureCastRuntimeData] = entities_platform(
    lambda runtime: (CaptureCastSwitch(runtime, d) for d in SWITCHES)
)
