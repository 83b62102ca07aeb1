"""Camera platform: forwards to the provider that owns the config entry."""

from homeassistant.const import Platform

from .provider_table import platform_setup

PARALLEL_UPDATES = 0  # coordinator-backed: polling is done once per entry, not per entity

async_setup_entry = platform_setup(Platform.CAMERA)
