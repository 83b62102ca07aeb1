"""Binary sensor platform: forwards to the provider that owns the config entry."""

from homeassistant.const import Platform

from .provider_table import platform_setup

PARALLEL_UPDATES = 0  # push-only: entities never poll

async_setup_entry = platform_setup(Platform.BINARY_SENSOR)
