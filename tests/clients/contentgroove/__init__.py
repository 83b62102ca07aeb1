"""Tests of the ContentGroove client, its delivery parsing and its simulator."""
