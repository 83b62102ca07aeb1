"""Every action offers only its own provider's targets.

HA's config-entry selector can only filter by integration, so the actions take their target as
a device, filtered by integration and by the manufacturer that provider's devices carry (a
CaptureCast unit is made by Cattura, an api.video account's device by api.video, ...). This test
reads services.yaml as the frontend does and checks each action's filter against the provider
that registers it and the manufacturer its devices are created with.
"""

from __future__ import annotations

from pathlib import Path
import re
from types import ModuleType

from homeassistant.util.yaml import load_yaml
import pytest

from custom_components.video_pipeline.apivideo import services as api_video
from custom_components.video_pipeline.capturecast import services as capturecast
from custom_components.video_pipeline.clevercast import services as clevercast
from custom_components.video_pipeline.cognitive3d import services as cognitive3d
from custom_components.video_pipeline.contentgroove import services as contentgroove

INTEGRATION = Path(__file__).parents[1] / "custom_components" / "video_pipeline"
SERVICES = load_yaml(INTEGRATION / "services.yaml")
# provider package -> (its services module, the manufacturer of its devices)
PROVIDERS: dict[str, tuple[ModuleType, str]] = {
    "capturecast": (capturecast, "Cattura"),
    "apivideo": (api_video, "api.video"),
    "contentgroove": (contentgroove, "ContentGroove"),
    "clevercast": (clevercast, "Clevercast"),
    "cognitive3d": (cognitive3d, "Cognitive3D"),
}


def actions_of(module: ModuleType) -> set[str]:
    """The action names a provider's services module registers (its SERVICE_* constants)."""
    return {
        value
        for name, value in vars(module).items()
        if name.startswith("SERVICE_") and isinstance(value, str)
    }


def test_every_action_belongs_to_exactly_one_provider() -> None:
    assert isinstance(SERVICES, dict)
    owned = [action for module, _ in PROVIDERS.values() for action in actions_of(module)]
    assert sorted(owned) == sorted(SERVICES)


@pytest.mark.parametrize("provider", list(PROVIDERS))
def test_actions_offer_only_the_providers_devices(provider: str) -> None:
    module, manufacturer = PROVIDERS[provider]
    for action in actions_of(module):
        fields = SERVICES[action]["fields"]
        assert "config_entry_id" not in fields, action  # its selector cannot be filtered
        assert fields["device_id"]["selector"] == {
            "device": {"integration": "video_pipeline", "manufacturer": manufacturer}
        }, action


@pytest.mark.parametrize("provider", list(PROVIDERS))
def test_the_providers_devices_carry_that_manufacturer(provider: str) -> None:
    _, manufacturer = PROVIDERS[provider]
    source = (INTEGRATION / provider / "entity.py").read_text()
    assert re.search(rf'manufacturer="{re.escape(manufacturer)}"', source)


def test_account_actions_say_which_vendor_they_belong_to() -> None:
    for provider, prefix in (
        ("apivideo", "api_video_"),
        ("contentgroove", "contentgroove_"),
        ("clevercast", "clevercast_"),
        ("cognitive3d", "cognitive3d_"),
    ):
        for action in actions_of(PROVIDERS[provider][0]):
            assert action.startswith(prefix), action
