"""Constants shared across the Video Pipeline integration."""

from __future__ import annotations

from enum import StrEnum
import logging
from typing import Final

DOMAIN: Final = "video_pipeline"
LOGGER = logging.getLogger(__package__)

CONF_PROVIDER: Final = "provider"
# Data of an account with a vendor webhook subscription: the one the entry created.
CONF_SUBSCRIPTION: Final = "subscription"


class Provider(StrEnum):
    """The services a config entry can connect; stored in the entry's data."""

    CAPTURECAST = "capturecast"
    API_VIDEO = "api_video"
    CONTENTGROOVE = "contentgroove"
    CLEVERCAST = "clevercast"
    COGNITIVE3D = "cognitive3d"
