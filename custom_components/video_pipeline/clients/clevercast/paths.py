"""Where the Clevercast REST API lives, and the guesses about it, in one place.

The webinar API is confirmed at https://app.clevercast.com/api/v1/webinar/. The item paths
below follow the same base and are PROPOSED (trailing slashes, as the browsable API uses).
"""

from __future__ import annotations

from typing import Final

DEFAULT_BASE_URL: Final = "https://app.clevercast.com/api/v1/"
ITEMS: Final = "items/"  # PROPOSED
ITEM: Final = "items/{id}/"  # PROPOSED
# A guard against a "next" link that never ends.
MAX_PAGES: Final = 500
