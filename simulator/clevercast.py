"""A simulated Clevercast account: the item API and the item hooks it sends.

Basic auth with e-mail and password; a user without the "Access API" permission gets 403. Item
lists come as a paginated object (``{count, next, previous, results}``) or, with
``paginated=False``, as a bare array. ``post_item_hook`` POSTs an item's JSON, exactly what GET
returns, to a receiver, as Clevercast's OnUpdate/OnDelete hooks and workflow tasks do.
Test-only controls: ``POST /_sim/items`` (add or replace an item), ``POST /_sim/hook``
(``{"item_id", "url"}``: send the hook).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import aiohttp
from aiohttp import web

from .basic_auth import basic_credentials
from .server import LoopbackServer


@dataclass
class SimUser:
    """A Clevercast user."""

    password: str
    api_access: bool


class ClevercastSimulator(LoopbackServer):
    """One account with a few items."""

    def __init__(self, *, page_size: int = 2, paginated: bool = True) -> None:
        super().__init__()
        self.page_size = page_size
        self.paginated = paginated
        self.users = {
            "api@example.com": SimUser("secret", api_access=True),
            "editor@example.com": SimUser("secret", api_access=False),
        }
        now = datetime(2026, 11, 22, 9, 0, tzinfo=UTC).isoformat()
        self.items: dict[str, dict[str, Any]] = {
            str(i): {"id": i, "name": name, "status": "published", "updated": now}
            for i, name in ((101, "Keynote"), (102, "Panel"), (103, "Closing words"))
        }

    def build_app(self) -> web.Application:
        """The items API and the test controls."""
        app = web.Application()
        app.router.add_get("/api/v1/items/", self._guard(self._list))
        app.router.add_get("/api/v1/items/{id}/", self._guard(self._item))
        app.router.add_post("/_sim/items", self._sim_item)
        app.router.add_post("/_sim/hook", self._sim_hook)
        return app

    def _guard(self, handler: Any) -> Any:
        async def guarded(request: web.Request) -> web.StreamResponse:
            auth = basic_credentials(request.headers.get("Authorization", ""))
            user = self.users.get(auth[0]) if auth else None
            if auth is None or user is None or user.password != auth[1]:
                return web.json_response({"error": "Invalid credentials."}, status=401)
            if not user.api_access:
                return web.json_response({"error": "No Access API permission."}, status=403)
            response: web.StreamResponse = await handler(request)
            return response

        return guarded

    async def _list(self, request: web.Request) -> web.Response:
        items = list(self.items.values())
        if not self.paginated:
            return web.json_response(items)
        try:
            page = max(1, int(request.query.get("page", "1")))
            size = max(1, int(request.query.get("page_size", str(self.page_size))))
        except ValueError:
            return web.json_response({"error": "Invalid page."}, status=400)
        start = (page - 1) * size
        more = start + size < len(items)
        return web.json_response(
            {
                "count": len(items),
                "next": f"{request.url.with_query(page=page + 1, page_size=size)}"
                if more
                else None,
                "previous": None if page == 1 else str(request.url.with_query(page=page - 1)),
                "results": items[start : start + size],
            }
        )

    async def _item(self, request: web.Request) -> web.Response:
        item = self.items.get(request.match_info["id"])
        if item is None:
            return web.json_response({"error": "Not found."}, status=404)
        return web.json_response(item)

    async def post_item_hook(self, item_id: str, url: str) -> int:
        """POST the item's JSON (as GET returns it) to ``url``; return the receiver's status."""
        async with (
            aiohttp.ClientSession() as session,
            session.post(url, json=self.items[str(item_id)]) as response,
        ):
            return response.status

    async def _sim_item(self, request: web.Request) -> web.Response:
        item = await request.json()
        self.items[str(item["id"])] = item
        return web.json_response(item)

    async def _sim_hook(self, request: web.Request) -> web.Response:
        body = await request.json()
        status = await self.post_item_hook(str(body["item_id"]), str(body["url"]))
        return web.json_response({"status": status})
