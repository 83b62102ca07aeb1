"""The capture schedule of a CaptureCast unit as a calendar that schedules, changes and cancels."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any, Final

from homeassistant.components.calendar import (
    CalendarEntity,
    CalendarEntityDescription,
    CalendarEntityFeature,
    CalendarEvent,
)
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.util import dt as dt_util

from ..clients.capturecast import CaptureCastError, CaptureCastNotFoundError, ScheduledEvent
from ..const import LOGGER
from ..providers import PlatformSetup, entities_platform
from ..service_helpers import invalid
from .commands import translated_error
from .coordinator import CaptureCastData, SlowState
from .data import CaptureCastRuntimeData
from .entity import CaptureCastEntity
from .schedule import (
    OVERLAP_LOOKBACK,
    as_calendar_event,
    cancel,
    check_overlap,
    check_replaceable,
    draft_from_calendar,
    replace,
    schedule,
)

CAPTURE_SCHEDULE = CalendarEntityDescription(
    key="capture_schedule", translation_key="capturecast_capture_schedule"
)
# How far ahead the entity's state (the current or next capture) looks.
LOOKAHEAD: Final = timedelta(days=7)


class CaptureScheduleCalendar(CaptureCastEntity, CalendarEntity):
    """The unit's scheduled captures; unavailable while the unit or its schedule cannot be read."""

    # All three until the unit answers scheduling with 404 (a proposed path): then deleting only.
    _attr_supported_features = (
        CalendarEntityFeature.CREATE_EVENT
        | CalendarEntityFeature.DELETE_EVENT
        | CalendarEntityFeature.UPDATE_EVENT
    )

    def __init__(self, runtime: CaptureCastRuntimeData) -> None:
        super().__init__(runtime.coordinator, CAPTURE_SCHEDULE)
        self._runtime = runtime
        # Every scheduled capture listed so far, by id: what a change or a deletion refers to.
        self._known: dict[str, ScheduledEvent] = {}
        self._listed_with: SlowState | None = None
        self._listing: asyncio.Task[None] | None = None
        self._listing_failed = False

    async def async_added_to_hass(self) -> None:
        """List the upcoming captures before the first state is written."""
        await super().async_added_to_hass()
        self._listing = self.hass.async_create_task(self._async_fetch_upcoming())
        await self._listing

    @callback
    def _handle_coordinator_update(self) -> None:
        """List the upcoming captures again whenever the unit's slow state was fetched."""
        if self.coordinator.data.slow is not self._listed_with:
            self._listing = self.coordinator.config_entry.async_create_background_task(
                self.hass, self._async_list_upcoming(), f"{self.entity_id} listing"
            )
        super()._handle_coordinator_update()

    async def _async_list_upcoming(self) -> None:
        await self._async_fetch_upcoming()
        self.async_write_ha_state()

    async def _async_after_edit(self) -> None:
        """Show the schedule as the edit left it: await the listing the unit's refresh started.

        Every edit makes the refresh fetch the slow state, which lists the schedule again; a
        failed refresh leaves the calendar unavailable instead.
        """
        assert self._listing is not None
        await self._listing

    async def _async_fetch_upcoming(self) -> None:
        self._listed_with = self.coordinator.data.slow
        now = dt_util.utcnow()
        try:
            events = await self._runtime.client.list_scheduled_captures(
                now - OVERLAP_LOOKBACK, now + LOOKAHEAD
            )
        except CaptureCastError as err:
            if not self._listing_failed:  # once, until it works again
                self._listing_failed = True
                LOGGER.warning("%s: cannot list scheduled captures: %s", self.entity_id, err)
            self._runtime.upcoming_captures = None
        else:
            if self._listing_failed:
                self._listing_failed = False
                LOGGER.info("%s: scheduled captures can be listed again", self.entity_id)
            self._known.update((event.id, event) for event in events)
            self._runtime.upcoming_captures = events

    def _has_part(self, data: CaptureCastData) -> bool:
        """Unavailable (not empty) while the unit's schedule cannot be read."""
        return self._runtime.upcoming_captures is not None

    @property
    def event(self) -> CalendarEvent | None:
        """The capture going on now, or the next one."""
        now = dt_util.utcnow()
        events = [
            as_calendar_event(self._runtime, event)
            for event in self._runtime.upcoming_captures or []
            if event.start is not None
        ]
        current = sorted(
            (event for event in events if event.end_datetime_local > now),
            key=lambda event: event.start_datetime_local,
        )
        return current[0] if current else None

    async def async_get_events(
        self, hass: HomeAssistant, start_date: datetime, end_date: datetime
    ) -> list[CalendarEvent]:
        """The captures between the two times, read from the unit."""
        try:
            events = await self._runtime.client.list_scheduled_captures(
                start_date - OVERLAP_LOOKBACK, end_date
            )
        except CaptureCastError as err:
            raise translated_error(err, self.coordinator.info.unit_name) from err
        self._known.update((event.id, event) for event in events)
        return [
            as_calendar_event(self._runtime, event)
            for event in events
            if event.start is not None and (event.stop or event.start) >= start_date
        ]

    async def async_create_event(self, **kwargs: Any) -> None:
        """Schedule a capture (the template select's template unless the description names one)."""
        draft = draft_from_calendar(self._runtime, kwargs)
        await check_overlap(self._runtime, draft)
        try:
            await schedule(self._runtime, draft)
        except HomeAssistantError as err:
            if isinstance(err.__cause__, CaptureCastNotFoundError):  # no scheduling on this unit
                self._attr_supported_features = CalendarEntityFeature.DELETE_EVENT
                self.async_write_ha_state()
            raise
        await self._async_after_edit()

    async def async_delete_event(
        self,
        uid: str,
        recurrence_id: str | None = None,
        recurrence_range: str | None = None,
    ) -> None:
        """Cancel a scheduled capture."""
        await cancel(self._runtime, uid)
        self._known.pop(uid, None)
        await self._async_after_edit()

    async def async_update_event(
        self,
        uid: str,
        event: dict[str, Any],
        recurrence_id: str | None = None,
        recurrence_range: str | None = None,
    ) -> None:
        """Replace a scheduled capture (the unit cannot move one)."""
        if (old := self._known.get(uid)) is None:
            raise invalid("capturecast_schedule_unknown_event", event_id=uid)
        check_replaceable(old)
        draft = draft_from_calendar(self._runtime, event)
        await check_overlap(self._runtime, draft, replacing=uid)
        try:
            await replace(self._runtime, old, draft)
            self._known.pop(uid, None)
        finally:  # on failure too: the old capture, scheduled again, has a new id
            await self._async_after_edit()


# Add the unit's capture schedule calendar.
async_setup_entry: PlatformSetup[CaptureCastRuntimeData] = entities_platform(
    lambda runtime: [CaptureScheduleCalendar(runtime)]
)
