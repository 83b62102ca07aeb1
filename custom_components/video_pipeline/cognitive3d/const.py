"""Constants of the Cognitive3D provider."""

from __future__ import annotations

from typing import Final

CONF_API_KEY: Final = "api_key"
CONF_ORGANIZATION_ID: Final = "organization_id"
CONF_BASE_URL: Final = "base_url"
CONF_SCAN_INTERVAL_MINUTES: Final = "scan_interval_minutes"
# Sessions change over minutes, not seconds; a quarter of an hour keeps requests few.
DEFAULT_SCAN_INTERVAL_MINUTES: Final = 15
# A project with more scenes than this gets its per-scene sensors disabled by default.
MANY_SCENES: Final = 5
