"""The capture template select of a CaptureCast unit; the choice survives restarts."""

from __future__ import annotations

from homeassistant.components.select import SelectEntity, SelectEntityDescription
from homeassistant.helpers.restore_state import RestoreEntity

from ..providers import PlatformSetup, entities_platform
from .coordinator import CaptureCastData
from .data import CaptureCastRuntimeData
from .entity import CaptureCastEntity
from .templates import template_for_capture, template_label

TEMPLATE_SELECT = SelectEntityDescription(key="template", translation_key="capturecast_template")
# The restored state is a label; the template id is kept in an attribute so that a renamed
# template is still found.
ATTR_TEMPLATE_ID = "template_id"


class TemplateSelect(CaptureCastEntity, SelectEntity, RestoreEntity):
    """Which template the Recording switch starts captures with."""

    def __init__(self, runtime: CaptureCastRuntimeData) -> None:
        super().__init__(runtime.coordinator, TEMPLATE_SELECT)
        self._runtime = runtime

    async def async_added_to_hass(self) -> None:
        """Restore the last choice."""
        await super().async_added_to_hass()
        last = await self.async_get_last_state()
        if last is not None and last.attributes.get(ATTR_TEMPLATE_ID):
            self._runtime.selected_template_id = str(last.attributes[ATTR_TEMPLATE_ID])

    def _has_part(self, data: CaptureCastData) -> bool:
        """Unavailable while the unit lists no templates."""
        return bool(data.slow.templates)

    @property
    def options(self) -> list[str]:
        """The unit's templates."""
        templates = self.coordinator.data.slow.templates or []
        return [template_label(template, templates) for template in templates]

    @property
    def current_option(self) -> str | None:
        """The chosen template (the first one until the user chooses)."""
        templates = self.coordinator.data.slow.templates or []
        if not templates:
            return None
        return template_label(template_for_capture(self._runtime), templates)

    @property
    def extra_state_attributes(self) -> dict[str, str | None]:
        """The chosen template's id."""
        return {ATTR_TEMPLATE_ID: self._runtime.selected_template_id}

    async def async_select_option(self, option: str) -> None:
        """Choose a template."""
        templates = self.coordinator.data.slow.templates or []
        for template in templates:
            if template_label(template, templates) == option:
                self._runtime.selected_template_id = template.id
                break
        self.async_write_ha_state()


# Add the unit's template select.
async_setup_entry: PlatformSetup[CaptureCastRuntimeData] = entities_platform(
    lambda runtime: [TemplateSelect(runtime)]
)
