"""The capture schedule calendar in Home Assistant's Calendar panel, in headless Chromium.

Uses the fixtures of conftest.py (a real Home Assistant process, the simulators, a page).
Two captures are scheduled through the calendar's create_event action, as the panel's "Add event"
dialog does; the panel's list view, with one capture opened, is photographed to
$VP_SCREENSHOTS/calendar.png (the README's image).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from playwright import async_api as playwright  # installed in the develop env only
import pytest

from .harness import ENTRY_FORMS, REPORT, HomeAssistantProcess, screenshot_dir, wait_for_state

pytestmark = pytest.mark.e2e
CALENDAR = "calendar.lecture_hall_101_capture_schedule"
CAPTURES = (
    ("Physics 101", 1, "Lecture (camera + slides)"),
    ("Chemistry seminar", 3, "Panel discussion"),
)


async def test_calendar_view_with_two_scheduled_captures(
    home_assistant: HomeAssistantProcess,
    simulators: dict[str, dict[str, Any]],
    page: playwright.Page,
    tmp_path: Path,
) -> None:
    ha = home_assistant
    shots = screenshot_dir(tmp_path)
    unit = simulators["Lecture Hall 101"]
    menu_option, form = ENTRY_FORMS[unit["service"]]
    assert ha.add_entry(menu_option, form(unit)).get("type") == "create_entry"
    await wait_for_state(ha, CALENDAR, "off")

    hour = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    for title, hours_ahead, template in CAPTURES:
        start = hour + timedelta(hours=hours_ahead)
        ha._call(  # the harness's authenticated REST call
            "POST",
            "/api/services/calendar/create_event",
            {
                "entity_id": CALENDAR,
                "summary": title,
                "description": template,
                "start_date_time": start.isoformat(),
                "end_date_time": (start + timedelta(minutes=75)).isoformat(),
            },
        )
    calendar = next(s for s in ha.states() if s["entity_id"] == CALENDAR)
    assert calendar["attributes"]["message"] == "Physics 101"

    await page.goto(ha.url)
    await page.get_by_label("Username").fill(ha.username)
    await page.get_by_label("Password", exact=True).fill(ha.password)
    await page.get_by_role("button", name="Log in").click()
    await page.locator("ha-sidebar").wait_for(timeout=30000)
    await page.goto(f"{ha.url}/calendar")
    # The list view shows each capture's whole title, time and template.
    await page.get_by_role("button", name="List").click(timeout=30000)
    for title, _, _ in CAPTURES:
        await page.get_by_text(title).first.wait_for(timeout=30000)
    # One capture opened: its template is the description, the unit the location.
    await page.get_by_text("Physics 101").first.click()
    await page.get_by_text("Lecture (camera + slides)").first.wait_for(timeout=30000)
    await page.wait_for_timeout(1000)  # let the dialog settle for the screenshot
    await page.screenshot(path=str(shots / "calendar.png"))
    assert (shots / "calendar.png").stat().st_size > 10_000

    reports = [line for line in ha.log_path.read_text().splitlines() if REPORT.search(line)]
    assert not reports, reports
