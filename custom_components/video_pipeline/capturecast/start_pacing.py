"""Spread the starts of the CaptureCast units Home Assistant sets up as it starts.

Without it every unit's first request is made in the same loop step: with 200 units that step
alone kept the event loop busy for about a second (see bench/RESULTS.md). While Home Assistant
is starting, each unit waits for its turn, ``START_SPACING`` after the previous one's; once it
runs, a unit added or reloaded starts at once (units then come one at a time).
"""

from __future__ import annotations

import asyncio
from typing import Final

from homeassistant.core import CoreState, HomeAssistant
from homeassistant.util.hass_dict import HassKey

# 200 units start over 2 s; every entity still shows within seconds (target: 30 s).
START_SPACING: Final = 0.01


class StartPacer:
    """Hands out start times at least ``START_SPACING`` apart, in the order units ask."""

    __slots__ = ("_next_turn",)

    def __init__(self) -> None:
        self._next_turn = 0.0

    async def async_wait_turn(self, hass: HomeAssistant) -> None:
        """Return when this unit may start."""
        if hass.state is CoreState.running:
            return
        now = hass.loop.time()
        turn = max(now, self._next_turn)
        self._next_turn = turn + START_SPACING
        if turn > now:
            await asyncio.sleep(turn - now)


PACER: Final[HassKey[StartPacer]] = HassKey("video_pipeline_capturecast_start_pacer")


def start_pacer(hass: HomeAssistant) -> StartPacer:
    """The pacer all of this Home Assistant's units share."""
    if (pacer := hass.data.get(PACER)) is None:
        pacer = hass.data[PACER] = StartPacer()
    return pacer
