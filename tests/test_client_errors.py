"""The shared mapping from client exceptions to Home Assistant's: every vendor's record names
translated messages whose placeholders it fills, and the mapping picks the right kind of error.
"""

from __future__ import annotations

import json
from pathlib import Path
import string

from homeassistant.exceptions import (
    ConfigEntryAuthFailed,
    ConfigEntryNotReady,
    HomeAssistantError,
    ServiceValidationError,
)
from homeassistant.helpers.update_coordinator import UpdateFailed
import pytest

from custom_components.video_pipeline import client_errors
from custom_components.video_pipeline.client_errors import (
    CAPTURECAST_ERRORS,
    CLEVERCAST_ERRORS,
    COGNITIVE3D_ERRORS,
    ClientErrors,
    action_error,
    refresh_error,
    setup_error,
)
from custom_components.video_pipeline.clients.capturecast import (
    CaptureCastAuthenticationError,
    CaptureCastConnectionError,
    CaptureCastError,
    CaptureCastResponseError,
)
from custom_components.video_pipeline.clients.clevercast import (
    ClevercastConnectionError,
    ClevercastNotFoundError,
    ClevercastPermissionError,
)
from custom_components.video_pipeline.clients.cognitive3d import (
    Cognitive3DAuthenticationError,
    Cognitive3DConnectionError,
)

EXCEPTIONS = json.loads(
    (
        Path(__file__).parents[1]
        / "custom_components"
        / "video_pipeline"
        / "translations"
        / "en.json"
    ).read_text()
)["exceptions"]
RECORDS = {
    name: value for name, value in vars(client_errors).items() if isinstance(value, ClientErrors)
}


def _fields(key: str) -> set[str]:
    message = EXCEPTIONS[key]["message"]
    return {field for _, field, _, _ in string.Formatter().parse(message) if field}


def test_there_is_a_record_per_vendor() -> None:
    assert set(RECORDS) == {
        "API_VIDEO_ERRORS",
        "CAPTURECAST_ERRORS",
        "CLEVERCAST_ERRORS",
        "COGNITIVE3D_ERRORS",
        "CONTENTGROOVE_ERRORS",
    }


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_every_key_is_a_translated_message(name: str) -> None:
    errors = RECORDS[name]
    keys = [errors.auth_key, errors.action_failed, *(row.key for row in errors.actions)]
    keys += [key for key in (errors.not_ready_key, errors.update_failed_key) if key]
    for key in keys:
        assert key in EXCEPTIONS, key
    # Setup, refresh and the catch-all action message get the client's words as ``error``.
    for key in (errors.not_ready_key, errors.update_failed_key, errors.action_failed):
        if key:
            assert _fields(key) <= {"error", "unit"}, key


def test_setup_and_refresh() -> None:
    auth = setup_error(CLEVERCAST_ERRORS, ClevercastPermissionError("403", 403))
    assert isinstance(auth, ConfigEntryAuthFailed)
    assert auth.translation_key == "clevercast_auth_failed"
    down = setup_error(CLEVERCAST_ERRORS, ClevercastConnectionError("timeout"))
    assert isinstance(down, ConfigEntryNotReady)
    assert down.translation_key == "clevercast_unavailable"
    assert down.translation_placeholders == {"error": "timeout"}

    auth = refresh_error(COGNITIVE3D_ERRORS, Cognitive3DAuthenticationError("401", 401))
    assert isinstance(auth, ConfigEntryAuthFailed)
    assert auth.translation_key == "cognitive3d_invalid_auth"
    failed = refresh_error(COGNITIVE3D_ERRORS, Cognitive3DConnectionError("reset"))
    assert isinstance(failed, UpdateFailed)
    assert failed.translation_key == "cognitive3d_update_failed"
    assert failed.translation_placeholders == {"error": "reset"}


def test_capturecast_setup_and_refresh_keys() -> None:
    """The keys the unit's setup and coordinator raise through the record."""
    assert setup_error(CAPTURECAST_ERRORS, CaptureCastError("x")).translation_key == (
        "capturecast_cannot_connect"
    )
    assert refresh_error(CAPTURECAST_ERRORS, CaptureCastError("x")).translation_key == (
        "capturecast_update_failed"
    )
    auth = CaptureCastAuthenticationError("401", 401)
    assert setup_error(CAPTURECAST_ERRORS, auth).translation_key == "capturecast_invalid_auth"


@pytest.mark.parametrize(
    ("err", "key"),
    [
        (CaptureCastAuthenticationError("401", 401), "capturecast_action_invalid_auth"),
        (CaptureCastConnectionError("refused"), "capturecast_action_cannot_connect"),
        (CaptureCastResponseError("409", 409), "capturecast_action_conflict"),
        (CaptureCastResponseError("500", 500), "capturecast_action_failed"),
        (CaptureCastError("odd"), "capturecast_action_failed"),
    ],
)
def test_actions_pick_the_first_matching_row(err: CaptureCastError, key: str) -> None:
    translated = action_error(CAPTURECAST_ERRORS, err, unit="Hall")
    assert type(translated) is HomeAssistantError
    assert translated.translation_key == key
    assert translated.translation_placeholders == {"unit": "Hall", "error": str(err)}


def test_not_found_is_the_users_mistake_only_when_asked() -> None:
    err = ClevercastNotFoundError("404", 404)
    named = action_error(
        CLEVERCAST_ERRORS, err, not_found=("clevercast_item_not_found", {"item_id": "7"})
    )
    assert isinstance(named, ServiceValidationError)
    assert named.translation_key == "clevercast_item_not_found"
    assert named.translation_placeholders == {"item_id": "7"}
    plain = action_error(CLEVERCAST_ERRORS, err)
    assert type(plain) is HomeAssistantError
    assert plain.translation_key == "clevercast_request_failed"
    assert plain.translation_placeholders == {"error": "404"}
