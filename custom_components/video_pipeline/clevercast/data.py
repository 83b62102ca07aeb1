"""Runtime data kept on a Clevercast account's config entry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from homeassistant.config_entries import ConfigEntry

if TYPE_CHECKING:
    from ..clients.clevercast import ClevercastClient
    from ..webhooks import WebhookEndpoint


@dataclass(slots=True)
class ClevercastRuntimeData:
    """The account's client and its three hook URLs."""

    client: ClevercastClient
    endpoint: WebhookEndpoint


type ClevercastConfigEntry = ConfigEntry[ClevercastRuntimeData]
