"""Every user-facing key the code uses has its text and icon (hassfest checks this in core)."""

from __future__ import annotations

import json
from pathlib import Path
import re

from homeassistant.util.yaml import load_yaml

from custom_components.video_pipeline.capturecast import (
    button,
    calendar,
    camera,
    select,
    sensor as capturecast_sensor,
    switch,
)
from custom_components.video_pipeline.cognitive3d import sensor as cognitive3d_sensor
from custom_components.video_pipeline.const import Provider

INTEGRATION = Path(__file__).parents[1] / "custom_components" / "video_pipeline"
EN = json.loads((INTEGRATION / "translations" / "en.json").read_text())
ICONS = json.loads((INTEGRATION / "icons.json").read_text())

# Keys of texts several providers share; every other key starts with its provider's prefix.
SHARED_KEYS = {
    "exceptions": {
        # service_helpers.py: finding the entry any provider's action is aimed at
        "target_missing",
        "device_not_found",
        "entry_not_found",
        "wrong_provider",
        "entry_not_loaded",
        # CaptureCast and Cognitive3D actions that take a time window
        "end_before_start",
        # api.video and ContentGroove actions that subscribe a webhook
        "no_public_url",
        # media_source.py and the CaptureCast and api.video media browsers
        "media_entry_unavailable",
        "media_not_found",
        "media_unavailable",
        "media_not_playable",
    },
    # webhooks/: every webhook provider's endpoint and delivery store
    "issues": {"no_public_url", "dedupe_store_unwritable"},
}
PREFIXES = tuple(f"{provider.value}_" for provider in Provider)
# Stands for the modules outside the provider packages (service_helpers, webhooks/, ...).
COMMON_CODE = "common code"


def test_entity_names_and_icons() -> None:
    platforms = {
        "sensor": [
            *capturecast_sensor.SENSORS,
            *cognitive3d_sensor.PROJECT_SENSORS,
            *cognitive3d_sensor.SCENE_SENSORS,
        ],
        "switch": list(switch.SWITCHES),
        "select": [select.TEMPLATE_SELECT],
        "button": list(button.BUTTONS),
        "camera": [camera.PREVIEW],
    }
    for platform, descriptions in platforms.items():
        for description in descriptions:
            key = description.translation_key
            assert key is not None, description.key
            assert "name" in EN["entity"][platform][key], (platform, key)
            # Buttons with a device class get their icon from it.
            if not (platform == "button" and description.device_class is not None):
                assert key in ICONS["entity"][platform], (platform, key)
    states = EN["entity"]["sensor"]["capturecast_capture_state"]["state"]
    assert set(states) == set(capturecast_sensor.SENSORS[0].options or [])


def test_services_are_translated() -> None:
    services = load_yaml(INTEGRATION / "services.yaml")
    assert isinstance(services, dict)
    assert set(services) == set(EN["services"]) == set(ICONS["services"])
    for name, spec in services.items():
        text = EN["services"][name]
        assert text["name"]
        assert text["description"]
        assert set(spec["fields"]) == set(text["fields"]), name


def test_every_raised_translation_key_exists() -> None:
    used: set[str] = set()
    for source in INTEGRATION.rglob("*.py"):
        used.update(re.findall(r'translation_key="([a-z0-9_]+)"', source.read_text()))
        used.update(re.findall(r'key = "([a-z0-9_]+)"', source.read_text()))
        used.update(re.findall(r'\binvalid\(\s*"([a-z0-9_]+)"', source.read_text()))
        used.update(re.findall(r'not_among\(\s*"([a-z0-9_]+)"', source.read_text()))
        used.update(re.findall(r'_error\("([a-z0-9_]+)"', source.read_text()))
    exceptions = set(EN["exceptions"])
    entity_keys = {key for platform in EN["entity"].values() for key in platform}
    selectors = set(EN["selector"])
    missing = {key for key in used if key not in exceptions | entity_keys | selectors}
    assert not missing


def test_every_form_error_and_abort_exists() -> None:
    errors: set[str] = set()
    aborts: set[str] = set()
    for source in INTEGRATION.rglob("*.py"):
        text = source.read_text()
        errors.update(re.findall(r'FormError\("([a-z_]+)"\)', text))
        # Rows of the flows' _FORM_ERRORS tables: (client exception, form error key); not
        # client_errors.py's ActionError rows, which name exception keys.
        errors.update(re.findall(r'(?<!ActionError)\(\w+Error, "([a-z_]+)"\)', text))
        errors.update(re.findall(r'errors\["base"\] = "([a-z_]+)"', text))
        aborts.update(re.findall(r'reason="([a-z_]+)"', text))
    assert errors
    assert errors <= set(EN["config"]["error"])
    assert aborts <= set(EN["config"]["abort"])


def test_menu_options_are_translated() -> None:
    from custom_components.video_pipeline.config_flow import MENU

    labels = EN["config"]["step"]["user"]["menu_options"]
    assert {provider.value for provider in MENU} <= set(labels)
    for provider in MENU:
        assert provider.value in EN["config"]["step"]


def _translation_keys(section: str) -> set[str]:
    if section == "entity":
        return {key for platform in EN["entity"].values() for key in platform}
    return set(EN[section])


def test_keys_start_with_their_provider_or_are_shared() -> None:
    for section in ("entity", "exceptions", "issues", "selector"):
        shared = SHARED_KEYS.get(section, set())
        keys = _translation_keys(section)
        assert shared <= keys, section
        unprefixed = {key for key in keys if not key.startswith(PREFIXES)}
        assert unprefixed == shared, section
        assert not {key for key in shared if key.startswith(PREFIXES)}, section


def _packages_naming(key: str) -> set[str]:
    """The provider packages (or COMMON_CODE for the rest) whose code names ``key`` in quotes."""
    providers = {provider.value.replace("_", "") for provider in Provider}
    found: set[str] = set()
    for source in INTEGRATION.rglob("*.py"):
        part = source.relative_to(INTEGRATION).parts[0]
        # client_errors.py is a table with one record per vendor: it names every vendor's keys.
        if part in ("clients", "client_errors.py") or f'"{key}"' not in source.read_text():
            continue
        found.add(part if part in providers else COMMON_CODE)
    return found


def test_shared_keys_are_shared_and_prefixed_keys_stay_home() -> None:
    for keys in SHARED_KEYS.values():
        for key in keys:
            packages = _packages_naming(key)
            assert COMMON_CODE in packages or len(packages) >= 2, (key, packages)
    for key in _translation_keys("exceptions") | _translation_keys("issues"):
        owner = next((p for p in PREFIXES if key.startswith(p)), None)
        if owner is not None:
            assert _packages_naming(key) <= {owner[:-1].replace("_", "")}, key


def test_prefixed_entity_keys_leave_unique_ids_alone() -> None:
    """Unique ids come from the description key, which keeps its first, unprefixed spelling."""
    for prefix, descriptions in (
        (
            "capturecast_",
            [
                *capturecast_sensor.SENSORS,
                *switch.SWITCHES,
                *button.BUTTONS,
                select.TEMPLATE_SELECT,
                camera.PREVIEW,
                calendar.CAPTURE_SCHEDULE,
            ],
        ),
        ("cognitive3d_", [*cognitive3d_sensor.PROJECT_SENSORS, *cognitive3d_sensor.SCENE_SENSORS]),
    ):
        for description in descriptions:
            assert not description.key.startswith(prefix), description.key
            assert description.translation_key == f"{prefix}{description.key}"
