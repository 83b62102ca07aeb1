"""Async client for one Clevercast account (HTTP Basic auth with a user's e-mail and password)."""

from __future__ import annotations

from typing import Any, Final

import aiohttp
from yarl import URL

from ..http_auth import basic_authorization
from ..transport import VendorClient
from . import paths
from .exceptions import ERRORS, ClevercastResponseError
from .models import Item

DEFAULT_TIMEOUT: Final = 10.0


def _error_text(body: Any) -> str | None:
    """Clevercast errors carry an ``error`` string."""
    if isinstance(body, dict) and isinstance(body.get("error"), str):
        return str(body["error"])
    return None


class ClevercastClient(VendorClient):
    """Reads items; the user's role needs the "Access API" permission."""

    errors = ERRORS

    def __init__(
        self,
        session: aiohttp.ClientSession,
        email: str,
        password: str,
        *,
        base_url: str | None = None,
        request_timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        root = base_url or paths.DEFAULT_BASE_URL
        base = URL(root if root.endswith("/") else f"{root}/")
        headers = {"Authorization": basic_authorization(email, password)}
        super().__init__(session, base, headers, timeout=request_timeout)

    def _status_message(self, where: str, status: int, body: Any) -> str:
        return f"{where}: HTTP {status}: {_error_text(body) or 'no details'}"

    async def _get(self, url: URL) -> Any:
        where = f"GET {url.path}"
        return self._checked_json(where, await self._send("GET", url, where=where))

    async def validate(self) -> None:
        """Check the credentials and the API permission with one cheap read."""
        await self._get(self._base.join(URL(paths.ITEMS)).with_query({"page_size": "1"}))

    async def list_items(self) -> list[Item]:
        """Every item, following ``next`` links (a bare list or a paginated object)."""
        items: list[Item] = []
        url: URL | None = self._base.join(URL(paths.ITEMS))
        seen: set[str] = set()
        while url is not None and len(seen) < paths.MAX_PAGES:
            seen.add(str(url))
            page = await self._get(url)
            if isinstance(page, list):
                results, following = page, None
            elif isinstance(page, dict) and isinstance(page.get("results"), list):
                results, following = page["results"], page.get("next")
            else:
                raise ClevercastResponseError("the item list has an unknown shape")
            items.extend(
                Item.from_dict(entry)
                for entry in results
                if isinstance(entry, dict) and entry.get("id") is not None
            )
            url = None
            if isinstance(following, str) and following:
                candidate = self._base.join(URL(following))
                # Only follow links on the same host, and never the same page twice.
                if candidate.host == self._base.host and str(candidate) not in seen:
                    url = candidate
        return items

    async def get_item(self, item_id: str) -> Item:
        """One item, exactly as its hooks deliver it."""
        segment = str(item_id).strip()
        if not segment or "/" in segment or segment in {".", ".."}:
            raise ValueError(f"not an item id: {item_id!r}")
        body = await self._get(self._base.join(URL(paths.ITEM.format(id=segment))))
        if not isinstance(body, dict) or body.get("id") is None:
            raise ClevercastResponseError("the item has an unknown shape")
        return Item.from_dict(body)
