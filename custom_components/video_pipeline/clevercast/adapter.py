"""Turn Clevercast item hooks into accepted deliveries.

Clevercast signs nothing: the URL (one unguessable URL per hook kind) is the only secret.
The body is the item exactly as the API's GET returns it; the URL says why it was sent.
Every hook counts, so nothing is deduplicated (an item changes many times).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..clients.clevercast import InvalidDeliveryError, parse_item_delivery
from ..webhooks import AcceptedDelivery, Rejection, WebhookRequest


async def clevercast_adapter(request: WebhookRequest) -> Sequence[AcceptedDelivery] | Rejection:
    """Accept an item body posted to one of the account's hook URLs."""
    if request.kind is None:  # only reachable if a kind-less URL were registered
        return Rejection.invalid("no hook kind")
    try:
        item = parse_item_delivery(request.body)
    except InvalidDeliveryError as err:
        return Rejection.invalid(str(err))
    return [AcceptedDelivery(event_type=request.kind, payload=item.raw, item_id=item.id)]
