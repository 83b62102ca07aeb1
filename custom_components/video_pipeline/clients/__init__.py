"""HA-free async clients for the vendor APIs the integration speaks.

Nothing under this package imports Home Assistant: each client takes an injected
``aiohttp.ClientSession`` and raises its own exceptions, so it can be tested and reused alone.
What they share lives beside them: the kinds of failure (``errors``), the request plumbing
(``transport``) and Basic credentials (``http_auth``).
"""
