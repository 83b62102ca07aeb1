"""The example dashboard names only entities the integration creates."""

from __future__ import annotations

from pathlib import Path
import re

from homeassistant.util.yaml import load_yaml

ROOT = Path(__file__).parents[1]
TRANSLATIONS = ROOT / "custom_components" / "video_pipeline" / "translations" / "en.json"


def test_dashboard_is_a_sections_view_of_known_entities() -> None:
    view = load_yaml(ROOT / "examples" / "dashboard.yaml")
    assert isinstance(view, dict)
    assert view["type"] == "sections"
    text = (ROOT / "examples" / "dashboard.yaml").read_text()
    entity_ids = set(re.findall(r"\b(?:switch|sensor|select|camera|button)\.[a-z0-9_]+", text))
    assert entity_ids
    # Every object id ends with an entity name the integration translates (slugified).
    names = TRANSLATIONS.read_text()
    known_suffixes = {
        "recording",
        "paused",
        "capture_template",
        "capture_state",
        "capture_elapsed_time",
        "disk_free",
        "next_scheduled_capture",
        "preview",
        "sessions_in_the_last_24_hours",
        "sessions_in_the_last_7_days",
        "latest_session",
    }
    for entity_id in entity_ids:
        assert any(entity_id.endswith(f"_{suffix}") for suffix in known_suffixes), entity_id
    for suffix in ("Recording", "Capture template", "Sessions in the last 24 hours"):
        assert f'"name": "{suffix}"' in names
