"""Run a real Home Assistant with this integration, onboarded, for development and browser tests.

Standard library only (it runs in the develop environment, outside HA's process): write a config
dir, start ``hass``, wait for it, finish onboarding over HA's HTTP API, log in, and add config
entries through the config-flow REST API exactly as the UI does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
import contextlib
from dataclasses import dataclass, field
from http import HTTPStatus
import json
import os
from pathlib import Path
import shutil
import signal
import subprocess
import time
from typing import Any
import urllib.error
import urllib.parse
import urllib.request

ROOT = Path(__file__).resolve().parents[2]
# Before HA 2026.10 the HTTP server is configured in YAML; from then on, in storage (see below).
HTTP_YAML = """\
http:
  server_host: 127.0.0.1
  server_port: {port}
"""
CONFIGURATION = """\
homeassistant:
  name: Video Pipeline (development)
  unit_system: metric
  time_zone: UTC
  country: US
  currency: USD
  latitude: 0
  longitude: 0
  elevation: 0
  # The simulated cloud services post their webhooks here (the "internet" is loopback).
  external_url: "http://127.0.0.1:{port}"
frontend:
config:
lovelace:
  mode: storage
  dashboards:
    video-pipeline:
      mode: yaml
      title: Video Pipeline
      icon: mdi:video-box
      show_in_sidebar: true
      filename: dashboards/video_pipeline.yaml
history:
logbook:
webhook:
{http}logger:
  default: warning
  logs:
    custom_components.video_pipeline: info
"""


class HomeAssistantError(RuntimeError):
    """Home Assistant did not start or answer as expected (the log path is in the message)."""


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class _Held:
    """Whether stop signals are being held back, and the one that arrived meanwhile."""

    depth = 0
    pending: int | None = None


def exit_on_signal(signum: int, _frame: object) -> None:
    """A SIGINT/SIGTERM handler: leave through the clean-up (``finally``, ``ExitStack``).

    While ``hold_stop_signals`` is active the exit waits until it ends. Once leaving, further
    stop signals are ignored, so they cannot cut the clean-up short.
    """
    if _Held.depth:
        _Held.pending = signum
        return
    for sig in STOP_SIGNALS:
        signal.signal(sig, signal.SIG_IGN)
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def hold_stop_signals() -> Iterator[None]:
    """Defer ``exit_on_signal`` to the end of the block.

    Not a signal mask: the children started inside the block would inherit it and then ignore
    SIGTERM.
    """
    _Held.depth += 1
    try:
        yield
    finally:
        _Held.depth -= 1
        if not _Held.depth and (signum := _Held.pending) is not None:
            _Held.pending = None
            exit_on_signal(signum, None)


def spawn_group(
    args: Sequence[str],
    *,
    then: Callable[[subprocess.Popen[bytes]], object] | None = None,
    **popen: Any,
) -> subprocess.Popen[bytes]:
    """Start ``args`` as the leader of a new process group (its own session).

    A stop signal is held back until the process exists and ``then`` (which registers how to
    end it) has run, so a signal at any moment cannot leave an unknown child behind.
    """
    with hold_stop_signals():
        process = subprocess.Popen(args, start_new_session=True, **popen)  # noqa: S603 - our own
        if then is not None:
            then(process)
    return process


def end_group(process: subprocess.Popen[Any], timeout: float = 60) -> None:
    """End a process started by ``spawn_group``: its whole group, by id (SIGTERM, then SIGKILL)."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)


@dataclass
class HomeAssistantProcess:
    """One ``hass`` process on 127.0.0.1:``port`` with its config in ``config_dir``."""

    venv: Path
    config_dir: Path
    port: int = 8123
    username: str = "dev"
    password: str = "dev"  # noqa: S105 - the documented login of a local development instance
    token: str | None = None
    # What the last config flow's information-only step showed (Clevercast's hook URLs).
    last_flow_placeholders: dict[str, str] = field(default_factory=dict)
    _process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        """The frontend's address."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        """Where HA writes its log."""
        return self.config_dir / "home-assistant.log"

    # Lifecycle ------------------------------------------------------------------------------

    def write_config(self, *, fresh: bool = True) -> None:
        """Write configuration.yaml and link the integration into custom_components/."""
        if fresh and self.config_dir.exists():
            shutil.rmtree(self.config_dir)
        (self.config_dir / "custom_components").mkdir(parents=True, exist_ok=True)
        storage = self.config_dir / ".storage"
        storage.mkdir(exist_ok=True)
        if self._http_config_in_storage():
            self._write_http_store(storage / "http")
            http = ""
        else:
            http = HTTP_YAML.format(port=self.port)
        (self.config_dir / "configuration.yaml").write_text(
            CONFIGURATION.format(port=self.port, http=http)
        )
        dashboards = self.config_dir / "dashboards"
        dashboards.mkdir(exist_ok=True)
        (dashboards / "video_pipeline.yaml").write_text(
            f"views:\n  - !include {ROOT / 'examples' / 'dashboard.yaml'}\n"
        )
        # Mark every onboarding step but the owner's account done: the core_config step would
        # add HA's default integrations (Met, Radio Browser, Google Translate), whose packages a
        # development instance does not have.
        onboarding = storage / "onboarding"
        if not onboarding.exists():
            onboarding.write_text(
                json.dumps(
                    {
                        "version": 4,
                        "minor_version": 1,
                        "key": "onboarding",
                        "data": {"done": ["core_config", "analytics", "integration"]},
                    }
                )
            )
        link = self.config_dir / "custom_components" / "video_pipeline"
        if not link.exists():
            link.symlink_to(ROOT / "custom_components" / "video_pipeline")
        blueprints = self.config_dir / "blueprints" / "automation" / "video_pipeline"
        if not blueprints.exists():
            blueprints.parent.mkdir(parents=True, exist_ok=True)
            blueprints.symlink_to(ROOT / "blueprints" / "automation" / "video_pipeline")

    def _http_config_in_storage(self) -> bool:
        """Whether this HA keeps its HTTP settings in storage (2026.10 on).

        Such a release imports an ``http:`` YAML block once as a *trial* configuration that the
        UI asks to confirm, and reverts it (restarting HA) when nobody does within 5 minutes.
        """
        found = list(self.venv.glob("lib/python3*/site-packages/homeassistant/components/http"))
        config_module = found[0] / "config.py" if found else None
        return config_module is not None and (
            config_module.exists() and "yaml_migration_done" in config_module.read_text()
        )

    def _write_http_store(self, path: Path) -> None:
        """Store loopback and our port as the confirmed HTTP settings, as the UI would."""
        if path.exists():
            return
        script = (
            "import json, sys\n"
            "from homeassistant.components.http.config import HTTP_STORAGE_SCHEMA\n"
            "print(json.dumps(HTTP_STORAGE_SCHEMA("
            "{'server_host': ['127.0.0.1'], 'server_port': int(sys.argv[1])})))"
        )
        stable = json.loads(
            subprocess.run(  # noqa: S603 - our own venv's Python, fixed arguments
                [str(self.venv / "bin" / "python"), "-c", script, str(self.port)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        stable.update(
            created_at=time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime()),
            error=None,
            error_message=None,
        )
        path.write_text(
            json.dumps(
                {
                    "version": 2,
                    "minor_version": 2,
                    "key": "http",
                    "data": {"stable": stable, "pending": None, "yaml_migration_done": True},
                }
            )
        )

    def start(self, timeout: float = 240) -> None:
        """Start ``hass`` and wait until its HTTP server answers."""
        log = (self.config_dir / "hass.stdout").open("wb")

        def keep(process: subprocess.Popen[bytes]) -> None:
            self._process = process

        process = spawn_group(
            [str(self.venv / "bin" / "hass"), "-c", str(self.config_dir), "--skip-pip"],
            then=keep,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise HomeAssistantError(f"hass exited early; see {self.log_path}")
            if self.answers():
                return
            time.sleep(1)
        raise HomeAssistantError(f"hass did not answer within {timeout:.0f} s; see {self.log_path}")

    def answers(self) -> bool:
        """Whether HA's HTTP server is up (it starts once the frontend, and so onboarding, is).

        ``/api/onboarding`` answers 404 once onboarding is done (HA no longer registers it): that
        is an answer too.
        """
        try:
            self._call("GET", "/api/onboarding", auth=False)
        except urllib.error.HTTPError:
            return True
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False
        return True

    def stop(self, timeout: float = 60) -> None:
        """Stop ``hass`` and anything it started (SIGTERM, then SIGKILL after ``timeout``)."""
        if self._process is not None:
            end_group(self._process, timeout)

    # HTTP -----------------------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        *,
        auth: bool = True,
        form: bool = False,
        text: bool = False,
    ) -> Any:
        headers = {"Content-Type": "application/json"}
        data = None
        if body is not None:
            if form:
                data = urllib.parse.urlencode(body).encode()
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            else:
                data = json.dumps(body).encode()
        if auth and self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(  # noqa: S310 - always http://127.0.0.1
            self.url + path, data=data, headers=headers, method=method
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            raw = response.read()
        if text:
            return raw.decode()
        return json.loads(raw) if raw else None

    def onboard(self) -> None:
        """Create the owner, finish onboarding and keep an access token (idempotent)."""
        client_id = f"{self.url}/"
        try:
            status = self._call("GET", "/api/onboarding")
        except urllib.error.HTTPError as err:
            if err.code != HTTPStatus.NOT_FOUND:
                raise
            self.login()  # onboarding is done: HA no longer registers its views
            return
        steps = {step["step"]: step["done"] for step in status}
        if not steps.get("user"):
            result = self._call(
                "POST",
                "/api/onboarding/users",
                {
                    "client_id": client_id,
                    "name": "Developer",
                    "username": self.username,
                    "password": self.password,
                    "language": "en",
                },
                auth=False,
            )
            self._token_from_code(result["auth_code"], client_id)
        else:
            self.login()
        for step, body in (
            ("core_config", {}),
            ("analytics", {}),
            (
                "integration",
                {"client_id": client_id, "redirect_uri": f"{client_id}?auth_callback=1"},
            ),
        ):
            if not steps.get(step):
                self._call("POST", f"/api/onboarding/{step}", body)

    def login(self) -> None:
        """Log in with the owner's username and password (HA's login flow)."""
        client_id = f"{self.url}/"
        flow = self._call(
            "POST",
            "/auth/login_flow",
            {
                "client_id": client_id,
                "handler": ["homeassistant", None],
                "redirect_uri": f"{client_id}?auth_callback=1",
            },
            auth=False,
        )
        result = self._call(
            "POST",
            f"/auth/login_flow/{flow['flow_id']}",
            {"client_id": client_id, "username": self.username, "password": self.password},
            auth=False,
        )
        self._token_from_code(result["result"], client_id)

    def _token_from_code(self, code: str, client_id: str) -> None:
        tokens = self._call(
            "POST",
            "/auth/token",
            {"grant_type": "authorization_code", "code": code, "client_id": client_id},
            auth=False,
            form=True,
        )
        self.token = tokens["access_token"]

    def add_entry(self, menu_option: str, form: dict[str, Any]) -> dict[str, Any]:
        """Run the integration's config flow as the UI would; return its last result."""
        result = self._call(
            "POST",
            "/api/config/config_entries/flow",
            {"handler": "video_pipeline"},
        )
        flow_path = f"/api/config/config_entries/flow/{result['flow_id']}"
        result = self._call("POST", flow_path, {"next_step_id": menu_option})
        result = self._call("POST", flow_path, form)
        # A last step without fields only shows information (Clevercast's hook URLs): confirm.
        while result.get("type") == "form" and not result.get("data_schema"):
            self.last_flow_placeholders = dict(result.get("description_placeholders") or {})
            result = self._call("POST", flow_path, {})
        return dict(result)

    def entries(self) -> list[dict[str, Any]]:
        """Every config entry, as the integrations page lists them."""
        return list(self._call("GET", "/api/config/config_entries/entry"))

    def render(self, template: str) -> str:
        """Render a template in HA (for example to find a device id)."""
        return str(self._call("POST", "/api/template", {"template": template}, text=True))

    def state(self, entity_id: str) -> str:
        """One entity's state."""
        return str(self._call("GET", f"/api/states/{entity_id}")["state"])

    def states(self) -> list[dict[str, Any]]:
        """Every entity state."""
        return list(self._call("GET", "/api/states"))
