"""Tests of the HA-free Cognitive3D client."""
