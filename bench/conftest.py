"""Benchmark fixtures: HA's test harness, sockets on loopback, and a results collector."""

from __future__ import annotations

from collections.abc import Generator
import json
import os
from pathlib import Path
from typing import Any

import pytest

pytest_plugins = ["tests.capturecast.fixtures", "tests.simulator_fixtures"]

RESULTS = Path(os.environ.get("VP_BENCH_RESULTS", Path(__file__).parent / ".last_run.json"))


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: Any) -> None:
    """Load the integration from custom_components/."""


@pytest.fixture(autouse=True)
def production_event_loop(hass: Any) -> None:
    """Run the loop as a real HA does: HA's test harness turns on asyncio debug mode, which
    records a stack trace for every callback and would dominate every measurement."""
    hass.loop.set_debug(False)


@pytest.fixture(scope="session")
def results() -> Generator[dict[str, Any]]:
    """Measurements collected by the benchmarks, written as JSON at the end."""
    collected: dict[str, Any] = {}
    yield collected
    RESULTS.write_text(json.dumps(collected, indent=2, default=str))


@pytest.fixture(autouse=True)
def dedupe_journal_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the webhook dedupe journals in the benchmark's temp dir (a real disk, real fsyncs)."""
    from custom_components.video_pipeline.webhooks import dedupe

    folder = tmp_path / "storage"
    monkeypatch.setattr(dedupe, "journal_dir", lambda hass: folder)
    return folder
