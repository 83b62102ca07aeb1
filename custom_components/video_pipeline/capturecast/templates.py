"""Which capture template the "Recording" switch, the actions and the calendar use."""

from __future__ import annotations

from homeassistant.exceptions import HomeAssistantError

from ..clients.capturecast import Template
from ..const import DOMAIN, LOGGER
from ..service_helpers import not_among
from .data import CaptureCastRuntimeData


def template_label(template: Template, templates: list[Template]) -> str:
    """The name users pick a template by; the id is added only when names repeat."""
    same_name = sum(1 for other in templates if other.name == template.name)
    return template.name if same_name == 1 else f"{template.name} ({template.id})"


def template_for_capture(runtime: CaptureCastRuntimeData) -> Template:
    """The selected template, or the unit's first one if the selection is gone."""
    templates = runtime.coordinator.data.slow.templates or []
    if not templates:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="capturecast_no_templates",
            translation_placeholders={"unit": runtime.coordinator.info.unit_name},
        )
    for template in templates:
        if template.id == runtime.selected_template_id:
            return template
    if runtime.selected_template_id not in (None, runtime.missing_template_logged):
        runtime.missing_template_logged = runtime.selected_template_id
        LOGGER.warning(
            "%s: the selected template %s no longer exists; capturing with %s",
            runtime.coordinator.info.unit_name,
            runtime.selected_template_id,
            templates[0].name,
        )
    return templates[0]


def template_id_named(runtime: CaptureCastRuntimeData, wanted: str | None) -> str:
    """The id of the template named (by id or name), or the selected one when none is named."""
    if wanted is None:
        return template_for_capture(runtime).id
    templates = runtime.coordinator.data.slow.templates
    if templates is None:
        return wanted  # the unit does not list templates; it accepts an id or a name itself
    for template in templates:
        if wanted in (template.id, template.name):
            return template.id
    for template in templates:
        if wanted.casefold() == template.name.casefold():
            return template.id
    raise not_among("capturecast_unknown_template", "template", wanted, (t.name for t in templates))


def template_name(runtime: CaptureCastRuntimeData, template_id: str | None) -> str | None:
    """The name of the template with ``template_id`` (its id when the unit does not list it)."""
    for template in runtime.coordinator.data.slow.templates or []:
        if template.id == template_id:
            return template.name
    return template_id
