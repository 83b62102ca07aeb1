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

from homeassistant.util.yaml import load_yaml
import pytest

from custom_components.video_pipeline.const import Provider
from custom_components.video_pipeline.services import ACTIONS

INTEGRATION = Path(__file__).parents[1] / "custom_components" / "video_pipeline"
SERVICES = load_yaml(INTEGRATION / "services.yaml")
# Each provider's package and the manufacturer of its devices.
PROVIDERS: dict[Provider, tuple[str, str]] = {
    Provider.CAPTURECAST: ("capturecast", "Cattura"),
    Provider.API_VIDEO: ("apivideo", "api.video"),
    Provider.CONTENTGROOVE: ("contentgroove", "ContentGroove"),
    Provider.CLEVERCAST: ("clevercast", "Clevercast"),
    Provider.COGNITIVE3D: ("cognitive3d", "Cognitive3D"),
}


def test_every_action_belongs_to_exactly_one_provider() -> None:
    assert isinstance(SERVICES, dict)
    assert set(ACTIONS) == set(PROVIDERS) == set(Provider)
    owned = [action for actions in ACTIONS.values() for action in actions]
    assert sorted(owned) == sorted(SERVICES)


@pytest.mark.parametrize("provider", list(PROVIDERS))
def test_actions_offer_only_the_providers_devices(provider: Provider) -> None:
    _, manufacturer = PROVIDERS[provider]
    for action in ACTIONS[provider]:
        fields = SERVICES[action]["fields"]
        assert "config_entry_id" not in fields, action  # its selector cannot be filtered
        assert fields["device_id"]["selector"] == {
            "device": {"integration": "video_pipeline", "manufacturer": manufacturer}
        }, action


@pytest.mark.parametrize("provider", list(PROVIDERS))
def test_the_providers_devices_carry_that_manufacturer(provider: Provider) -> None:
    package, manufacturer = PROVIDERS[provider]
    source = (INTEGRATION / package / "entity.py").read_text()
    assert re.search(rf'manufacturer="{re.escape(manufacturer)}"', source)


def test_account_actions_say_which_vendor_they_belong_to() -> None:
    for provider in (
        Provider.API_VIDEO,
        Provider.CONTENTGROOVE,
        Provider.CLEVERCAST,
        Provider.COGNITIVE3D,
    ):
        for action in ACTIONS[provider]:
            assert action.startswith(f"{provider.value}_"), action
