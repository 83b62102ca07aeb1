"""HTTP Basic credentials as a plain header, for the clients whose vendors use Basic auth.

aiohttp 3.14 deprecates ``aiohttp.BasicAuth`` and the ``auth=`` request argument (both go in
aiohttp 4), so the clients send the ``Authorization`` header themselves: the same bytes on every
aiohttp version.
"""

from __future__ import annotations

import base64


def basic_authorization(user: str, password: str) -> str:
    """The ``Authorization`` header value for ``user`` and ``password`` (RFC 7617).

    Credentials are encoded as UTF-8, the charset RFC 7617 defines; for ASCII credentials this
    is byte for byte what aiohttp's ``BasicAuth`` sent.
    """
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return f"Basic {token}"
