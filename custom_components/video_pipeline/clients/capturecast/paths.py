"""Every URL path of the CaptureCast API the client uses, in one place.

Each path says where it comes from. CONFIRMED paths are seen in public code that drives real
units; PROPOSED paths come from the vendor's method list, laid out after the confirmed pattern,
and have not been seen on a real unit. When a real unit disagrees, change the path here and
nowhere else (diagnostics show what a unit answered for each of them). No proposed path may block
adding or setting up a unit: a unit that does not serve one loses only what depends on it.
"""

from __future__ import annotations

from typing import Final

# CONFIRMED by bln-kth/catturavideo (recording/start.py, recording/stop.py, status/status.py):
# both scripts GET the unit's identity (`unitName`, `machineName`) and the capture `state` with
# Basic auth, then start.py POSTs `captureRequest=<JSON CaptureRequest>` to CAPTURE_START and
# stop.py POSTs to CAPTURE_STOP with no body.
UNIT_INFO: Final = "/api/1/status/unit"
CAPTURE_STATUS_UNVERSIONED: Final = "/api/status/capture"
CAPTURE_START: Final = "/api/1/capture/start"
CAPTURE_STOP: Final = "/api/1/capture/stop"

# CONFIRMED by public PHP code that lists and removes a unit's scheduled captures: a university's
# lecture-capture script logging as `'application_name' => 'cattura', 'script_name' =>
# 'recordingLister'` (our code-search index holds it without naming its repository; search for
# the exact string "api/1/scheduler?range" to find it). It sends no Basic auth, and:
# `GET /api/1/scheduler?range=<value>` answers a bare JSON array of Events, of which it reads
# `id`, `title`, `startTime`, `stopTime` (epoch ms) and `completed`; `DELETE
# /api/1.1/scheduler/events/{id}` removes one (note the 1.1). The script passes its own caller's
# `range` through unchanged, so the FORMAT of `range` is not shown there: we send
# "<start ms>,<end ms>" (SCHEDULER_RANGE_FORMAT, a guess following the API's epoch-ms times) and
# keep our older proposal as the fallback.
SCHEDULER: Final = "/api/1/scheduler"
SCHEDULER_RANGE_PARAM: Final = "range"
SCHEDULER_RANGE_FORMAT: Final = "{start},{end}"
SCHEDULER_EVENT_V11: Final = "/api/1.1/scheduler/events/{id}"

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
# Scheduling a capture (POST `event`=JSON) has no public evidence at all. Listing with
# `?start=&end=` (ms) is the FALLBACK after SCHEDULER above, and deleting here the fallback after
# SCHEDULER_EVENT_V11.
SCHEDULER_EVENTS: Final = "/api/1/scheduler/events"
SCHEDULER_EVENT: Final = "/api/1/scheduler/events/{id}"
# Advisory only: the config flow reads the user's roles here when the unit answers in the shape
# we know, and adds the unit anyway when it does not.
USERS: Final = "/api/1/users"
PREVIEW: Final = "/api/1/liveStreamViewer/preview"

# The PROPOSED read-only paths of the unit's state, which both tables below hold.
_PROPOSED_STATUS_READS: Final[tuple[str, ...]] = (
    STATUS,
    NETWORK,
    DISK_SPACE,
    DEVICES_STATUS,
    TODAYS_SCHEDULE,
    TEMPLATES,
    MEDIA_PACKAGES,
)

# Every PROPOSED path, for the test that switches each one off in the simulator.
PROPOSED_PATHS: Final[tuple[str, ...]] = (
    CAPTURE_STATUS,
    CAPTURE_PAUSE,
    CAPTURE_RESUME,
    *_PROPOSED_STATUS_READS,
    MEDIA_PACKAGE,
    MEDIA_PACKAGE_PUBLISH,
    REBOOT,
    RESTART,
    RESTART_MEDIA,
    AUDIO_DEVICES,
    VIDEO_DEVICES,
    REDETECT_DEVICES,
    SCHEDULER_EVENTS,
    SCHEDULER_EVENT,
    USERS,
    PREVIEW,
)

# The read-only paths diagnostics probe, so a user with a real unit can show us which are wrong.
# The two scheduler listings are probed separately, with a time window (see the client's probe).
PROBED_PATHS: Final[tuple[str, ...]] = (
    UNIT_INFO,
    CAPTURE_STATUS,
    CAPTURE_STATUS_UNVERSIONED,
    *_PROPOSED_STATUS_READS,
    AUDIO_DEVICES,
    VIDEO_DEVICES,
    USERS,
    PREVIEW,
)
