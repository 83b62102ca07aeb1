"""A clock the simulators read, which tests can stop and move by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class SimClock:
    """Real time by default; after ``freeze()`` time moves only when ``advance()`` is called."""

    def __init__(self, start: datetime | None = None) -> None:
        self._frozen: datetime | None = start

    @property
    def frozen(self) -> bool:
        """Whether time moves only by hand."""
        return self._frozen is not None

    def now(self) -> datetime:
        """The current simulated time (aware, UTC)."""
        return self._frozen if self._frozen is not None else datetime.now(UTC)

    def freeze(self, at: datetime | None = None) -> None:
        """Stop time (at ``at``, or now)."""
        self._frozen = at or self.now()

    def advance(self, seconds: float) -> None:
        """Move a frozen clock forward."""
        if self._frozen is None:
            raise RuntimeError("advance() needs a frozen clock")
        self._frozen += timedelta(seconds=seconds)
