"""Basic credentials are a header the clients build themselves, not aiohttp's BasicAuth."""

from __future__ import annotations

from pathlib import Path
import re

import pytest

from custom_components.video_pipeline.clients.http_auth import basic_authorization
from simulator.basic_auth import basic_credentials

ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize(
    ("user", "password", "header"),
    [
        ("user", "pass", "Basic dXNlcjpwYXNz"),
        ("sim-production-key", "", "Basic c2ltLXByb2R1Y3Rpb24ta2V5Og=="),
        ("jörg", "pässwort", "Basic asO2cmc6cMOkc3N3b3J0"),
    ],
)
def test_header_and_the_simulators_reading_of_it(user: str, password: str, header: str) -> None:
    assert basic_authorization(user, password) == header
    assert basic_credentials(header) == (user, password)


@pytest.mark.parametrize(
    "header", ["", "Bearer abc", "Basic !!!", "Basic dXNlcg==", "Basic /w==", "Basic"]
)
def test_the_simulators_refuse_what_is_not_basic(header: str) -> None:
    assert basic_credentials(header) is None


def test_no_client_or_simulator_uses_aiohttp_basic_auth() -> None:
    """aiohttp 3.14 deprecates BasicAuth and ``auth=``; aiohttp 4 removes them."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("custom_components", "simulator", "tests")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path.name != "test_http_auth.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"BasicAuth[.(]|import .*\bBasicAuth\b|[(,]\s*auth=", line)
    ]
    assert not offenders
