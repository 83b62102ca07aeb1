"""Where the ContentGroove Developer API lives, in one place.

Checked against the vendor's published OpenAPI (ContentGroove OpenAPI,
vendor_specs/contentgroove-openapi.yaml, origin https://api.contentgroove.com/api-docs/v1/
openapi.json) by tests/clients/contentgroove/test_contract.py. Base URL, resources and the
JSON:API document shape are confirmed there; the page size and page limit are our choices.
"""

from __future__ import annotations

from typing import Final

# ContentGroove OpenAPI, vendor_specs/contentgroove-openapi.yaml, servers (api.contentgroove.com)
# and every path's /api/v1 prefix.
DEFAULT_BASE_URL: Final = "https://api.contentgroove.com/api/v1"
# ContentGroove OpenAPI, vendor_specs/contentgroove-openapi.yaml, /api/v1/medias (GET, POST).
MEDIAS: Final = "medias"
# ContentGroove OpenAPI, vendor_specs/contentgroove-openapi.yaml, /api/v1/medias/{id} (GET).
MEDIA: Final = "medias/{id}"
# ContentGroove OpenAPI, vendor_specs/contentgroove-openapi.yaml, /api/v1/clips (GET with
# `filter` and `page`, POST → 200 with the clip, 402 when the clip quota is exhausted).
CLIPS: Final = "clips"
# ContentGroove OpenAPI, vendor_specs/contentgroove-openapi.yaml, /api/v1/clips/{id} (GET → 200
# or 404, DELETE → 204 or 404; PUT is documented but not called).
CLIP: Final = "clips/{id}"
# ContentGroove OpenAPI, vendor_specs/contentgroove-openapi.yaml, /api/v1/clips GET parameter
# `filter` (deepObject): `filter[<attribute>_<ransack matcher>]`, e.g. `filter[name_eq]`.
# PROPOSED: the attribute `media_id`. The spec's examples filter on `name` and `text` only; a
# clip names its media in `relationships.media` and is created with a `media_id` attribute, so
# `media_id_eq` is our guess. Unknown ransack conditions are often ignored by Rails servers, so
# the client also keeps only the clips whose relationship names the media.
CLIP_MEDIA_FILTER: Final = "filter[media_id_eq]"
# ContentGroove OpenAPI, vendor_specs/contentgroove-openapi.yaml, /api/v1/webhook_subscriptions
# (GET, POST). Finding: its GET documents no `page` parameter (medias and clips do), but its
# own 200 example's links.current is `…/webhook_subscriptions?page[number]=1`, so the client
# pages it like the others.
WEBHOOK_SUBSCRIPTIONS: Final = "webhook_subscriptions"
# ContentGroove OpenAPI, vendor_specs/contentgroove-openapi.yaml,
# /api/v1/webhook_subscriptions/{id} (GET, DELETE → 204, 404 for an unknown id).
WEBHOOK_SUBSCRIPTION: Final = "webhook_subscriptions/{id}"
# PROPOSED: the page size we ask for. ContentGroove OpenAPI, vendor_specs/contentgroove-
# openapi.yaml, /api/v1/medias GET parameter `page` ("page[number]", "page[size]"): documented,
# but not its default or maximum, and list answers carry no total and no links.next.
PAGE_SIZE: Final = 100
# A guard against a list that never ends (a server answering every page number with new items).
MAX_PAGES: Final = 500
