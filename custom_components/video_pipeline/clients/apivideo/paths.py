"""Every api.video host and URL path the client uses, in one place (all confirmed by the spec)."""

from __future__ import annotations

from typing import Final

HOSTS: Final = {
    "production": "https://ws.api.video",
    "sandbox": "https://sandbox.api.video",
}

WEBHOOKS: Final = "/webhooks"
WEBHOOK: Final = "/webhooks/{webhook_id}"
LIVE_STREAMS: Final = "/live-streams"
LIVE_STREAM: Final = "/live-streams/{live_stream_id}"
VIDEOS: Final = "/videos"
VIDEO: Final = "/videos/{video_id}"
# The list's sort parameters (``sortBy``/``sortOrder`` with these values are in the spec).
SORT_BY: Final = "sortBy"
SORT_ORDER: Final = "sortOrder"
NEWEST_FIRST: Final = {SORT_BY: "createdAt", SORT_ORDER: "desc"}
