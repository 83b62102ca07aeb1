"""One account's HA webhooks: ids, registration, the public URL and the "unreachable" repair.

Kinds: Clevercast cannot say in the body why it posted, so it gets one URL per hook kind.
Each kind is its own HA webhook whose id is an HMAC of the entry's stored secret and the kind
name: every URL is as unguessable as the secret, one leaked URL does not reveal the others
(unlike a ``?kind=`` query that anyone could edit), and nothing but the secret is stored.
The kind None is the secret itself, which single-URL vendors use.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
import hashlib
import hmac
from typing import Any, Final

from homeassistant.components import webhook
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_WEBHOOK_ID, EVENT_CORE_CONFIG_UPDATE
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.network import NoURLAvailableError

from ..const import DOMAIN, LOGGER
from ..issues import async_close_issue, async_open_issue
from . import cloudhooks
from .receiver import DeliveryReceiver

CONF_CLOUDHOOK_URLS: Final = "cloudhook_urls"
ISSUE_NO_PUBLIC_URL: Final = "no_public_url"

type PublicUrls = Mapping[str | None, str | None]
type UrlChangeCallback = Callable[[PublicUrls], Awaitable[None]]


def kind_webhook_id(secret: str, kind: str | None) -> str:
    """Return the HA webhook id of one hook kind, derived from the entry's secret."""
    if kind is None:
        return secret
    return hmac.new(secret.encode(), kind.encode(), hashlib.sha256).hexdigest()


def issue_id(entry_id: str) -> str:
    """Return the repair issue id of an entry that has no public URL."""
    return f"{ISSUE_NO_PUBLIC_URL}_{entry_id}"


@callback
def async_ensure_webhook_id(hass: HomeAssistant, entry: ConfigEntry[Any]) -> str:
    """Return the entry's webhook secret, generating and storing it the first time."""
    existing = entry.data.get(CONF_WEBHOOK_ID)
    if isinstance(existing, str) and existing:
        return existing
    secret = webhook.async_generate_id()
    hass.config_entries.async_update_entry(entry, data={**entry.data, CONF_WEBHOOK_ID: secret})
    return secret


async def async_remove_cloudhooks(hass: HomeAssistant, entry: ConfigEntry[Any]) -> None:
    """Delete the cloudhooks an entry created (the entry is being removed)."""
    for webhook_id in entry.data.get(CONF_CLOUDHOOK_URLS, {}):
        await cloudhooks.async_delete_cloudhook(hass, webhook_id)


async def async_public_url(
    hass: HomeAssistant, webhook_id: str, known_cloudhook: str | None = None
) -> tuple[str | None, bool]:
    """The URL a vendor reaches ``webhook_id`` at, and whether it is a cloudhook.

    A cloudhook with an active HA Cloud subscription, else HA's external URL, else None.
    """
    if cloudhooks.active_subscription(hass):
        url = await cloudhooks.async_get_cloudhook(hass, webhook_id) or known_cloudhook
        if url is not None:
            return url, True
    try:
        return (
            webhook.async_generate_url(
                hass, webhook_id, allow_internal=False, prefer_external=True
            ),
            False,
        )
    except NoURLAvailableError:
        return None, False


class WebhookEndpoint:
    """Register an entry's webhooks and keep their public URLs and the repair issue current."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry[Any],
        *,
        vendor_name: str,
        receiver: DeliveryReceiver,
        kinds: Sequence[str | None] = (None,),
        on_url_change: UrlChangeCallback | None = None,
    ) -> None:
        self._hass = hass
        self._entry = entry
        self._vendor_name = vendor_name
        self._receiver = receiver
        self._kinds = tuple(kinds)
        self._on_url_change = on_url_change
        self._urls: dict[str | None, str | None] = dict.fromkeys(self._kinds)
        self._webhook_ids: dict[str | None, str] = {}
        self._unsubs: list[Callable[[], None]] = []
        self._lock = asyncio.Lock()

    @property
    def urls(self) -> PublicUrls:
        """Public URL of each kind; None where the vendor cannot reach HA."""
        return dict(self._urls)

    def url(self, kind: str | None = None) -> str | None:
        """Return the public URL of one kind."""
        return self._urls[kind]

    def webhook_id(self, kind: str | None = None) -> str:
        """Return the HA webhook id of one kind (valid after ``async_start``)."""
        return self._webhook_ids[kind]

    async def async_start(self) -> None:
        """Register every kind's webhook, resolve the URLs and watch for URL changes."""
        secret = async_ensure_webhook_id(self._hass, self._entry)
        for kind in self._kinds:
            webhook_id = kind_webhook_id(secret, kind)
            name = self._entry.title if kind is None else f"{self._entry.title} ({kind})"
            webhook.async_register(
                self._hass,
                DOMAIN,
                name,
                webhook_id,
                self._receiver.handler_for(kind),
                local_only=False,
                allowed_methods=["POST"],
            )
            self._webhook_ids[kind] = webhook_id
        self._unsubs.append(
            self._hass.bus.async_listen(EVENT_CORE_CONFIG_UPDATE, self._async_schedule_refresh)
        )
        if (unsub := cloudhooks.listen_connection_change(self._hass, self._schedule)) is not None:
            self._unsubs.append(unsub)
        await self._async_refresh(notify=False)

    async def async_stop(self) -> None:
        """Unregister the webhooks and listeners; the repair goes with the loaded entry."""
        while self._unsubs:
            self._unsubs.pop()()
        for webhook_id in self._webhook_ids.values():
            webhook.async_unregister(self._hass, webhook_id)
        self._webhook_ids.clear()
        async_close_issue(self._hass, issue_id(self._entry.entry_id))

    async def async_refresh(self) -> None:
        """Re-resolve the public URLs now; tell the provider if they changed."""
        await self._async_refresh(notify=True)

    @callback
    def _async_schedule_refresh(self, event: Event[Any]) -> None:
        self._schedule(None)

    @callback
    def _schedule(self, _state: Any) -> None:
        self._entry.async_create_task(
            self._hass, self.async_refresh(), f"{DOMAIN} webhook URL refresh"
        )

    async def _async_refresh(self, *, notify: bool) -> None:
        async with self._lock:
            if not self._webhook_ids:  # stopped while this refresh waited
                return
            urls = {
                kind: await self._async_resolve(self._webhook_ids[kind]) for kind in self._kinds
            }
            changed = urls != self._urls
            self._urls = urls
            self._update_issue()
        if changed and notify and self._on_url_change is not None:
            await self._on_url_change(self.urls)

    async def _async_resolve(self, webhook_id: str) -> str | None:
        """Cloudhook with an active subscription, else HA's external URL, else None."""
        stored: dict[str, str] = dict(self._entry.data.get(CONF_CLOUDHOOK_URLS, {}))
        url, is_cloudhook = await async_public_url(self._hass, webhook_id, stored.get(webhook_id))
        if is_cloudhook and url is not None and stored.get(webhook_id) != url:
            stored[webhook_id] = url
            self._hass.config_entries.async_update_entry(
                self._entry, data={**self._entry.data, CONF_CLOUDHOOK_URLS: stored}
            )
        return url

    def _update_issue(self) -> None:
        entry_id = self._entry.entry_id
        if all(self._urls.values()):
            async_close_issue(self._hass, issue_id(entry_id))
            return
        LOGGER.debug("%s cannot reach Home Assistant: no public URL", self._entry.title)
        async_open_issue(
            self._hass,
            issue_id(entry_id),
            ISSUE_NO_PUBLIC_URL,
            {"vendor": self._vendor_name, "entry": self._entry.title},
            severity=ir.IssueSeverity.WARNING,
        )
