"""Fixtures of the real-process tests: the simulators, Home Assistant, a Chromium page."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
import os
from pathlib import Path
import signal
import sys
from typing import Any

from playwright import async_api as playwright  # installed in the develop env only
import pytest

from .harness import HomeAssistantProcess, start_simulators
from .ports import free_port, free_port_block

CHROMIUM = "/usr/bin/chromium"  # Debian's: browser downloads are not reachable here
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
UNITS = 3


@pytest.fixture
def simulators(socket_enabled: None, tmp_path: Path) -> Iterator[dict[str, dict[str, Any]]]:
    """Every simulated service scripts/develop runs (three units and four accounts), by name."""
    process, services = start_simulators(sys.executable, tmp_path, UNITS, free_port_block(8))
    try:
        yield {service["name"]: service for service in services}
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(10)


@pytest.fixture
def home_assistant(socket_enabled: None, tmp_path: Path) -> Iterator[HomeAssistantProcess]:
    """A fresh, onboarded Home Assistant with the integration and the example dashboard."""
    ha = HomeAssistantProcess(
        venv=Path(sys.executable).parent.parent, config_dir=tmp_path / "config", port=free_port()
    )
    ha.write_config()
    ha.start()
    try:
        ha.onboard()
        yield ha
    finally:
        ha.stop()


@pytest.fixture
async def page(socket_enabled: None) -> AsyncIterator[playwright.Page]:
    """A page in headless Chromium, large enough for the dashboard's columns."""
    async with playwright.async_playwright() as driver:
        browser = await driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield await browser.new_page(viewport={"width": 1400, "height": 1000})
        await browser.close()
