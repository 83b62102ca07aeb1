"""Reading HTTP Basic credentials the way a vendor's server does (RFC 7617).

Parsed by hand rather than with ``aiohttp.BasicAuth``, which aiohttp 3.14 deprecates.
"""

from __future__ import annotations

import base64
import binascii


def basic_credentials(header: str) -> tuple[str, str] | None:
    """(user, password) from an ``Authorization`` header, or None when it is not valid Basic."""
    scheme, _, value = header.strip().partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    user, colon, password = decoded.partition(":")
    return (user, password) if colon else None
