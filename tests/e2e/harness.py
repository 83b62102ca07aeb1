"""What the real-process tests share: the harness from scripts/lib and the browser helpers.

The harness (starting the simulators, a Home Assistant process, the account forms) lives with
the scripts, so ``scripts/develop`` and these tests drive Home Assistant the same way.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
import re
import sys
import time

ROOT = Path(__file__).parents[2]
sys.path.insert(0, str(ROOT / "scripts" / "lib"))

from develop import (  # noqa: E402 - the harness lives with the scripts
    ENTRY_FORMS,
    seed_api_video,
    start_simulators,
)
from ha_runner import HomeAssistantProcess  # noqa: E402 - the harness lives with the scripts

__all__ = [
    "ENTRY_FORMS",
    "REPORT",
    "ROOT",
    "HomeAssistantProcess",
    "screenshot_dir",
    "seed_api_video",
    "start_simulators",
    "wait_for_state",
]

# How Home Assistant names this integration when it reports a deprecated use.
REPORT = re.compile(r"integration 'video_pipeline'|\bfrom video_pipeline\b")


def screenshot_dir(tmp_path: Path) -> Path:
    """Where pictures go: $VP_SCREENSHOTS (the README's images) or the test's temp dir."""
    target = Path(os.environ.get("VP_SCREENSHOTS", tmp_path))
    target.mkdir(parents=True, exist_ok=True)
    return target


async def wait_for_state(ha: HomeAssistantProcess, entity_id: str, expected: str) -> None:
    """Wait up to 20 s for ``entity_id`` to show ``expected`` in the real process."""
    deadline = time.monotonic() + 20
    while ha.state(entity_id) != expected:
        assert time.monotonic() < deadline, f"{entity_id} never became {expected}"
        await asyncio.sleep(0.2)
