"""Tests of the HA-free Clevercast client."""
