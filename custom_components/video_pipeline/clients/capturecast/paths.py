"""Every URL path of the CaptureCast API the client uses, in one place.

Paths marked PROPOSED come from the vendor's method list, laid out after the confirmed
pattern; they have not been seen on a real unit. When a real unit disagrees, change the path
here and nowhere else (diagnostics show what a unit answered for each of them).
"""

from __future__ import annotations

from typing import Final

# Confirmed in working client code.
UNIT_INFO: Final = "/api/1/status/unit"
CAPTURE_STATUS_UNVERSIONED: Final = "/api/status/capture"
CAPTURE_START: Final = "/api/1/capture/start"
CAPTURE_STOP: Final = "/api/1/capture/stop"

# PROPOSED: follow the documented resource pattern, unconfirmed on hardware.
# The versioned capture status is tried first; a unit that answers 404 there is asked on the
# confirmed unversioned path from then on.
CAPTURE_STATUS: Final = "/api/1/status/capture"
CAPTURE_PAUSE: Final = "/api/1/capture/pause"
CAPTURE_RESUME: Final = "/api/1/capture/resume"
STATUS: Final = "/api/1/status"
NETWORK: Final = "/api/1/status/network"
DISK_SPACE: Final = "/api/1/status/diskSpace"
DEVICES_STATUS: Final = "/api/1/status/devices"
TODAYS_SCHEDULE: Final = "/api/1/status/schedule"
TEMPLATES: Final = "/api/1/templates"
MEDIA_PACKAGES: Final = "/api/1/mediaPackages"
MEDIA_PACKAGE: Final = "/api/1/mediaPackages/{id}"
MEDIA_PACKAGE_PUBLISH: Final = "/api/1/mediaPackages/{id}/publish"
REBOOT: Final = "/api/1/maintenance/reboot"
RESTART: Final = "/api/1/maintenance/restart"
RESTART_MEDIA: Final = "/api/1/maintenance/restartMedia"
AUDIO_DEVICES: Final = "/api/1/devices/audio"
VIDEO_DEVICES: Final = "/api/1/devices/video"
REDETECT_DEVICES: Final = "/api/1/devices/redetect"
SCHEDULER_EVENTS: Final = "/api/1/scheduler/events"
SCHEDULER_EVENT: Final = "/api/1/scheduler/events/{id}"
USERS: Final = "/api/1/users"
PREVIEW: Final = "/api/1/liveStreamViewer/preview"

# The read-only paths diagnostics probe, so a user with a real unit can show us which are wrong.
PROBED_PATHS: Final[tuple[str, ...]] = (
    UNIT_INFO,
    CAPTURE_STATUS,
    CAPTURE_STATUS_UNVERSIONED,
    STATUS,
    NETWORK,
    DISK_SPACE,
    DEVICES_STATUS,
    TODAYS_SCHEDULE,
    TEMPLATES,
    MEDIA_PACKAGES,
    AUDIO_DEVICES,
    VIDEO_DEVICES,
    SCHEDULER_EVENTS,
    USERS,
    PREVIEW,
)
