"""The simulators' shared serving pieces: the bounded record of exchanges."""

from __future__ import annotations

import aiohttp
import pytest

from simulator import server
from simulator.contentgroove import ContentGrooveSimulator


async def test_the_exchange_record_keeps_only_the_latest(
    socket_enabled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long-running simulator forgets its oldest exchanges instead of growing without end."""
    monkeypatch.setattr(server, "EXCHANGES_KEPT", 3)
    sim = ContentGrooveSimulator()
    await sim.start()
    try:
        async with aiohttp.ClientSession() as session:
            for number in range(5):
                async with session.get(f"{sim.base_url}/api/v1/media/missing-{number}") as answer:
                    await answer.read()
    finally:
        await sim.stop()
    assert [exchange.path for exchange in sim.exchanges] == [
        f"/api/v1/media/missing-{number}" for number in (2, 3, 4)
    ]
