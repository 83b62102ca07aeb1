"""The live preview of a CaptureCast unit as a camera (still images)."""

from __future__ import annotations

from homeassistant.components.camera import Camera
from homeassistant.helpers.entity import EntityDescription

from ..clients.capturecast import CaptureCastError
from ..const import LOGGER
from ..providers import PlatformSetup, entities_platform
from .coordinator import CaptureCastCoordinator
from .data import CaptureCastRuntimeData
from .entity import CaptureCastEntity

PREVIEW = EntityDescription(key="preview", translation_key="capturecast_preview")


class PreviewCamera(CaptureCastEntity, Camera):
    """The unit's preview still, fetched when the frontend asks for it."""

    def __init__(self, coordinator: CaptureCastCoordinator) -> None:
        CaptureCastEntity.__init__(self, coordinator, PREVIEW)
        Camera.__init__(self)
        self._failing = False

    async def async_camera_image(
        self, width: int | None = None, height: int | None = None
    ) -> bytes | None:
        """Fetch the preview; None (logged once per outage) when the unit cannot give one."""
        try:
            preview = await self.coordinator.client.get_preview()
        except CaptureCastError as err:
            if not self._failing:
                self._failing = True
                LOGGER.info("%s: no preview image: %s", self.coordinator.info.unit_name, err)
            return None
        if self._failing:
            self._failing = False
            LOGGER.info("%s: preview image is back", self.coordinator.info.unit_name)
        self.content_type = preview.content_type
        return preview.content


# Add the unit's preview camera.
async_setup_entry: PlatformSetup[CaptureCastRuntimeData] = entities_platform(
    lambda runtime: [PreviewCamera(runtime.coordinator)]
)
