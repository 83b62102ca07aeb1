"""Tests of the integration's CaptureCast units."""
