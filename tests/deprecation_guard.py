"""Fail every test during which Home Assistant reports our integration for deprecated use.

Home Assistant announces a coming break in two ways, both as log records:
- the frame helper (``report_usage``): "Detected that custom integration 'video_pipeline' ...";
- the deprecation helpers (functions, constants, properties): "The deprecated function x was
  called from video_pipeline ...".
Each report is a break in a later release, so the guard turns it into a test failure the day a
release starts reporting it. The frame helper reports each usage once per process; the guard
forgets those reports before each test, so every test that makes one fails, not only the first.
"""

from __future__ import annotations

from collections.abc import Generator
import logging
import re

from homeassistant.helpers import frame
import pytest

from custom_components.video_pipeline.const import DOMAIN

# Both helpers name the integration the same way whatever the deprecated thing is.
REPORT = re.compile(rf"integration '{DOMAIN}'|\bfrom {DOMAIN}\b")


class DeprecationGuard(logging.Handler):
    """Collects the records in which HA reports our integration."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.reports: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep a record that reports us (rendered, so the message names what was used)."""
        message = record.getMessage()
        if REPORT.search(message):
            self.reports.append(f"{record.name}: {message}")

    def check(self) -> None:
        """Fail the running test when HA reported us, naming each report."""
        if self.reports:
            found = "\n".join(self.reports)
            pytest.fail(f"Home Assistant reported deprecated use by {DOMAIN}:\n{found}")

    def clear(self) -> None:
        """Forget the reports so far (the guard's own test plants one on purpose)."""
        self.reports.clear()


@pytest.fixture(autouse=True)
def deprecation_guard() -> Generator[DeprecationGuard]:
    """Watch the whole test, set-up and tear-down of other fixtures included."""
    guard = DeprecationGuard()
    frame._REPORTED_INTEGRATIONS.clear()  # HA reports each usage once per process
    root = logging.getLogger()
    root.addHandler(guard)
    try:
        yield guard
    finally:
        root.removeHandler(guard)
    guard.check()
