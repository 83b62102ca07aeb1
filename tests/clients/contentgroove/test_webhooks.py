"""Delivery parsing and building, and the lenient models, against the notes' delivery shape."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from custom_components.video_pipeline.clients.contentgroove import (
    MEDIA_PROCESSING_FINISHED,
    Clip,
    InvalidDeliveryError,
    Media,
    WebhookSubscription,
    build_delivery,
    parse_delivery,
)

# The shape the vendor's notes describe, with numbers written as strings as it sometimes does.
DELIVERY: dict[str, Any] = {
    "event": "media.processing_finished",
    "payload": {
        "data": {
            "id": 42,
            "type": "medias",
            "attributes": {
                "name": "Keynote",
                "description": "Day one",
                "is_processing": "false",
                "has_fetch_error": 0,
                "source_url": "https://videos.example/keynote.mp4",
                "source_file_duration": "3600.5",
                "source_file_preview_image_url": "https://cdn.example/42.jpg",
            },
            "relationships": {
                "clips": {"data": [{"id": "7", "type": "clips"}, {"id": "8", "type": "clips"}]},
                "transcription": {"data": {"id": "t1", "type": "transcriptions"}},
            },
        },
        "included": [
            {
                "id": "7",
                "type": "clips",
                "attributes": {
                    "name": "Second best",
                    "start_time": "10.5",
                    "end_time": 25,
                    "rank": "2",
                    "text": "later",
                    "media_file_url": "https://cdn.example/7.mp4",
                },
            },
            {"id": "9", "type": "clips", "attributes": {"name": "Unranked"}},
            {"id": 8, "type": "clips", "attributes": {"rank": 1, "start_time": 0}},
            "not a resource",
            {"id": "t1", "type": "transcriptions", "attributes": {"text": "Hello world."}},
        ],
    },
}


def test_parse_the_documented_shape() -> None:
    delivery = parse_delivery(copy.deepcopy(DELIVERY))
    assert delivery.event == MEDIA_PROCESSING_FINISHED
    assert delivery.media == Media(
        id="42",
        name="Keynote",
        description="Day one",
        is_processing=False,
        has_fetch_error=False,
        source_url="https://videos.example/keynote.mp4",
        duration_seconds=3600.5,
        preview_image_url="https://cdn.example/42.jpg",
    )
    assert delivery.media_id == "42"
    assert delivery.dedupe_key == "media.processing_finished:42"
    # Sorted by rank, lowest first, the unranked clip last.
    assert [clip.id for clip in delivery.clips] == ["8", "7", "9"]
    assert delivery.clip_count == 3
    assert delivery.top_clip is not None
    assert (delivery.top_clip.rank, delivery.top_clip.start_time) == (1, 0.0)
    assert delivery.clips[1] == Clip(
        id="7",
        name="Second best",
        start_time=10.5,
        end_time=25.0,
        rank=2,
        text="later",
        media_file_url="https://cdn.example/7.mp4",
    )
    assert delivery.transcript == "Hello world."
    assert delivery.raw["payload"]["data"]["id"] == 42


def test_missing_included_and_odd_transcriptions() -> None:
    body = copy.deepcopy(DELIVERY)
    del body["payload"]["included"]
    delivery = parse_delivery(body)
    assert (delivery.clips, delivery.clip_count, delivery.top_clip, delivery.transcript) == (
        (),
        0,
        None,
        None,
    )
    body["payload"]["included"] = [
        {"id": "t0", "type": "transcription", "attributes": "text"},
        {"id": "t1", "type": "transcriptions", "attributes": {"text": 5}},
        {"id": "t2", "type": "transcriptions", "attributes": {"text": "second"}},
        {"id": "t3", "type": "transcriptions", "attributes": {"text": "third"}},
    ]
    assert parse_delivery(body).transcript == "second"
    body["payload"]["included"] = {"not": "a list"}
    assert parse_delivery(body).clips == ()


def test_unknown_events_are_accepted() -> None:
    delivery = parse_delivery({"event": "media.deleted"})
    assert (delivery.media, delivery.media_id, delivery.dedupe_key) == (None, None, None)
    other = parse_delivery({"event": "clip.created", "payload": {"data": [1, 2]}})
    assert other.media is None
    with_media = parse_delivery({"event": "media.updated", "payload": {"data": {"id": "5"}}})
    assert with_media.dedupe_key == "media.updated:5"
    assert with_media.media is not None
    assert with_media.media.name is None


@pytest.mark.parametrize(
    "body",
    [
        None,
        [DELIVERY],
        "media.processing_finished",
        {},
        {"event": 5, "payload": {}},
        {"event": "", "payload": {}},
        {"event": "media.processing_finished", "payload": []},
        {"event": "media.processing_finished", "payload": "x"},
        {"event": "media.processing_finished"},
        {"event": "media.processing_finished", "payload": {"data": {"id": ""}}},
        {"event": "media.processing_finished", "payload": {"data": {"id": True}}},
        {"event": "media.processing_finished", "payload": {"data": None}},
    ],
)
def test_invalid_deliveries(body: Any) -> None:
    with pytest.raises(InvalidDeliveryError):
        parse_delivery(body)


def test_build_delivery_round_trips() -> None:
    media = parse_delivery(copy.deepcopy(DELIVERY)).media
    assert media is not None
    clips = [
        Clip("c2", "B", 5.0, 9.0, 2, "b", None),
        Clip("c1", "A", 0.0, 4.0, 1, "a", "https://cdn.example/c1.mp4"),
    ]
    body = build_delivery(media, clips, "words")
    assert body["event"] == MEDIA_PROCESSING_FINISHED
    data = body["payload"]["data"]
    assert data["relationships"]["clips"]["data"] == [
        {"id": "c2", "type": "clips"},
        {"id": "c1", "type": "clips"},
    ]
    assert data["relationships"]["transcription"]["data"]["type"] == "transcriptions"
    parsed = parse_delivery(body)
    assert parsed.media == media
    assert parsed.clips == (clips[1], clips[0])
    assert parsed.transcript == "words"

    bare = build_delivery(media, event="media.other")
    assert bare["payload"]["included"] == []
    assert bare["payload"]["data"]["relationships"]["transcription"] == {"data": None}
    assert parse_delivery(bare).dedupe_key == "media.other:42"


def test_models_are_lenient() -> None:
    media = Media.from_resource(
        {
            "id": 3,
            "attributes": {
                "name": 12,
                "description": ["x"],
                "is_processing": "TRUE",
                "has_fetch_error": 5,
                "source_file_duration": "1:02:03.5",
            },
        }
    )
    assert (media.id, media.name, media.description) == ("3", "12", None)
    assert (media.is_processing, media.has_fetch_error) == (True, None)
    assert media.duration_seconds == 3723.5
    for duration, expected in (
        ("abc", None),
        ("nan", None),
        (float("inf"), None),
        (True, None),
        ({"s": 1}, None),
        (12, 12.0),
    ):
        odd = Media.from_resource({"id": "x", "attributes": {"source_file_duration": duration}})
        assert odd.duration_seconds == expected
    assert Media.from_resource({"attributes": "nope"}).id == ""
    assert Media.from_resource({"id": "1", "attributes": {"is_processing": 1}}).is_processing
    assert (
        Media.from_resource({"id": "1", "attributes": {"is_processing": "maybe"}}).is_processing
        is None
    )
    assert Clip.from_resource({"id": "c", "attributes": {"rank": "x"}}).rank is None
    assert Clip.from_resource({"id": "c", "attributes": {"rank": 2.7}}).rank == 2
    subscription = WebhookSubscription.from_resource(
        {
            "id": 9,
            "attributes": {"url": "https://h/x", "subscribed_events": ["a", 1], "active": "false"},
        }
    )
    assert subscription == WebhookSubscription(
        id="9", url="https://h/x", events=("a",), active=False
    )
    assert (
        WebhookSubscription.from_resource(
            {"id": "1", "attributes": {"subscribed_events": "a"}}
        ).events
        == ()
    )
