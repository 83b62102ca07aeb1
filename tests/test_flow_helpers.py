"""The shared flow pieces: a client call's exceptions become form errors by a table."""

from __future__ import annotations

import pytest

from custom_components.video_pipeline.flow_helpers import FormError, form_errors_of


class VendorError(Exception):
    """A client's base exception."""


class VendorAuthError(VendorError):
    """A more specific one."""


async def answer() -> int:
    return 7


async def fail(err: Exception) -> int:
    raise err


ERRORS = ((VendorAuthError, "invalid_auth"), (VendorError, "cannot_connect"))


async def test_an_answer_passes_through() -> None:
    assert await form_errors_of(answer(), ERRORS) == 7


@pytest.mark.parametrize(
    ("err", "key"),
    [(VendorAuthError("401"), "invalid_auth"), (VendorError("down"), "cannot_connect")],
)
async def test_the_first_matching_row_names_the_form_error(err: Exception, key: str) -> None:
    with pytest.raises(FormError) as found:
        await form_errors_of(fail(err), ERRORS)
    assert found.value.error == key
    assert found.value.__cause__ is err


async def test_an_unlisted_exception_is_not_a_form_error() -> None:
    with pytest.raises(RuntimeError):
        await form_errors_of(fail(RuntimeError("bug")), ERRORS)
