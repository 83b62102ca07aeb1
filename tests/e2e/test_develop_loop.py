"""scripts/develop as a real process: ``--keep`` and a stop signal at any moment.

Runs in the develop environment (Home Assistant with its frontend), like the browser test.
"""

from __future__ import annotations

from collections.abc import Iterator
import json
import os
from pathlib import Path
import signal
import subprocess
import sys
import threading
import time
import uuid

import pytest

from .ports import free_port, free_port_block

ROOT = Path(__file__).parents[2]
DEVELOP = ROOT / "scripts" / "lib" / "develop.py"
pytestmark = pytest.mark.e2e
UNITS = 2
SERVICES = UNITS + 4  # the units, Cognitive3D, api.video, Clevercast and ContentGroove
TAG = "VP_DEVELOP_TEST_RUN"


class Develop:
    """One ``scripts/lib/develop.py`` run; every process it starts carries ``TAG`` in its env."""

    def __init__(self, state: Path, ports: tuple[int, int], *args: str) -> None:
        self.tag = uuid.uuid4().hex
        self.lines: list[str] = []
        self._seen = threading.Condition()
        self.process = subprocess.Popen(  # noqa: S603 - our own script, fixed arguments
            [
                sys.executable,
                "-u",
                str(DEVELOP),
                "--venv",
                str(Path(sys.executable).parent.parent),
                "--state",
                str(state),
                "--units",
                str(UNITS),
                "--port",
                str(ports[0]),
                "--simulator-port",
                str(ports[1]),
                *args,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, TAG: self.tag},
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._seen:
                self.lines.append(line.rstrip("\n"))
                self._seen.notify_all()

    def wait_for(self, start: str, timeout: float = 60) -> None:
        """Wait until a line starting with ``start`` was printed."""
        with self._seen:
            if not self._seen.wait_for(
                lambda: any(line.startswith(start) for line in self.lines), timeout
            ):
                pytest.fail(f"no {start!r} within {timeout:.0f} s: {self.lines}")

    def finish(self, timeout: float = 90) -> int:
        """Wait for the exit; its status."""
        return self.process.wait(timeout)

    def processes(self) -> list[int]:
        """Every live process started by this run (found by the tag in its environment)."""
        found = []
        needle = f"{TAG}={self.tag}".encode()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                environ = (entry / "environ").read_bytes()
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if needle in environ.split(b"\0") and state != "Z":
                found.append(int(entry.name))
        return found


@pytest.fixture
def runs(socket_enabled: None) -> Iterator[list[Develop]]:
    """The runs a test starts; whatever they leave behind is ended (by id) and reported."""
    started: list[Develop] = []
    yield started
    for run in started:
        if run.process.poll() is None:
            run.process.kill()
            run.process.wait(10)
        for pid in run.processes():
            os.kill(pid, signal.SIGKILL)


@pytest.fixture
def ports(socket_enabled: None) -> tuple[int, int]:
    """HA's port and the simulators' first (a kept config keeps HA's port)."""
    return free_port(), free_port_block(SERVICES)


def entries(state: Path) -> list[str]:
    """The titles of the integration's config entries HA stored."""
    stored = json.loads((state / "config" / ".storage" / "core.config_entries").read_text())
    return sorted(
        entry["title"] for entry in stored["data"]["entries"] if entry["domain"] == "video_pipeline"
    )


def test_keep_starts_again_without_adding_anything_twice(
    runs: list[Develop], tmp_path: Path, ports: tuple[int, int]
) -> None:
    first = Develop(tmp_path, ports, "--exit-when-ready")
    runs.append(first)
    assert first.finish() == 0, first.lines
    added = [line for line in first.lines if line.startswith(">> added ")]
    assert len(added) == SERVICES, first.lines
    titles = entries(tmp_path)
    assert len(titles) == SERVICES

    # Onboarded: /api/onboarding now answers 404, which must not read as "not up yet".
    second = Develop(tmp_path, ports, "--keep", "--exit-when-ready")
    runs.append(second)
    assert second.finish() == 0, second.lines
    assert any(line.startswith("Home Assistant is ready") for line in second.lines)
    assert not [line for line in second.lines if line.startswith(">> added ")]
    assert len([line for line in second.lines if line.startswith(">> kept ")]) == SERVICES
    assert entries(tmp_path) == titles

    # Without develop's own record, HA's flows recognise every account and unit.
    (tmp_path / "config" / "develop_entries.json").unlink()
    third = Develop(tmp_path, ports, "--keep", "--exit-when-ready")
    runs.append(third)
    assert third.finish() == 0, third.lines
    assert len([line for line in third.lines if line.startswith(">> already added ")]) == SERVICES
    assert entries(tmp_path) == titles


@pytest.mark.parametrize(
    ("moment", "delay"),
    [
        (">> starting the simulators", 0.0),  # while the simulators start
        (">> starting Home Assistant", 0.0),  # while hass is being started
        (">> starting Home Assistant", 2.0),  # while hass loads its integrations
        (">> onboarding", 0.0),
        (">> added ", 0.0),  # between adding one entry and the next
    ],
)
def test_a_stop_signal_at_any_moment_leaves_no_process(
    runs: list[Develop], tmp_path: Path, ports: tuple[int, int], moment: str, delay: float
) -> None:
    run = Develop(tmp_path, ports)
    runs.append(run)
    run.wait_for(moment)
    time.sleep(delay)
    run.process.send_signal(signal.SIGTERM)
    assert run.finish() == 128 + signal.SIGTERM, run.lines
    assert run.processes() == []
