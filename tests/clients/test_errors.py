"""The shared exception kinds: every vendor exception is one, and each vendor's status table."""

from __future__ import annotations

import pytest

from custom_components.video_pipeline.clients import (
    apivideo,
    capturecast,
    clevercast,
    cognitive3d,
    contentgroove,
    errors,
)
from custom_components.video_pipeline.clients.apivideo.exceptions import ERRORS as APIVIDEO
from custom_components.video_pipeline.clients.capturecast.exceptions import ERRORS as CAPTURECAST
from custom_components.video_pipeline.clients.clevercast.exceptions import ERRORS as CLEVERCAST
from custom_components.video_pipeline.clients.cognitive3d.exceptions import ERRORS as COGNITIVE3D
from custom_components.video_pipeline.clients.contentgroove.exceptions import (
    ERRORS as CONTENTGROOVE,
)

# Every public vendor exception, the vendor's base class and the shared kind it must be.
KINDS: list[tuple[type[Exception], type[Exception], type[errors.ClientError]]] = [
    (
        capturecast.CaptureCastConnectionError,
        capturecast.CaptureCastError,
        errors.ClientConnectionError,
    ),
    (
        capturecast.CaptureCastResponseError,
        capturecast.CaptureCastError,
        errors.ClientResponseError,
    ),
    (
        capturecast.CaptureCastAuthenticationError,
        capturecast.CaptureCastResponseError,
        errors.ClientAuthenticationError,
    ),
    (
        capturecast.CaptureCastPermissionError,
        capturecast.CaptureCastResponseError,
        errors.ClientPermissionError,
    ),
    (
        capturecast.CaptureCastNotFoundError,
        capturecast.CaptureCastResponseError,
        errors.ClientNotFoundError,
    ),
    (
        clevercast.ClevercastConnectionError,
        clevercast.ClevercastError,
        errors.ClientConnectionError,
    ),
    (clevercast.ClevercastResponseError, clevercast.ClevercastError, errors.ClientResponseError),
    (
        clevercast.ClevercastAuthenticationError,
        clevercast.ClevercastResponseError,
        errors.ClientAuthenticationError,
    ),
    (
        clevercast.ClevercastPermissionError,
        clevercast.ClevercastResponseError,
        errors.ClientPermissionError,
    ),
    (
        clevercast.ClevercastNotFoundError,
        clevercast.ClevercastResponseError,
        errors.ClientNotFoundError,
    ),
    (
        cognitive3d.Cognitive3DConnectionError,
        cognitive3d.Cognitive3DError,
        errors.ClientConnectionError,
    ),
    (
        cognitive3d.Cognitive3DResponseError,
        cognitive3d.Cognitive3DError,
        errors.ClientResponseError,
    ),
    (
        cognitive3d.Cognitive3DAuthenticationError,
        cognitive3d.Cognitive3DResponseError,
        errors.ClientAuthenticationError,
    ),
    (
        cognitive3d.Cognitive3DNotFoundError,
        cognitive3d.Cognitive3DResponseError,
        errors.ClientNotFoundError,
    ),
    (
        cognitive3d.Cognitive3DRateLimitedError,
        cognitive3d.Cognitive3DResponseError,
        errors.ClientRateLimitedError,
    ),
    (apivideo.ApiVideoConnectionError, apivideo.ApiVideoError, errors.ClientConnectionError),
    (apivideo.ApiVideoResponseError, apivideo.ApiVideoError, errors.ClientResponseError),
    (
        apivideo.ApiVideoAuthenticationError,
        apivideo.ApiVideoResponseError,
        errors.ClientAuthenticationError,
    ),
    (apivideo.ApiVideoNotFoundError, apivideo.ApiVideoResponseError, errors.ClientNotFoundError),
    (
        apivideo.ApiVideoRateLimitedError,
        apivideo.ApiVideoResponseError,
        errors.ClientRateLimitedError,
    ),
    (
        apivideo.ApiVideoWebhookLimitError,
        apivideo.ApiVideoResponseError,
        errors.ClientResponseError,
    ),
    (
        contentgroove.ContentGrooveConnectionError,
        contentgroove.ContentGrooveError,
        errors.ClientConnectionError,
    ),
    (
        contentgroove.ContentGrooveResponseError,
        contentgroove.ContentGrooveError,
        errors.ClientResponseError,
    ),
    (
        contentgroove.ContentGrooveAuthenticationError,
        contentgroove.ContentGrooveResponseError,
        errors.ClientAuthenticationError,
    ),
    (
        contentgroove.ContentGrooveNotFoundError,
        contentgroove.ContentGrooveResponseError,
        errors.ClientNotFoundError,
    ),
    (
        contentgroove.ContentGrooveQuotaError,
        contentgroove.ContentGrooveResponseError,
        errors.ClientResponseError,
    ),
    (
        contentgroove.ContentGrooveRateLimitedError,
        contentgroove.ContentGrooveResponseError,
        errors.ClientRateLimitedError,
    ),
]


@pytest.mark.parametrize(("cls", "vendor_base", "kind"), KINDS, ids=lambda c: c.__name__)
def test_every_vendor_exception_is_its_vendors_and_a_shared_kind(
    cls: type[Exception], vendor_base: type[Exception], kind: type[errors.ClientError]
) -> None:
    assert issubclass(cls, vendor_base)
    assert issubclass(cls, kind)


def test_the_vendor_bases_are_client_errors_of_one_vendor_only() -> None:
    bases = [
        capturecast.CaptureCastError,
        clevercast.ClevercastError,
        cognitive3d.Cognitive3DError,
        apivideo.ApiVideoError,
        contentgroove.ContentGrooveError,
    ]
    for base in bases:
        assert issubclass(base, errors.ClientError)
        assert [other for other in bases if issubclass(base, other)] == [base]


def test_response_errors_keep_their_status_and_vendor_details() -> None:
    assert capturecast.CaptureCastNotFoundError("GET /x: HTTP 404", 404).status == 404
    assert clevercast.ClevercastResponseError("odd").status is None
    assert str(cognitive3d.Cognitive3DAuthenticationError("GET /x: HTTP 403", 403)) == (
        "GET /x: HTTP 403"
    )
    api = apivideo.ApiVideoAuthenticationError("no", 401, title="Unauthorized", name="auth")
    assert (api.status, api.title, api.name) == (401, "Unauthorized", "auth")
    groove = contentgroove.ContentGrooveNotFoundError("gone", 404, detail="no such media")
    assert (groove.status, groove.detail) == (404, "no such media")


def test_rate_limited_errors_carry_the_wait_when_the_vendor_names_one() -> None:
    api = apivideo.ApiVideoRateLimitedError("slow down", 3.0, title="Too many")
    assert (api.status, api.retry_after, api.title) == (429, 3.0, "Too many")
    groove = contentgroove.ContentGrooveRateLimitedError("slow down", 1.5, detail="wait")
    assert (groove.status, groove.retry_after, groove.detail) == (429, 1.5, "wait")
    # Cognitive3D names no wait: the shared default says so.
    tired = cognitive3d.Cognitive3DRateLimitedError("GET /x: HTTP 503 after 3 attempts", 503)
    assert (tired.status, tired.retry_after) == (503, None)


@pytest.mark.parametrize(
    ("family", "connection", "response", "by_status"),
    [
        (
            CAPTURECAST,
            capturecast.CaptureCastConnectionError,
            capturecast.CaptureCastResponseError,
            {
                401: capturecast.CaptureCastAuthenticationError,
                403: capturecast.CaptureCastPermissionError,
                404: capturecast.CaptureCastNotFoundError,
            },
        ),
        (
            CLEVERCAST,
            clevercast.ClevercastConnectionError,
            clevercast.ClevercastResponseError,
            {
                401: clevercast.ClevercastAuthenticationError,
                403: clevercast.ClevercastPermissionError,
                404: clevercast.ClevercastNotFoundError,
            },
        ),
        (
            COGNITIVE3D,
            cognitive3d.Cognitive3DConnectionError,
            cognitive3d.Cognitive3DResponseError,
            {
                401: cognitive3d.Cognitive3DAuthenticationError,
                403: cognitive3d.Cognitive3DAuthenticationError,
                404: cognitive3d.Cognitive3DNotFoundError,
            },
        ),
        (
            APIVIDEO,
            apivideo.ApiVideoConnectionError,
            apivideo.ApiVideoResponseError,
            {401: apivideo.ApiVideoAuthenticationError, 404: apivideo.ApiVideoNotFoundError},
        ),
        (
            CONTENTGROOVE,
            contentgroove.ContentGrooveConnectionError,
            contentgroove.ContentGrooveResponseError,
            {
                401: contentgroove.ContentGrooveAuthenticationError,
                404: contentgroove.ContentGrooveNotFoundError,
            },
        ),
    ],
    ids=["capturecast", "clevercast", "cognitive3d", "apivideo", "contentgroove"],
)
def test_each_vendor_names_its_status_table(
    family: errors.ErrorFamily,
    connection: type[errors.ClientConnectionError],
    response: type[errors.ClientResponseError],
    by_status: dict[int, type[errors.ClientResponseError]],
) -> None:
    assert family.connection is connection
    assert family.response is response
    assert dict(family.by_status) == by_status


def test_a_family_without_a_status_table_maps_no_status() -> None:
    family = errors.ErrorFamily(errors.ClientConnectionError, errors.ClientResponseError)
    assert dict(family.by_status) == {}
