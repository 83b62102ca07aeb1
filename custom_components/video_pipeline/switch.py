"""Switch platform: forwards to the provider that owns the config entry."""

from homeassistant.const import Platform

from .provider_table import platform_setup

PARALLEL_UPDATES = 1  # one command at a time per unit: the units serialize control anyway

async_setup_entry = platform_setup(Platform.SWITCH)
