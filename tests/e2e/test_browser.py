"""A real Home Assistant process and its web UI in headless Chromium, against the simulator.

Runs from scripts/test in the develop environment (Home Assistant, its frontend, Playwright) with
Debian's chromium. Writes screenshots of the device page and the example dashboard to
$VP_SCREENSHOTS (the README's images come from there) or to the test's temp dir.
"""

from __future__ import annotations

from pathlib import Path
import re
from typing import Any

from playwright import async_api as playwright  # installed in the develop env only
import pytest
import yaml

from .harness import (
    ENTRY_FORMS,
    REPORT,
    ROOT,
    HomeAssistantProcess,
    screenshot_dir,
    seed_api_video,
    wait_for_state,
)

pytestmark = pytest.mark.e2e
# The button that closes a successful flow ("Finish"; "Skip and finish" from 2026).
FINISH = re.compile(r"^(Skip and finish|Finish)$")
# What the frontend writes on a card whose entity is missing (the wording changed over releases).
CARD_WARNING = re.compile(r"Entity not (found|available)")


def dashboard_entities() -> set[str]:
    """Every entity id the example dashboard names."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("entity", "entity_id") and isinstance(value, str):
                    found.add(value)
                elif key == "entity_id" and isinstance(value, list):
                    found.update(v for v in value if isinstance(v, str))
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(yaml.safe_load((ROOT / "examples" / "dashboard.yaml").read_text()))
    return found


async def test_add_a_unit_and_record_from_the_ui(
    home_assistant: HomeAssistantProcess,
    simulators: dict[str, dict[str, Any]],
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
    # The landing page differs between releases (/lovelace, or / from 2026); the sidebar is on both.
    await page.locator("ha-sidebar").wait_for(timeout=30000)

    # Add a unit through the integration's config flow dialog.
    unit = simulators["Lecture Hall 101"]
    await open_add_dialog(page, ha, "CaptureCast unit")
    await field(page, "host").fill(unit["url"])
    await field(page, "username").fill(unit["username"])
    await field(page, "password").fill(unit["password"])
    await page.get_by_role("button", name="Submit").click()
    await finish_flow(page, ha, "Lecture Hall 101")

    # Add the Cognitive3D organization: the API address waits in a collapsed section.
    organization = simulators["Training Lab"]
    await open_add_dialog(page, ha, "Cognitive3D organization")
    advanced = page.get_by_text("Advanced options", exact=True)
    await advanced.wait_for(timeout=30000)
    assert not await field(page, "base_url").is_visible()
    await page.get_by_text("Paste an organization API key").wait_for()  # the texts have loaded
    await page.screenshot(path=str(shots / "account-form.png"))
    await field(page, "api_key").fill(organization["api_key"])
    await advanced.click()
    await field(page, "base_url").fill(organization["url"])
    await page.get_by_role("button", name="Submit").click()
    await finish_flow(page, ha, "Training Lab")

    # The rest of what the example dashboard shows, added as scripts/develop adds it.
    for name, service in simulators.items():
        if name in ("Lecture Hall 101", "Training Lab"):
            continue
        if service["service"] == "api_video":
            seed_api_video(service)  # a live stream and three recorded videos, as develop has
        menu_option, form = ENTRY_FORMS[service["service"]]
        result = ha.add_entry(menu_option, form(service))
        assert result.get("type") == "create_entry", result

    # The device page, and a capture started from its Recording switch.
    await wait_for_state(ha, "switch.lecture_hall_101_recording", "off")
    device_id = ha.render("{{ device_id('switch.lecture_hall_101_recording') }}")
    await page.goto(f"{ha.url}/config/devices/device/{device_id}")
    await page.get_by_text("Capture state").wait_for(timeout=30000)
    # The frontend gives the row's switch no name of its own: take the innermost element that
    # holds both the "Recording" label and a switch, which is that entity's row.
    recording_row = (
        page.locator("*", has=page.get_by_text("Recording", exact=True))
        .filter(has=page.get_by_role("switch"))
        .last
    )
    # Its drawn thumb covers the input, which is what takes the click: click where it is.
    await recording_row.get_by_role("switch").click(force=True)
    await wait_for_state(ha, "switch.lecture_hall_101_recording", "on")
    await wait_for_state(ha, "sensor.lecture_hall_101_capture_state", "recording")
    await page.get_by_text("Recording", exact=True).first.wait_for()
    await page.screenshot(path=str(shots / "device-page.png"))

    # The example dashboard: every entity it names exists, and no card says otherwise.
    states = {state["entity_id"]: state["state"] for state in ha.states()}
    missing = sorted(dashboard_entities() - set(states))
    assert not missing, f"the example dashboard names entities that do not exist: {missing}"
    await page.goto(f"{ha.url}/video-pipeline/capture-fleet")
    for name in ("Lecture Hall 101", "Lecture Hall 102", "Lecture Hall 103", "Forklift Safety"):
        await page.get_by_text(name).first.wait_for(timeout=30000)
    await page.wait_for_timeout(2000)  # let the preview images load for the screenshot
    await page.screenshot(path=str(shots / "dashboard.png"), full_page=True)
    warnings = await page.get_by_text(CARD_WARNING).all_inner_texts()
    assert not warnings, f"dashboard cards warn: {warnings}"
    assert (shots / "device-page.png").stat().st_size > 10_000

    # The api.video account's recordings in HA's media browser, newest first.
    await page.goto(f"{ha.url}/media-browser/browser")
    browser = page.locator("ha-media-player-browse")  # not the sidebar's "Video Pipeline"
    for name in ("Video Pipeline", "api.video"):  # (each title also sits in a hidden tooltip)
        await browser.get_by_text(name, exact=True).filter(visible=True).first.click(timeout=30000)
    newest = browser.get_by_text("Physics 101, week 2", exact=True).filter(visible=True).first
    await newest.wait_for(timeout=30000)
    await page.wait_for_timeout(1000)  # let the thumbnails load for the screenshot
    await page.screenshot(path=str(shots / "media-browser.png"))
    # Newest first: each title's card stands left of the older ones.
    positions = []
    for title in ("Physics 101, week 2", "Physics 101, week 1", "Welcome to the studio"):
        card = browser.get_by_text(title, exact=True).filter(visible=True).first
        box = await card.bounding_box()
        assert box is not None, title
        positions.append(box["x"])
    assert positions == sorted(positions)

    # The real process reports deprecated use the way the test fixture does (tests/
    # deprecation_guard.py): in its log.
    reports = [line for line in ha.log_path.read_text().splitlines() if REPORT.search(line)]
    assert not reports, reports


async def finish_flow(page: playwright.Page, ha: HomeAssistantProcess, title: str) -> None:
    """Close the flow's last dialog (its devices' names and areas) and check the entry exists."""
    await page.get_by_role("button", name=FINISH).click(timeout=30000)
    assert title in {entry["title"] for entry in ha.entries()}


def field(page: playwright.Page, name: str) -> playwright.Locator:
    """A config flow form's input for the schema key ``name`` (the frontend names inputs so)."""
    return page.locator(f'input[name="{name}"]')


async def open_add_dialog(page: playwright.Page, ha: HomeAssistantProcess, choice: str) -> None:
    """Open the integration's "add" dialog and pick ``choice`` from its menu."""
    await page.goto(f"{ha.url}/config/integrations/dashboard/add?domain=video_pipeline")
    await page.get_by_role("button", name="OK").click(timeout=30000)
    await page.get_by_text(choice).click(timeout=30000)
