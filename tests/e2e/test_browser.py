"""A real Home Assistant process and its web UI in headless Chromium, against the simulator.

Runs from scripts/test in the develop environment (Home Assistant, its frontend, Playwright) with
Debian's chromium. Writes screenshots of the device page and the example dashboard to
$VP_SCREENSHOTS (the README's images come from there) or to the test's temp dir.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
import json
import os
from pathlib import Path
import socket
import subprocess
import sys
import time

import pytest

ROOT = Path(__file__).parents[2]
sys.path.insert(0, str(ROOT / "scripts" / "lib"))

from ha_runner import HomeAssistantProcess  # noqa: E402 - the harness lives with the scripts
from playwright import async_api as playwright  # noqa: E402 - installed in the develop env only

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def unit_url(socket_enabled: None) -> Iterator[str]:
    """One simulated unit in its own process."""
    process = subprocess.Popen(  # noqa: S603 - our own simulator, fixed arguments
        [sys.executable, "-m", "simulator", "--capturecast", "1", "--base-port", str(free_port())],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert process.stdout is not None
    yield str(json.loads(process.stdout.readline())["url"])
    process.terminate()
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
    async with playwright.async_playwright() as driver:
        browser = await driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield await browser.new_page(viewport={"width": 1400, "height": 1000})
        await browser.close()


def screenshot_dir(tmp_path: Path) -> Path:
    target = Path(os.environ.get("VP_SCREENSHOTS", tmp_path))
    target.mkdir(parents=True, exist_ok=True)
    return target


async def wait_for_state(ha: HomeAssistantProcess, entity_id: str, expected: str) -> None:
    deadline = time.monotonic() + 20
    while ha.state(entity_id) != expected:
        assert time.monotonic() < deadline, f"{entity_id} never became {expected}"
        await asyncio.sleep(0.2)


async def test_add_a_unit_and_record_from_the_ui(
    home_assistant: HomeAssistantProcess,
    unit_url: str,
    page: playwright.Page,
    tmp_path: Path,
) -> None:
    ha = home_assistant
    shots = screenshot_dir(tmp_path)

    # Log in as a person would.
    await page.goto(ha.url)
    await page.get_by_label("Username").fill(ha.username)
    await page.get_by_label("Password", exact=True).fill(ha.password)
    await page.get_by_role("button", name="Log in").click()
    await page.wait_for_url("**/lovelace/**", timeout=30000)

    # Add the unit through the integration's config flow dialog.
    await page.goto(f"{ha.url}/config/integrations/dashboard/add?domain=video_pipeline")
    await page.get_by_role("button", name="OK").click(timeout=30000)
    await page.get_by_text("CaptureCast unit").click(timeout=30000)
    await page.get_by_label("Host").fill(unit_url)
    await page.get_by_label("Username").fill("admin")
    await page.keyboard.press("Tab")  # into the password field
    await page.keyboard.type("admin")
    await page.get_by_role("button", name="Submit").click()
    await page.get_by_text("Created configuration for Lecture Hall 101").wait_for(timeout=30000)
    await page.get_by_role("button", name="Finish").click()

    # The device page, and a capture started from its Recording switch.
    await wait_for_state(ha, "switch.lecture_hall_101_recording", "off")
    device_id = ha.render("{{ device_id('switch.lecture_hall_101_recording') }}")
    await page.goto(f"{ha.url}/config/devices/device/{device_id}")
    await page.get_by_text("Capture state").wait_for(timeout=30000)
    await page.get_by_role("switch", name="Recording").first.click()
    await wait_for_state(ha, "switch.lecture_hall_101_recording", "on")
    await wait_for_state(ha, "sensor.lecture_hall_101_capture_state", "recording")
    await page.get_by_text("Recording", exact=True).first.wait_for()
    await page.screenshot(path=str(shots / "device-page.png"))

    # The example dashboard renders with the unit's live state.
    await page.goto(f"{ha.url}/video-pipeline/capture-fleet")
    await page.get_by_text("Lecture Hall 101").first.wait_for(timeout=30000)
    await page.wait_for_timeout(2000)  # let the preview image load for the screenshot
    await page.screenshot(path=str(shots / "dashboard.png"), full_page=True)
    assert (shots / "device-page.png").stat().st_size > 10_000
