"""Where the ContentGroove Developer API lives, in one place.

Base URL, resources and the JSON:API document shape are confirmed by the vendor's reference;
the page size and page limit are our choices (pagination is not fully documented).
"""

from __future__ import annotations

from typing import Final

DEFAULT_BASE_URL: Final = "https://api.contentgroove.com/api/v1"
MEDIAS: Final = "medias"
MEDIA: Final = "medias/{id}"
CLIPS: Final = "clips"
WEBHOOK_SUBSCRIPTIONS: Final = "webhook_subscriptions"
WEBHOOK_SUBSCRIPTION: Final = "webhook_subscriptions/{id}"
# PROPOSED: the page size we ask for; the vendor documents page[size] but not its maximum.
PAGE_SIZE: Final = 100
# A guard against a list that never ends (a server answering every page number with new items).
MAX_PAGES: Final = 500
