"""Fixtures shared by the whole suite."""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from pytest_homeassistant_custom_component.syrupy import HomeAssistantSnapshotExtension
from syrupy.assertion import SnapshotAssertion

if TYPE_CHECKING:
    from tests.deprecation_guard import DeprecationGuard

pytest_plugins = [
    "tests.deprecation_guard",
    "tests.account_fixtures",
    "tests.capturecast.fixtures",
    "tests.simulator_fixtures",
]

# The browser tests need Playwright, which only the develop environment has; scripts/test runs
# them there, after the suite.
try:
    import playwright  # noqa: F401
except ImportError:
    collect_ignore = ["e2e"]


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(
    deprecation_guard: DeprecationGuard, enable_custom_integrations: Any
) -> Generator[None]:
    """Let Home Assistant load the integration from custom_components/ in every test.

    The deprecation guard comes first, so it also sees Home Assistant's start and stop.
    """
    return


@pytest.fixture(autouse=True)
def dedupe_journal_dir(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Keep the webhook dedupe journals in the test's temp dir, not in HA's test config dir."""
    from custom_components.video_pipeline.webhooks import dedupe

    folder = tmp_path / "storage"
    monkeypatch.setattr(dedupe, "journal_dir", lambda hass: folder)
    return folder


class StableSnapshotExtension(HomeAssistantSnapshotExtension):
    """Home Assistant's snapshot format, kept in ``snapshots/`` beside the tests on every version.

    Older test packages keep HA's serializer but syrupy's ``__snapshots__`` folder; one folder for
    all tested versions keeps one set of snapshots.
    """

    @classmethod
    def dirname(cls, *, test_location: Any) -> str:
        """The ``snapshots`` folder next to the test module."""
        return str(Path(test_location.filepath).parent / "snapshots")


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """The snapshot assertion, in the one folder every tested Home Assistant reads."""
    return snapshot.use_extension(StableSnapshotExtension)
