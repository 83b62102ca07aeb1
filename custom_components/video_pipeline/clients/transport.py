"""What every vendor client does alike: send a request, read the answer, raise its own errors.

A client subclasses ``VendorClient`` with its vendor's ``ErrorFamily`` and overrides
``_raise_for_status`` (or only ``_status_message``) where its vendor's failed answers say more
than a status. Retries stay in the clients that have them; they call ``_send`` once per attempt.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
import json as jsonlib
import math
from typing import Any, ClassVar

import aiohttp
from multidict import CIMultiDictProxy
from yarl import URL

from .errors import ErrorFamily


@dataclass(frozen=True, slots=True)
class Reply:
    """An answer, read in full before its connection went back to the pool."""

    status: int
    headers: CIMultiDictProxy[str]
    content: bytes
    content_type: str

    @property
    def ok(self) -> bool:
        """Whether the status is a success (below 300)."""
        return self.status < 300


def header_number(value: str | None) -> float | None:
    """A finite, non-negative number from a header (a ``Retry-After`` wait, a count), else None.

    Only the number form is read (not ``Retry-After``'s HTTP date): no vendor here sends one.
    """
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


class VendorClient:
    """The request plumbing of one vendor's client over an injected aiohttp session."""

    # Which of the vendor's exceptions each failure raises; every subclass names its own.
    errors: ClassVar[ErrorFamily]

    def __init__(
        self,
        session: aiohttp.ClientSession,
        base: URL,
        headers: Mapping[str, str],
        *,
        timeout: float,
        ssl: bool = True,
    ) -> None:
        self._session = session
        self._base = base
        self._headers = dict(headers)
        self._timeout = timeout
        # True = the default certificate checks; False = none (for self-signed devices).
        self._ssl = ssl

    @property
    def base_url(self) -> str:
        """The root URL the client talks to."""
        return str(self._base)

    async def _send(
        self,
        method: str,
        url: URL,
        *,
        where: str,
        params: Mapping[str, str] | None = None,
        json: Any = None,
        data: Mapping[str, str] | None = None,
    ) -> Reply:
        """Send one request and read the whole answer, whatever its status.

        ``where`` (method and path) starts every error message. No answer within the timeout,
        or a transport failure, raises the vendor's connection error.
        """
        try:
            async with (
                asyncio.timeout(self._timeout),
                self._session.request(
                    method,
                    url,
                    params=params,
                    json=json,
                    data=data,
                    headers=self._headers,
                    ssl=self._ssl,
                ) as response,
            ):
                content = await response.read()
        except TimeoutError as err:
            raise self.errors.connection(f"{where}: no answer within {self._timeout:g} s") from err
        except aiohttp.ClientError as err:
            raise self.errors.connection(f"{where}: {err}") from err
        return Reply(response.status, response.headers, content, response.content_type)

    def _read_json(self, where: str, reply: Reply) -> Any:
        """The answer's JSON body, None when it is empty.

        A success whose body is not JSON raises the vendor's response error; a failure's body
        that is not JSON is read as None (its status says what went wrong).
        """
        if not reply.content:
            return None
        try:
            return jsonlib.loads(reply.content)
        except ValueError:
            if reply.ok:
                raise self.errors.response(f"{where}: body is not JSON", reply.status) from None
            return None

    def _raise_for_status(self, where: str, reply: Reply, body: Any) -> None:
        """Raise the vendor's exception for a failed answer (``errors.by_status``, else response).

        ``body`` is the answer's JSON (or None), for vendors whose errors explain themselves.
        """
        if reply.ok:
            return
        kind = self.errors.by_status.get(reply.status, self.errors.response)
        raise kind(self._status_message(where, reply.status, body), reply.status)

    def _status_message(self, where: str, status: int, body: Any) -> str:
        """The message of a failed answer; a vendor with error bodies adds their text."""
        return f"{where}: HTTP {status}"

    def _checked_json(self, where: str, reply: Reply) -> Any:
        """The JSON body (None when empty) of a successful answer, else the vendor's error."""
        body = self._read_json(where, reply)
        self._raise_for_status(where, reply, body)
        return body
