"""Tests of the integration's Cognitive3D organizations."""
