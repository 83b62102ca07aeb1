"""Async client for the Cognitive3D REST API (organization scope)."""

from .client import Cognitive3DClient
from .exceptions import (
    Cognitive3DAuthenticationError,
    Cognitive3DConnectionError,
    Cognitive3DError,
    Cognitive3DNotFoundError,
    Cognitive3DRateLimitedError,
    Cognitive3DResponseError,
)
from .models import (
    Organization,
    Project,
    ProjectSummary,
    Scene,
    SceneStats,
    SceneSummary,
    Session,
    SessionPage,
)

__all__ = [
    "Cognitive3DAuthenticationError",
    "Cognitive3DClient",
    "Cognitive3DConnectionError",
    "Cognitive3DError",
    "Cognitive3DNotFoundError",
    "Cognitive3DRateLimitedError",
    "Cognitive3DResponseError",
    "Organization",
    "Project",
    "ProjectSummary",
    "Scene",
    "SceneStats",
    "SceneSummary",
    "Session",
    "SessionPage",
]
