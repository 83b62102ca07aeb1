"""The Clevercast item (fields beyond ``id`` are PROPOSED and read leniently)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any


def _time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Item:
    """A video-on-demand item, with the whole JSON object Clevercast sent."""

    id: str
    name: str | None
    status: str | None
    updated_at: datetime | None
    raw: dict[str, Any]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Item:
        """Parse an item; numbers may arrive as strings."""
        name = data.get("name") or data.get("title")
        status = data.get("status") or data.get("workflow_status") or data.get("state")
        return cls(
            id=str(data["id"]),
            name=None if name is None else str(name),
            status=None if status is None else str(status),
            updated_at=_time(data.get("updated") or data.get("updated_at") or data.get("modified")),
            raw=data,
        )
