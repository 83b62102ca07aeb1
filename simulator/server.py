"""Serving a simulator's aiohttp application on loopback."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from aiohttp import web

# A simulator under scripts/develop runs for days: it keeps the latest exchanges, not all of them.
EXCHANGES_KEPT = 5000


@dataclass(frozen=True)
class Exchange:
    """One API request and the simulator's answer, kept for contract tests."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    status: int
    response_headers: dict[str, str]
    response_body: bytes

    @classmethod
    def of(
        cls, request: web.Request, request_body: bytes, response: web.StreamResponse
    ) -> Exchange:
        """The record of ``request`` (whose body was read as ``request_body``) and its answer."""
        body = response.body if isinstance(response, web.Response) else b""
        return cls(
            method=request.method,
            path=request.path,
            query=dict(request.query),
            headers=dict(request.headers),
            body=request_body,
            status=response.status,
            response_headers=dict(response.headers),
            response_body=body if isinstance(body, bytes) else b"",
        )


def exchange_log() -> deque[Exchange]:
    """An empty record of exchanges that forgets the oldest beyond :data:`EXCHANGES_KEPT`."""
    return deque(maxlen=EXCHANGES_KEPT)


class LoopbackServer:
    """A simulated vendor API on one port; subclasses provide ``build_app``."""

    def __init__(self) -> None:
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    def build_app(self) -> web.Application:
        """The aiohttp application serving the vendor's API and the test controls."""
        raise NotImplementedError

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Serve on ``host:port`` (0 picks a free port); return the base URL."""
        self._runner = web.AppRunner(self.build_app(), access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, host, port).start()
        self.base_url = f"http://{host}:{self._runner.addresses[0][1]}"
        return self.base_url

    async def stop(self) -> None:
        """Stop serving."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
