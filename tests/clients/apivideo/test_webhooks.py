"""Webhook delivery signatures, event types and payload parsing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
import json
from typing import Any

import pytest

from custom_components.video_pipeline.clients.apivideo import (
    EVENT_TYPES,
    InvalidDeliveryError,
    parse_datetime,
    parse_delivery,
    sign,
    verify,
)

SECRET = "sig_sec_0000000000000000000000"
BODY = (
    b'{"type":"video.encoding.quality.completed","emittedAt":"2021-01-29T15:46:25.217Z",'
    b'"videoId":"vi0000000000000000000000","liveStreamId":"li0000000000000000000000",'
    b'"encoding":"hls","quality":"720p"}'
)
SIGNATURE = "27a77d3a7fc626854886b5dbfae4e32c8b0170c1ea1b714c91ba77f1e7774e8c"
WHEN = "2021-01-29T15:46:25.217Z"

# One example per event, with the fields of the vendor's event table.
EXAMPLES: dict[str, dict[str, Any]] = {
    "video.encoding.quality.completed": {
        "videoId": "vi1",
        "encoding": "mp4",
        "quality": "1080p",
    },
    "live-stream.broadcast.started": {"liveStreamId": "li1"},
    "live-stream.broadcast.ended": {"liveStreamId": "li1"},
    "video.source.recorded": {"liveStreamId": "li1", "videoId": "vi1"},
    "video.caption.generated": {
        "videoId": "vi1",
        "captionId": "cap1",
        "generationMode": "transcript",
        "language": "fr",
    },
    "video.summary.generated": {"videoId": "vi1", "summaryId": "sum1"},
}


def _body(event_type: str, **fields: Any) -> bytes:
    return json.dumps({"type": event_type, "emittedAt": WHEN, **fields}).encode()


def test_sign_matches_the_vendor_vector() -> None:
    assert sign(SECRET, BODY) == SIGNATURE


@pytest.mark.parametrize(
    ("secret", "body", "signature", "expected"),
    [
        (SECRET, BODY, SIGNATURE, True),
        (SECRET, BODY, SIGNATURE.upper(), True),
        (SECRET, BODY, f" {SIGNATURE}\n", True),
        (SECRET, BODY + b" ", SIGNATURE, False),
        ("sig_sec_other", BODY, SIGNATURE, False),
        (SECRET, BODY, SIGNATURE[:-1], False),
        (SECRET, BODY, "", False),
        (SECRET, BODY, None, False),
        ("", BODY, sign("", BODY), False),
        (SECRET, BODY, "é" * 64, False),
    ],
)
def test_verify(secret: str, body: bytes, signature: str | None, expected: bool) -> None:
    assert verify(secret, body, signature) is expected


def test_there_are_exactly_six_event_types() -> None:
    assert set(EVENT_TYPES) == set(EXAMPLES)
    assert len(EVENT_TYPES) == 6


def test_the_vector_body_parses() -> None:
    delivery = parse_delivery(BODY)
    assert delivery.type == "video.encoding.quality.completed"
    assert delivery.emitted_at == datetime(2021, 1, 29, 15, 46, 25, 217000, tzinfo=UTC)
    assert delivery.emitted_at_raw == WHEN
    assert delivery.video_id == "vi0000000000000000000000"
    assert delivery.live_stream_id == "li0000000000000000000000"
    assert delivery.payload["quality"] == "720p"
    assert delivery.known


@pytest.mark.parametrize("event_type", list(EXAMPLES))
def test_every_event_example_parses(event_type: str) -> None:
    fields = EXAMPLES[event_type]
    delivery = parse_delivery(_body(event_type, **fields, extraKey={"any": 1}))
    assert delivery.type == event_type
    assert delivery.video_id == fields.get("videoId")
    assert delivery.live_stream_id == fields.get("liveStreamId")
    assert delivery.payload == {
        "type": event_type,
        "emittedAt": WHEN,
        **fields,
        "extraKey": {"any": 1},
    }


@pytest.mark.parametrize(
    ("event_type", "missing"),
    [
        (event_type, key)
        for event_type, fields in EXAMPLES.items()
        for key in fields
        if key.endswith("Id")
    ],
)
def test_known_events_need_their_ids(event_type: str, missing: str) -> None:
    fields = {k: v for k, v in EXAMPLES[event_type].items() if k != missing}
    with pytest.raises(InvalidDeliveryError, match=missing):
        parse_delivery(_body(event_type, **fields))
    with pytest.raises(InvalidDeliveryError, match=missing):
        parse_delivery(_body(event_type, **fields, **{missing: 42}))


def test_unknown_types_are_accepted() -> None:
    delivery = parse_delivery(b'{"type": "video.future.thing", "somethingId": 1}')
    assert delivery.type == "video.future.thing"
    assert not delivery.known
    assert delivery.emitted_at is None
    assert delivery.emitted_at_raw is None


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b"\xff\xfe",
        b"[]",
        b'"video.source.recorded"',
        b"null",
        b"{}",
        b'{"type": 5}',
        b'{"type": ""}',
        b'{"type": "video.future.thing", "videoId": 7}',
        b'{"type": "live-stream.broadcast.started", "liveStreamId": ""}',
    ],
)
def test_malformed_bodies_raise(body: bytes) -> None:
    with pytest.raises(InvalidDeliveryError):
        parse_delivery(body)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2021-01-29T15:46:25.217Z", datetime(2021, 1, 29, 15, 46, 25, 217000, tzinfo=UTC)),
        ("2021-01-29T15:46:25Z", datetime(2021, 1, 29, 15, 46, 25, tzinfo=UTC)),
        ("2021-01-29T15:46:25+00:00", datetime(2021, 1, 29, 15, 46, 25, tzinfo=UTC)),
        (
            "2021-01-29T16:46:25.217+01:00",
            datetime(2021, 1, 29, 16, 46, 25, 217000, tzinfo=timezone(timedelta(hours=1))),
        ),
        (
            "2021-01-29T15:46:25.123456789+0000",
            datetime(2021, 1, 29, 15, 46, 25, 123456, tzinfo=UTC),
        ),
        ("2021-01-29 15:46", datetime(2021, 1, 29, 15, 46)),  # noqa: DTZ001  # naive on purpose
        ("garbage", None),
        ("2021-13-45T99:99:99Z", None),
        ("2024-08-151T10:18:47+00:00", None),  # the spec's own example is malformed
        ("", None),
        (None, None),
        (1611935185, None),
    ],
)
def test_emitted_at_shapes(raw: Any, expected: datetime | None) -> None:
    assert parse_datetime(raw) == expected
    if isinstance(raw, str) or raw is None:
        body = json.dumps(
            {"type": "live-stream.broadcast.started", "liveStreamId": "li1", "emittedAt": raw}
        )
        assert parse_delivery(body.encode()).emitted_at == expected


def test_dedupe_key_is_short_stable_and_distinct() -> None:
    first = parse_delivery(BODY)
    again = parse_delivery(BODY)
    key = first.dedupe_key("webhook_1")
    assert key == again.dedupe_key("webhook_1")
    assert len(key) <= 32
    assert key.isalnum()
    other_quality = parse_delivery(BODY.replace(b"720p", b"1080p"))
    other_encoding = parse_delivery(BODY.replace(b'"hls"', b'"mp4"'))
    other_time = parse_delivery(BODY.replace(b"25.217Z", b"26.217Z"))
    other_video = parse_delivery(BODY.replace(b"vi000", b"vi001"))
    keys = {
        key,
        first.dedupe_key("webhook_2"),
        first.dedupe_key(None),
        other_quality.dedupe_key("webhook_1"),
        other_encoding.dedupe_key("webhook_1"),
        other_time.dedupe_key("webhook_1"),
        other_video.dedupe_key("webhook_1"),
    }
    assert len(keys) == 7
    # Key order and whitespace in the body do not matter: the key reads fields, not bytes.
    reordered = json.dumps(dict(reversed(list(json.loads(BODY).items())))).encode()
    assert parse_delivery(reordered).dedupe_key("webhook_1") == key
