"""The deprecation guard catches a deprecated call planted in the integration's own code.

The planted code is compiled with a file name inside ``custom_components/video_pipeline``, so
Home Assistant's frame helper attributes the call to our integration exactly as it would for a
real module of ours. Each test then clears the guard, or it would (rightly) fail this test too.
"""

from __future__ import annotations

import logging
from pathlib import Path

from homeassistant.core import HomeAssistant
from homeassistant.helpers.deprecation import deprecated_function
from homeassistant.helpers.frame import report_usage
import pytest

from tests.deprecation_guard import DeprecationGuard

PLANTED_FILE = str(
    Path(__file__).parents[1] / "custom_components" / "video_pipeline" / "planted_deprecation.py"
)


@deprecated_function("the current way", breaks_in_ha_version="2099.1")
def old_way() -> None:
    """A function HA's deprecation helper announces as going away."""


def run_as_integration_code(source: str) -> None:
    """Run ``source`` as if it were a line of the integration's own code."""
    code = compile(source, PLANTED_FILE, "exec")
    exec(code, {"old_way": old_way, "report_usage": report_usage})  # noqa: S102  # the plant


async def test_guard_catches_a_deprecated_function_call(
    hass: HomeAssistant, deprecation_guard: DeprecationGuard
) -> None:
    run_as_integration_code("old_way()")
    with pytest.raises(pytest.fail.Exception, match="old_way was called from video_pipeline"):
        deprecation_guard.check()
    deprecation_guard.clear()


async def test_guard_catches_a_frame_helper_report(
    hass: HomeAssistant, deprecation_guard: DeprecationGuard
) -> None:
    run_as_integration_code('report_usage("uses a planted API", breaks_in_ha_version="2099.1")')
    with pytest.raises(
        pytest.fail.Exception,
        match="Detected that custom integration 'video_pipeline' uses a planted API",
    ):
        deprecation_guard.check()
    deprecation_guard.clear()


async def test_guard_ignores_other_code_and_quiet_tests(
    hass: HomeAssistant, deprecation_guard: DeprecationGuard
) -> None:
    logging.getLogger("homeassistant.helpers.frame").warning(
        "Detected that custom integration 'other_integration' uses an old API"
    )
    old_way()  # called from the test itself, not from the integration
    deprecation_guard.check()
