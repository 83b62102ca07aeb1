"""scripts/develop's stop-signal handling: a signal while a child starts waits for its record."""

from __future__ import annotations

from collections.abc import Iterator
import os
from pathlib import Path
import signal
import sys

import pytest

sys.path.insert(0, str(Path(__file__).parents[2] / "scripts" / "lib"))

from ha_runner import STOP_SIGNALS, exit_on_signal, hold_stop_signals  # the scripts' helpers


@pytest.fixture
def handler() -> Iterator[None]:
    """``exit_on_signal`` installed for SIGTERM and SIGINT, restored afterwards."""
    saved = {sig: signal.getsignal(sig) for sig in STOP_SIGNALS}
    for sig in STOP_SIGNALS:
        signal.signal(sig, exit_on_signal)
    yield
    for sig, previous in saved.items():
        signal.signal(sig, previous)


def test_a_held_signal_exits_when_the_block_ends(handler: None) -> None:
    steps = []
    with pytest.raises(SystemExit) as stopped:
        with hold_stop_signals():
            os.kill(os.getpid(), signal.SIGTERM)
            with hold_stop_signals():
                steps.append("inner")
            steps.append("recorded")  # still inside the outer block: not cut short
        steps.append("never")
    assert stopped.value.code == 128 + signal.SIGTERM
    assert steps == ["inner", "recorded"]
    # Leaving ignores further stop signals, so they cannot interrupt the clean-up.
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_IGN
    os.kill(os.getpid(), signal.SIGINT)


def test_a_signal_outside_a_hold_exits_at_once(handler: None) -> None:
    with pytest.raises(SystemExit) as stopped:
        os.kill(os.getpid(), signal.SIGINT)
    assert stopped.value.code == 128 + signal.SIGINT
