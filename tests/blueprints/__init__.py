"""Tests of the shipped automation blueprints."""
