"""Exactly once through SIGKILL: a real Home Assistant killed while deliveries stream in.

A few hundred distinct api.video and ContentGroove deliveries, three kills at random moments;
after each restart every delivery so far is sent again, as the vendors retry. No delivery fires
twice, and each one answered 200 before a kill fired exactly once. (A delivery not yet answered
may lose its event if the kill lands between its key's write and the event: the window the
README names; the report counts those.) The full-size run is ``bench/test_crash_durability.py``.
"""

from __future__ import annotations

from pathlib import Path
import sys

import pytest

from .crashloop import run_crash_loop
from .ports import free_port

pytestmark = pytest.mark.e2e


def test_no_delivery_fires_twice_or_never_through_three_kills(
    socket_enabled: None, tmp_path: Path
) -> None:
    report = run_crash_loop(
        Path(sys.executable).parent.parent,
        tmp_path,
        free_port(),
        deliveries=400,
        kills=3,
        rate=100.0,
    )
    assert len(report.kills) == 3
    assert report.acked_before_kill > 0  # the kills did land mid-stream
    assert report.fired_again == 0
    assert report.lost_acked == 0
