"""Spread the starts of CaptureCast units set up together (at Home Assistant start, say).

Without it every unit's first request is made in the same loop step: with 200 units that step
alone kept the event loop busy for about a second (see bench/RESULTS.md). Each unit instead
waits for its turn, ``START_SPACING`` after the previous one's; a unit set up on its own starts
at once.
"""

from __future__ import annotations

import asyncio
from typing import Final

from homeassistant.core import HomeAssistant
from homeassistant.util.hass_dict import HassKey

# 200 units start over 4 s; every entity still shows within seconds (target: 30 s).
START_SPACING: Final = 0.02


class StartPacer:
    """Hands out start times at least ``START_SPACING`` apart, in the order units ask."""

    __slots__ = ("_next_turn",)

    def __init__(self) -> None:
        self._next_turn = 0.0

    async def async_wait_turn(self, hass: HomeAssistant) -> None:
        """Return when this unit may start."""
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
