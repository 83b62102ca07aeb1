"""Make a response or state fit for a syrupy snapshot: plain data, nothing run-specific.

Simulators listen on a free port and stamp times with the clock, so their addresses become
``<simulator>`` and every ``*_at`` value ``<time>``; the rest is compared as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

TIME = "<time>"


def snapshot_data(data: Any, replace: Mapping[str, str] | None = None) -> Any:
    """``data`` as plain dicts, lists and scalars, with ``replace``'s substrings swapped."""
    replacements = dict(replace or {})
    if isinstance(data, Mapping):
        return {
            str(key): TIME
            if str(key).endswith("_at") and value
            else snapshot_data(value, replacements)
            for key, value in data.items()
        }
    if isinstance(data, list | tuple):
        return [snapshot_data(item, replacements) for item in data]
    if isinstance(data, str):
        for old, new in replacements.items():
            data = data.replace(old, new)
        return data
    if data is None or isinstance(data, bool):
        return data
    if isinstance(data, int | float):  # enums and flags as their plain number
        return int(data) if isinstance(data, int) else float(data)
    return str(data)
