"""Calendar edits as scheduler calls: validate, then schedule, cancel or replace.

Nothing reaches the unit on bad input. A unit cannot move a scheduled capture, so a change
cancels the old capture and schedules the new one; when scheduling the new one fails, the old
one is scheduled again, so that the user sees the schedule as it was and an error saying why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

from homeassistant.components.calendar import (
    EVENT_DESCRIPTION,
    EVENT_END,
    EVENT_RRULE,
    EVENT_START,
    EVENT_SUMMARY,
    CalendarEvent,
)
from homeassistant.exceptions import HomeAssistantError
from homeassistant.util import dt as dt_util

from ..clients.capturecast import ScheduledEvent, ScheduleRequest
from ..const import DOMAIN
from ..service_helpers import invalid
from .commands import run_unit_command
from .data import CaptureCastRuntimeData
from .templates import template_id_named, template_name

# Clock skew tolerated between HA and the unit when a capture is scheduled to start "now".
START_GRACE: Final = timedelta(minutes=1)
# How long before a new capture's start a capture that overlaps it may have begun.
OVERLAP_LOOKBACK: Final = timedelta(days=1)
# An event the unit lists without a usable end is shown this long.
MIN_LENGTH: Final = timedelta(minutes=1)
# Marks in front of a title: the capture is recording now, or has been recorded.
RECORDING_MARK: Final = "● "
COMPLETED_MARK: Final = "✓ "


def check_times(start: datetime, end: datetime) -> None:
    """Reject an end before the start and a start in the past."""
    if end <= start:
        raise invalid("end_before_start")
    if start < dt_util.utcnow() - START_GRACE:
        raise invalid("capturecast_start_in_past")


def as_calendar_event(runtime: CaptureCastRuntimeData, event: ScheduledEvent) -> CalendarEvent:
    """A scheduled capture (which has a start) as a calendar event."""
    start = event.start
    assert start is not None
    end = event.stop if event.stop is not None and event.stop > start else start + MIN_LENGTH
    mark = COMPLETED_MARK if event.completed else RECORDING_MARK if event.started else ""
    name = template_name(runtime, event.template_id)
    return CalendarEvent(
        start=dt_util.as_local(start),
        end=dt_util.as_local(end),
        summary=mark + (event.title or name or event.id),
        description=name,
        location=runtime.coordinator.info.unit_name,
        uid=event.id,
    )


@dataclass(frozen=True, slots=True)
class Draft:
    """A capture to schedule, from a calendar event."""

    title: str
    start: datetime
    end: datetime
    template_id: str

    def request(self) -> ScheduleRequest:
        """The unit's scheduling request."""
        return ScheduleRequest(
            template_id=self.template_id, title=self.title, start=self.start, stop=self.end
        )


def draft_from_calendar(runtime: CaptureCastRuntimeData, fields: Mapping[str, Any]) -> Draft:
    """Validate a calendar event's fields; the first line of its description may name a template."""
    if fields.get(EVENT_RRULE):
        raise invalid("capturecast_schedule_recurring")
    start, end = fields[EVENT_START], fields[EVENT_END]
    if not isinstance(start, datetime) or not isinstance(end, datetime):
        raise invalid("capturecast_schedule_all_day")
    start, end = dt_util.as_utc(start), dt_util.as_utc(end)
    check_times(start, end)
    description = str(fields.get(EVENT_DESCRIPTION) or "").strip()
    wanted = description.splitlines()[0].strip() if description else None
    return Draft(
        title=str(fields[EVENT_SUMMARY]),
        start=start,
        end=end,
        template_id=template_id_named(runtime, wanted),
    )


def _local(moment: datetime) -> str:
    return dt_util.as_local(moment).strftime("%Y-%m-%d %H:%M")


async def check_overlap(
    runtime: CaptureCastRuntimeData, draft: Draft, replacing: str | None = None
) -> None:
    """Reject a capture that overlaps another one not yet completed (``replacing`` aside)."""
    events = await run_unit_command(
        runtime.coordinator,
        runtime.client.list_scheduled_captures(draft.start - OVERLAP_LOOKBACK, draft.end),
        refresh=False,
    )
    for event in events:
        if event.id == replacing or event.completed or event.start is None:
            continue
        stop = event.stop or event.start
        if event.start < draft.end and draft.start < stop:
            raise invalid(
                "capturecast_schedule_overlap",
                title=event.title or event.id,
                start=_local(event.start),
                end=_local(stop),
            )


async def schedule(runtime: CaptureCastRuntimeData, draft: Draft) -> ScheduledEvent:
    """Schedule a capture on the unit."""
    return await run_unit_command(
        runtime.coordinator,
        runtime.client.schedule_capture(draft.request()),
        slow_state_changed=True,
    )


async def cancel(runtime: CaptureCastRuntimeData, event_id: str) -> None:
    """Cancel a scheduled capture."""
    await run_unit_command(
        runtime.coordinator,
        runtime.client.cancel_scheduled_capture(event_id),
        slow_state_changed=True,
    )


def _as_draft(event: ScheduledEvent) -> Draft:
    """The draft that schedules ``event`` again (it has a start, an end and a template)."""
    assert event.start is not None
    assert event.stop is not None
    assert event.template_id is not None
    return Draft(
        title=event.title or "", start=event.start, end=event.stop, template_id=event.template_id
    )


def check_replaceable(event: ScheduledEvent) -> None:
    """Only a capture that has not started, with all it needs to be scheduled again, is changed."""
    if event.started or event.completed:
        raise invalid("capturecast_schedule_started", title=event.title or event.id)
    if event.start is None or event.stop is None or event.template_id is None:
        raise invalid("capturecast_schedule_incomplete", title=event.title or event.id)


async def replace(runtime: CaptureCastRuntimeData, old: ScheduledEvent, draft: Draft) -> None:
    """Cancel ``old`` and schedule ``draft``; on failure, schedule ``old`` again and say why."""
    await cancel(runtime, old.id)
    try:
        await schedule(runtime, draft)
    except HomeAssistantError as err:
        placeholders = {"title": old.title or old.id, "error": str(err)}
        try:
            await schedule(runtime, _as_draft(old))
        except HomeAssistantError as restore_err:
            raise HomeAssistantError(
                translation_domain=DOMAIN,
                translation_key="capturecast_schedule_replace_lost",
                translation_placeholders={**placeholders, "restore_error": str(restore_err)},
            ) from restore_err
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="capturecast_schedule_replace_failed",
            translation_placeholders=placeholders,
        ) from err
