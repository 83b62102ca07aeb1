"""Tests of the HA-free api.video client, its deliveries and its simulator."""
