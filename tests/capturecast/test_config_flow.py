"""Config flow for CaptureCast units: the menu, adding a unit, reauth and reconfigure."""

from __future__ import annotations

from unittest.mock import AsyncMock, MagicMock

from homeassistant.config_entries import SOURCE_USER, ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.video_pipeline.capturecast.config_flow import parse_address
from custom_components.video_pipeline.clients.capturecast import (
    CaptureCastAuthenticationError,
    CaptureCastConnectionError,
    CaptureCastNotFoundError,
    CaptureCastPermissionError,
    CaptureCastResponseError,
    UnitInfo,
    User,
)
from custom_components.video_pipeline.const import DOMAIN

from .fixtures import UNIT_SERIAL

USER_INPUT = {
    "host": "capture-101.example.edu",
    "ssl": False,
    "verify_ssl": False,
    "username": "admin",
    "password": "secret",
}


async def start_unit_step(hass: HomeAssistant) -> str:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert result["type"] is FlowResultType.MENU
    assert result["menu_options"] == [
        "capturecast",
        "api_video",
        "contentgroove",
        "clevercast",
        "cognitive3d",
    ]
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "capturecast"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "capturecast"
    return str(result["flow_id"])


async def test_add_unit(hass: HomeAssistant, mock_capturecast_client: MagicMock) -> None:
    flow_id = await start_unit_step(hass)
    result = await hass.config_entries.flow.async_configure(flow_id, USER_INPUT)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Lecture Hall 101"
    assert result["data"] == {
        "provider": "capturecast",
        "host": "capture-101.example.edu",
        "port": None,
        "ssl": False,
        "verify_ssl": False,
        "username": "admin",
        "password": "secret",
    }
    assert result["result"].unique_id == UNIT_SERIAL


async def test_url_in_host_field(hass: HomeAssistant, mock_capturecast_client: MagicMock) -> None:
    flow_id = await start_unit_step(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {**USER_INPUT, "host": " https://10.0.0.5:8443/ "}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"]["host"] == "10.0.0.5"
    assert result["data"]["port"] == 8443
    assert result["data"]["ssl"] is True


@pytest.mark.parametrize(
    ("raw", "port", "ssl", "expected"),
    [
        ("unit", None, False, ("unit", None, False)),
        ("unit:8080", None, False, ("unit", 8080, False)),
        ("unit", 8443.0, True, ("unit", 8443, True)),
        ("http://unit", None, True, ("unit", None, False)),
        ("[2001:db8::1]:81", None, False, ("2001:db8::1", 81, False)),
    ],
)
def test_parse_address(raw: str, port: object, ssl: bool, expected: tuple[object, ...]) -> None:
    address = parse_address(raw, port, ssl)
    assert (address.host, address.port, address.ssl) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "ftp://unit",
        "http://unit/api",
        "http://user:pw@unit",
        "http://unit?x=1",
        "http://",
    ],
)
async def test_invalid_host(
    hass: HomeAssistant, mock_capturecast_client: MagicMock, raw: str
) -> None:
    flow_id = await start_unit_step(hass)
    result = await hass.config_entries.flow.async_configure(flow_id, {**USER_INPUT, "host": raw})
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "invalid_host"}
    mock_capturecast_client.get_unit_info.assert_not_called()


@pytest.mark.parametrize(
    ("attribute", "side_effect", "error"),
    [
        ("get_unit_info", CaptureCastConnectionError("down"), "cannot_connect"),
        ("get_unit_info", CaptureCastAuthenticationError("401", 401), "invalid_auth"),
        ("get_users", CaptureCastAuthenticationError("401", 401), "invalid_auth"),
        ("get_unit_info", RuntimeError("boom"), "unknown"),
    ],
)
async def test_errors_then_recover(
    hass: HomeAssistant,
    mock_capturecast_client: MagicMock,
    attribute: str,
    side_effect: Exception,
    error: str,
) -> None:
    flow_id = await start_unit_step(hass)
    original = getattr(mock_capturecast_client, attribute).return_value
    setattr(mock_capturecast_client, attribute, AsyncMock(side_effect=side_effect))
    result = await hass.config_entries.flow.async_configure(flow_id, USER_INPUT)
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": error}

    setattr(mock_capturecast_client, attribute, AsyncMock(return_value=original))
    result = await hass.config_entries.flow.async_configure(flow_id, USER_INPUT)
    assert result["type"] is FlowResultType.CREATE_ENTRY


@pytest.mark.parametrize(
    "users",
    [
        [User(id=1, username="admin", roles=("Status viewer",))],
        [User(id=1, username="Admin", roles=())],
        [
            User(id=1, username="admin", roles=("Scheduler", "Presenter")),
            User(id=2, username="content", roles=("Content manager",)),
        ],
    ],
)
async def test_role_that_cannot_capture(
    hass: HomeAssistant, mock_capturecast_client: MagicMock, users: list[User]
) -> None:
    """/users answers in the shape we know and the user clearly lacks a role that captures."""
    mock_capturecast_client.get_users.return_value = users
    flow_id = await start_unit_step(hass)
    result = await hass.config_entries.flow.async_configure(flow_id, USER_INPUT)
    assert result["errors"] == {"base": "insufficient_permissions"}


# Every answer of the unconfirmed /api/1/users call other than a recognised list that shows the
# user without a capture role: the unit is added anyway (identity and Basic auth are confirmed).
ADVISORY_USERS_ANSWERS = {
    "404": CaptureCastNotFoundError("GET /api/1/users: HTTP 404", 404),
    "405": CaptureCastResponseError("GET /api/1/users: HTTP 405", 405),
    "403": CaptureCastPermissionError("GET /api/1/users: HTTP 403", 403),
    "500": CaptureCastResponseError("GET /api/1/users: HTTP 500", 500),
    "503": CaptureCastResponseError("GET /api/1/users: HTTP 503", 503),
    "other shape": CaptureCastResponseError("expected a list, got str"),
    "not JSON": CaptureCastResponseError("GET /api/1/users: body is not JSON"),
    "timeout": CaptureCastConnectionError("GET /api/1/users: no answer within 10 s"),
    "user not listed": [User(id=2, username="someone-else", roles=("Administrator",))],
    "no roles in the list": [User(id=1, username="admin", roles=(), roles_listed=False)],
    "empty list": [],
}


@pytest.mark.parametrize("answer", ADVISORY_USERS_ANSWERS.values(), ids=ADVISORY_USERS_ANSWERS)
async def test_role_check_is_advisory(
    hass: HomeAssistant,
    mock_capturecast_client: MagicMock,
    caplog: pytest.LogCaptureFixture,
    answer: Exception | list[User],
) -> None:
    if isinstance(answer, Exception):
        mock_capturecast_client.get_users.side_effect = answer
    else:
        mock_capturecast_client.get_users.return_value = answer
    flow_id = await start_unit_step(hass)
    result = await hass.config_entries.flow.async_configure(flow_id, USER_INPUT)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["result"].unique_id == UNIT_SERIAL
    assert "without checking" in caplog.text
    assert "Traceback" not in caplog.text


@pytest.mark.parametrize("answer", ["404", "timeout", "other shape"])
async def test_reauth_and_reconfigure_do_not_need_users(
    hass: HomeAssistant,
    mock_capturecast_client: MagicMock,
    mock_config_entry: MockConfigEntry,
    answer: str,
) -> None:
    mock_config_entry.add_to_hass(hass)
    mock_capturecast_client.get_users.side_effect = ADVISORY_USERS_ANSWERS[answer]
    result = await mock_config_entry.start_reauth_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"username": "admin", "password": "new-secret"}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"

    result = await mock_config_entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"host": "10.9.9.9"})
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert mock_config_entry.data["host"] == "10.9.9.9"
    assert mock_config_entry.data["password"] == "new-secret"
    await hass.async_block_till_done()  # the reload the flow scheduled
    assert mock_config_entry.state is ConfigEntryState.LOADED


async def test_reauth_as_a_user_that_cannot_capture(
    hass: HomeAssistant, mock_capturecast_client: MagicMock, mock_config_entry: MockConfigEntry
) -> None:
    mock_config_entry.add_to_hass(hass)
    mock_capturecast_client.get_users.return_value = [
        User(id=4, username="viewer", roles=("Status viewer",))
    ]
    result = await mock_config_entry.start_reauth_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"username": "viewer", "password": "viewer"}
    )
    assert result["errors"] == {"base": "insufficient_permissions"}
    assert mock_config_entry.data["username"] == "admin"


async def test_content_manager_may_capture(
    hass: HomeAssistant, mock_capturecast_client: MagicMock
) -> None:
    mock_capturecast_client.get_users.return_value = [
        User(id=3, username="ADMIN", roles=("Content Manager",))
    ]
    flow_id = await start_unit_step(hass)
    result = await hass.config_entries.flow.async_configure(flow_id, USER_INPUT)
    assert result["type"] is FlowResultType.CREATE_ENTRY


async def test_same_unit_twice_updates_address(
    hass: HomeAssistant, mock_capturecast_client: MagicMock, mock_config_entry: MockConfigEntry
) -> None:
    mock_config_entry.add_to_hass(hass)
    flow_id = await start_unit_step(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {**USER_INPUT, "host": "10.1.1.1"}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert mock_config_entry.data["host"] == "10.1.1.1"


async def test_reauth(
    hass: HomeAssistant, mock_capturecast_client: MagicMock, mock_config_entry: MockConfigEntry
) -> None:
    mock_config_entry.add_to_hass(hass)
    result = await mock_config_entry.start_reauth_flow(hass)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "capturecast_reauth_confirm"

    mock_capturecast_client.get_unit_info.side_effect = CaptureCastAuthenticationError("401")
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"username": "admin", "password": "wrong"}
    )
    assert result["errors"] == {"base": "invalid_auth"}

    mock_capturecast_client.get_unit_info.side_effect = None
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"username": "admin", "password": "new-secret"}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    assert mock_config_entry.data["password"] == "new-secret"
    await hass.async_block_till_done()  # the reload the flow scheduled
    assert mock_config_entry.state is ConfigEntryState.LOADED


async def test_reauth_other_unit(
    hass: HomeAssistant, mock_capturecast_client: MagicMock, mock_config_entry: MockConfigEntry
) -> None:
    mock_config_entry.add_to_hass(hass)
    result = await mock_config_entry.start_reauth_flow(hass)
    mock_capturecast_client.get_unit_info.return_value = UnitInfo(
        unit_name="Other", machine_name="other", serial_number="cc-9999", model=None, version=None
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"username": "admin", "password": "x"}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "wrong_unit"
    assert mock_config_entry.data["password"] == "secret"


async def test_reconfigure(
    hass: HomeAssistant, mock_capturecast_client: MagicMock, mock_config_entry: MockConfigEntry
) -> None:
    mock_config_entry.add_to_hass(hass)
    result = await mock_config_entry.start_reconfigure_flow(hass)
    assert result["step_id"] == "capturecast_reconfigure"

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"host": "http://bad/path"}
    )
    assert result["errors"] == {"base": "invalid_host"}

    mock_capturecast_client.get_unit_info.side_effect = CaptureCastConnectionError("down")
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"host": "10.2.2.2", "ssl": True, "verify_ssl": True}
    )
    assert result["errors"] == {"base": "cannot_connect"}

    mock_capturecast_client.get_unit_info.side_effect = None
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"host": "10.2.2.2", "ssl": True, "verify_ssl": True}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert mock_config_entry.data["host"] == "10.2.2.2"
    assert mock_config_entry.data["ssl"] is True
    assert mock_config_entry.data["verify_ssl"] is True
    assert mock_config_entry.data["password"] == "secret"
    await hass.async_block_till_done()  # the reload the flow scheduled
    assert mock_config_entry.state is ConfigEntryState.LOADED


async def test_reconfigure_other_unit(
    hass: HomeAssistant, mock_capturecast_client: MagicMock, mock_config_entry: MockConfigEntry
) -> None:
    mock_config_entry.add_to_hass(hass)
    result = await mock_config_entry.start_reconfigure_flow(hass)
    mock_capturecast_client.get_unit_info.return_value = UnitInfo(
        unit_name="Other", machine_name="other", serial_number=None, model=None, version=None
    )
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"host": "10.3.3.3"})
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "wrong_unit"
    assert mock_config_entry.data["host"] == "capture-101.example.edu"


async def test_capturecast_has_no_options(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    mock_config_entry.add_to_hass(hass)
    assert not mock_config_entry.supports_options
