"""A stand-in for ``asyncio.sleep`` that records the delays asked for and returns at once.

Clients and simulators take their sleep function as a parameter, so retry and backoff tests
check the delays without waiting for them.
"""

from __future__ import annotations


class Sleeps:
    """Records requested delays instead of sleeping."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)
