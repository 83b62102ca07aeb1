"""The README's YAML examples parse, and name only actions, providers and events that exist."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
import re
from typing import Any

from homeassistant.util.yaml import load_yaml
import yaml

from custom_components.video_pipeline.clients.apivideo import EVENT_TYPES as API_VIDEO_EVENTS
from custom_components.video_pipeline.clients.clevercast import HOOK_KINDS
from custom_components.video_pipeline.const import Provider

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text()
SERVICES = load_yaml(ROOT / "custom_components" / "video_pipeline" / "services.yaml")
EVENTS_BY_PROVIDER = {
    "api_video": set(API_VIDEO_EVENTS),
    "contentgroove": {"media.processing_finished"},
    "clevercast": set(HOOK_KINDS),
}


def yaml_blocks() -> list[Any]:
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", README, re.S)]


def walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def test_examples_use_real_actions_and_events() -> None:
    blocks = yaml_blocks()
    assert len(blocks) >= 8
    actions: set[str] = set()
    providers: set[str] = set()
    for block in blocks:
        for node in walk(block):
            action = node.get("action")
            if isinstance(action, str) and action.startswith("video_pipeline."):
                actions.add(action.removeprefix("video_pipeline."))
            data = node.get("event_data")
            if isinstance(data, dict) and "provider" in data:
                providers.add(data["provider"])
                assert data["provider"] in {p.value for p in Provider}
                assert data["event_type"] in EVENTS_BY_PROVIDER[data["provider"]], data
    assert actions
    assert actions <= set(SERVICES), actions - set(SERVICES)
    assert providers == {"api_video", "contentgroove"}


def test_every_action_is_documented() -> None:
    assert isinstance(SERVICES, dict)
    for name in SERVICES:
        assert f"video_pipeline.{name}" in README or f"`{name}`" in README, name


def test_contentgroove_limitations_cite_what_exists() -> None:
    """The ContentGroove limitation names the vendored spec, the contract test and real files."""
    start = README.index("- **ContentGroove: what its published OpenAPI confirms")
    paragraph = README[start : README.index("\n- **", start + 1)]
    cited = re.findall(r"`([\w./-]+\.(?:py|yaml))`", paragraph)
    assert "vendor_specs/contentgroove-openapi.yaml" in cited
    assert "tests/clients/contentgroove/test_contract.py" in cited
    for path in cited:
        where = (
            ROOT / "custom_components" / "video_pipeline" if path.startswith("clients/") else ROOT
        )
        assert (where / path).is_file(), path
    assert "You need to sign in or sign up before continuing." in paragraph
    assert "links: {current, self}" in paragraph
