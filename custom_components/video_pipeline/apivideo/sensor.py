"""Sensors of an api.video account: when the last encoding finished, and which."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final

from homeassistant.components.sensor import SensorDeviceClass
from homeassistant.util import dt as dt_util

from ..account import DeliverySensorDescription, last_delivery_platform
from ..clients.apivideo import parse_datetime
from ..clients.apivideo.webhooks import VIDEO_ENCODING_QUALITY_COMPLETED
from ..providers import PlatformSetup
from ..webhooks import AcceptedDelivery
from .data import ApiVideoRuntimeData
from .entity import device_info


def _emitted_at(delivery: AcceptedDelivery) -> datetime:
    """When api.video says the event happened; when it arrived if that is unreadable."""
    emitted = parse_datetime(delivery.payload.get("emittedAt"))
    if emitted is None:
        return dt_util.utcnow()
    return emitted if emitted.tzinfo else emitted.replace(tzinfo=dt_util.UTC)


def _encoding_attributes(delivery: AcceptedDelivery) -> Mapping[str, Any]:
    return {
        "video_id": delivery.video_id,
        "encoding": delivery.payload.get("encoding"),
        "quality": delivery.payload.get("quality"),
    }


SENSOR_DESCRIPTIONS: Final = (
    DeliverySensorDescription(
        key="last_encoding",
        translation_key="api_video_last_encoding",
        device_class=SensorDeviceClass.TIMESTAMP,
        event_types=(VIDEO_ENCODING_QUALITY_COMPLETED,),
        value_fn=_emitted_at,
        attributes_fn=_encoding_attributes,
    ),
)


async_setup_entry: PlatformSetup[ApiVideoRuntimeData] = last_delivery_platform(
    SENSOR_DESCRIPTIONS, device_info
)
