"""Which provider package serves which provider; one line per provider."""

from __future__ import annotations

from .apivideo import HOOKS as API_VIDEO_HOOKS
from .capturecast import HOOKS as CAPTURECAST_HOOKS
from .clevercast import HOOKS as CLEVERCAST_HOOKS
from .cognitive3d import HOOKS as COGNITIVE3D_HOOKS
from .const import Provider
from .contentgroove import HOOKS as CONTENTGROOVE_HOOKS
from .providers import ProviderHooks

PROVIDER_HOOKS: dict[Provider, ProviderHooks] = {
    Provider.CAPTURECAST: CAPTURECAST_HOOKS,
    Provider.API_VIDEO: API_VIDEO_HOOKS,
    Provider.CONTENTGROOVE: CONTENTGROOVE_HOOKS,
    Provider.CLEVERCAST: CLEVERCAST_HOOKS,
    Provider.COGNITIVE3D: COGNITIVE3D_HOOKS,
}
