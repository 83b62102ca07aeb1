"""Exactly once through SIGKILL at full size, and what durability costs a delivery.

A real Home Assistant (the develop environment's, ``VP_DEVELOP_VENV``; scripts/bench sets it)
gets thousands of distinct api.video and ContentGroove deliveries at a steady rate and is killed
with SIGKILL at random moments; after each restart every delivery so far is sent again. The
bounded version of this runs in CI: ``tests/e2e/test_crash_dedupe.py``.
"""

from __future__ import annotations

import os
from pathlib import Path
import socket
from typing import Any

from tests.e2e.crashloop import run_crash_loop

DELIVERIES = 4000
KILLS = 5
RATE = 200.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_crash_durability(socket_enabled: None, tmp_path: Path, results: dict[str, Any]) -> None:
    venv = os.environ.get("VP_DEVELOP_VENV")
    assert venv, "set VP_DEVELOP_VENV to the develop environment (scripts/bench does)"
    report = run_crash_loop(
        Path(venv), tmp_path, free_port(), deliveries=DELIVERIES, kills=KILLS, rate=RATE, seed=11
    )
    latencies = sorted(report.latencies)
    results["crash"] = {
        "deliveries": report.deliveries,
        "rate": RATE,
        "kills_at_s": report.kills,
        "acked_before_kill": report.acked_before_kill,
        "fired_again": report.fired_again,
        "lost_acked": report.lost_acked,
        "lost_unacked": report.lost_unacked,
        "statuses": {str(k): v for k, v in sorted(report.statuses.items())},
        "p50_ms": latencies[len(latencies) // 2] * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99)] * 1000,
        "requests": len(latencies),
    }
    assert report.fired_again == 0
    assert report.lost_acked == 0
