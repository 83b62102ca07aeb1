"""The integration's repair issues: none can be fixed from the dialog, each says what to do."""

from __future__ import annotations

from collections.abc import Mapping

from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir

from .const import DOMAIN


def async_open_issue(
    hass: HomeAssistant,
    issue_id: str,
    translation_key: str,
    placeholders: Mapping[str, str],
    *,
    severity: ir.IssueSeverity = ir.IssueSeverity.ERROR,
) -> None:
    """Open (or update) the repair issue ``issue_id``; its text comes from the translations."""
    ir.async_create_issue(
        hass,
        DOMAIN,
        issue_id,
        is_fixable=False,
        severity=severity,
        translation_key=translation_key,
        translation_placeholders=dict(placeholders),
    )


def async_close_issue(hass: HomeAssistant, issue_id: str) -> None:
    """Close the repair issue ``issue_id`` if it is open."""
    ir.async_delete_issue(hass, DOMAIN, issue_id)
