"""Tests of the HA-free CaptureCast client."""
